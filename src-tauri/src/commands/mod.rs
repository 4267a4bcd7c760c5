//! The commands the UI calls, one file per domain. Each converts, calls the engine, maps errors.

pub mod app;
pub mod backups;
pub mod board;
pub mod demo;
pub mod editions;
pub mod import;
pub mod messages;
pub mod pairs;
pub mod people;
pub mod referentials;
