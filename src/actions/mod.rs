//! The use cases: one function for each thing an organiser does, whichever way they do it.
//!
//! The desktop shell's commands and the `binome` command line are translations over these
//! functions (arguments in, one call, result out); no recipe of a user action is written
//! anywhere else. A use case takes the open [`Store`](crate::Store) and plain inputs, reads and
//! writes through the store, computes with the domain modules (`import`, `suggest`, `season`,
//! `messages`, `export`), and returns the view types the window shows (TypeScript bindings with
//! the `ts` feature).
//!
//! This is the top layer of the engine: nothing in `src/` but `main.rs` imports from it
//! (`tests/layering.rs`).

pub mod board;
pub mod database;
pub mod demo;
pub mod editions;
mod error;
pub mod export;
pub mod follow_up;
pub mod import;
pub mod messages;
pub mod pair;
pub mod people;
pub mod referentials;
pub mod rules;
pub mod sending;
pub mod suggest;
pub mod why;

pub use board::{BoardChange, BoardData};
pub use error::ActionError;
