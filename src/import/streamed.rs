//! Reading and understanding a sheet side by side: one thread reads the file and hands its
//! rows over in chunks as they are read, while the caller's thread finds the header and
//! understands each row (#21: on a 50,000-row export each takes about as long as the other,
//! so together they take about as long as the reading alone).
//!
//! The result is the one of reading the whole sheet first, then understanding it
//! ([`super::understand`]), to the same rows, warnings and errors:
//! - the reader always reads to the end of the file, even when understanding has failed (no
//!   header), so that a file refused as damaged or a read cancelled is told as before: the
//!   reader's error comes first;
//! - a sheet whose rows were written out of order (rare, legal) needs them sorted before
//!   anything is understood: the caller is told (`None`) and reads the file whole again.

use std::cell::Cell;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use super::read::{read_rows, ReadOptions, RowSink};
use super::table::RawRow;
use super::{understand_rows, Analysis, ImportError, Progress};
use crate::model::{Remembered, Role};

/// Rows handed over at once: few enough that understanding starts at once, enough that the
/// handing over costs nothing next to the rows themselves.
const CHUNK: usize = 512;
/// Chunks the reader may be ahead of understanding: it bounds the memory of the rows waiting.
const AHEAD: usize = 16;

enum Message {
    /// The sheet read and every sheet of the workbook, before any row.
    Begin(Option<String>, Vec<String>),
    Rows(Vec<(RawRow, bool)>),
}

/// The reader's side of the channel. The receiving side lives until the reader has finished
/// (it takes every row, understood or not), so a hand-over never fails.
struct Handing {
    to: SyncSender<Message>,
    chunk: Vec<(RawRow, bool)>,
}

impl Handing {
    fn flush(&mut self) {
        if !self.chunk.is_empty() {
            let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
            let _ = self.to.send(Message::Rows(chunk));
        }
    }
}

impl RowSink for Handing {
    fn begin(&mut self, sheet: Option<&str>, sheet_names: &[String]) {
        let begin = Message::Begin(sheet.map(str::to_string), sheet_names.to_vec());
        let _ = self.to.send(begin);
    }

    fn row(&mut self, row: RawRow, formula: bool) {
        self.chunk.push((row, formula));
        if self.chunk.len() >= CHUNK {
            self.flush();
        }
    }
}

/// Reads and understands the sheet `options` designates side by side. `Ok(None)`: the rows
/// were written out of order (or no thread could be started); read the file whole instead.
pub(super) fn analyze(
    path: &std::path::Path,
    options: &ReadOptions,
    role: Role,
    file_name: &str,
    remembered: &Remembered,
    progress: &Progress,
) -> Result<Option<Analysis>, ImportError> {
    let (to, from) = sync_channel(AHEAD);
    std::thread::scope(|scope| {
        let reader = std::thread::Builder::new()
            .name("lecture".into())
            .spawn_scoped(scope, move || {
                let mut handing = Handing {
                    to,
                    chunk: Vec::with_capacity(CHUNK),
                };
                let read = read_rows(path, options, progress, &mut handing);
                handing.flush();
                read
            });
        let Ok(reader) = reader else {
            return Ok(None);
        };
        let understood = understand_received(&from, role, file_name, remembered);
        // The reader goes on to the end of the file whatever understanding made of it.
        for _ in from.iter() {}
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        read?;
        understood
    })
}

/// Understands the rows as they arrive; `Ok(None)` when they are not in the sheet's order.
fn understand_received(
    from: &Receiver<Message>,
    role: Role,
    file_name: &str,
    remembered: &Remembered,
) -> Result<Option<Analysis>, ImportError> {
    let mut messages = from.iter();
    // Without a beginning the reader failed, and its error is what the organiser is told.
    let Some(Message::Begin(sheet, sheet_names)) = messages.next() else {
        return Ok(None);
    };
    let in_order = Cell::new(true);
    let last = Cell::new(0u32);
    let rows = messages
        .map_while(|message| match message {
            Message::Rows(rows) => Some(rows),
            Message::Begin(..) => None,
        })
        .flatten()
        .take_while(|(row, _)| {
            let follows = row.number > last.get();
            last.set(row.number);
            in_order.set(follows);
            follows
        });
    let understood = understand_rows(sheet, sheet_names, rows, role, file_name, remembered);
    if !in_order.get() {
        return Ok(None);
    }
    understood.map(Some)
}
