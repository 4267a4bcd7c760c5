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

/// Sends the log (the reader libraries' own words, for whoever investigates a refused file) to
/// standard error when `RUST_LOG` asks for it (`RUST_LOG=warn`); otherwise nothing is logged, so
/// the command line's standard error stays one French line. Never written to a file: a library's
/// text can quote a cell of a sign-up sheet.
pub fn init_log() {
    let _ = env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("off"))
        .format_timestamp(None)
        .try_init();
}
