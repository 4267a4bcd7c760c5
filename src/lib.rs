//! Binômes engine: everything the "Vis mon job" pairing tool knows, with no user interface.
//!
//! The desktop shell (`src-tauri/`) and the `binome` command line are thin clients of this crate.
//! See `ARCHITECTURE.md` for the map.

pub mod actions;
pub mod demo;
pub mod export;
pub mod files;
pub mod import;
pub mod messages;
pub mod model;
pub mod referentials;
pub mod season;
pub mod store;
pub mod suggest;
pub mod text;

pub use store::{Store, StoreError};
