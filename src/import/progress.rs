//! How far a long read has got, and a way to stop it: the window shows "N lignes lues" and
//! an "Annuler" button while a large file is read.

use std::sync::atomic::{AtomicBool, Ordering};

use super::error::ImportError;

/// Rows between two reports (and two checks of the cancel flag).
pub const REPORT_EVERY: u32 = 2_000;

/// Progress reporting and cancellation for one read.
pub struct Progress<'a> {
    on_rows: &'a (dyn Fn(u32) + Sync),
    cancelled: &'a AtomicBool,
}

static NEVER_CANCELLED: AtomicBool = AtomicBool::new(false);

fn ignore(_: u32) {}

impl<'a> Progress<'a> {
    /// Calls `on_rows` with the number of rows read so far, and stops the read with
    /// [`ImportError::Cancelled`] once `cancelled` is set.
    pub fn new(on_rows: &'a (dyn Fn(u32) + Sync), cancelled: &'a AtomicBool) -> Progress<'a> {
        Progress { on_rows, cancelled }
    }

    /// No reporting, never cancelled.
    pub fn none() -> Progress<'static> {
        Progress {
            on_rows: &ignore,
            cancelled: &NEVER_CANCELLED,
        }
    }

    /// Whether the organiser asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Called as rows are read; reports every [`REPORT_EVERY`] rows.
    pub fn rows(&self, rows: u32, file: &str) -> Result<(), ImportError> {
        if rows.is_multiple_of(REPORT_EVERY) {
            (self.on_rows)(rows);
            if self.cancelled.load(Ordering::Relaxed) {
                return Err(ImportError::Cancelled {
                    file: file.to_string(),
                });
            }
        }
        Ok(())
    }
}
