//! Storing an imported file: the batch, every row as it came, and the people read from it —
//! all in one transaction.

use rusqlite::{params, Connection};

use super::{editions, people, Store, StoreError};
use crate::model::{
    BatchId, BatchRow, Edition, EditionId, NewBatch, NewEdition, PersonRecord, SourceRowId,
};

impl Store {
    /// Creates an edition already holding the given batches, in one transaction.
    pub fn create_edition_with_batches(
        &mut self,
        new: &NewEdition,
        is_demo: bool,
        batches: &[(NewBatch, Vec<BatchRow>)],
    ) -> Result<Edition, StoreError> {
        self.write_in_bulk(|tx| {
            let edition = editions::insert_edition(tx, new, is_demo)?;
            for (batch, rows) in batches {
                insert_batch(tx, edition.id, batch, rows)?;
            }
            Ok(edition)
        })
    }
}

pub(super) fn insert_batch(
    conn: &Connection,
    edition: EditionId,
    batch: &NewBatch,
    rows: &[BatchRow],
) -> Result<BatchId, StoreError> {
    insert_batch_with(conn, edition, batch, rows, |_| {
        (Some(people::Write::Insert(edition)), None)
    })
}

/// Stores a batch and its rows. `how(i)` says how row i's person is written (created in the
/// edition, or replacing an existing person's data; `None` for rejected rows) and, when the
/// record to write is not the row's own (a re-import completed with known data), which one.
pub(super) fn insert_batch_with<'r>(
    conn: &Connection,
    edition: EditionId,
    batch: &NewBatch,
    rows: &'r [BatchRow],
    how: impl Fn(usize) -> (Option<people::Write>, Option<&'r PersonRecord>),
) -> Result<BatchId, StoreError> {
    let rejected = rows
        .iter()
        .filter(|r| matches!(r.record, PersonRecord::Rejected(_)))
        .count();
    conn.execute(
        "INSERT INTO import_batch (edition_id, role, file_name, sheet, header_row, headers,
                                   rows_read, rows_rejected)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            edition,
            batch.role.as_str(),
            batch.file_name,
            batch.sheet,
            batch.header_row,
            serde_json::to_string(&batch.headers).expect("a list of strings serialises"),
            rows.len() as i64,
            rejected as i64,
        ],
    )?;
    let batch_id = BatchId(conn.last_insert_rowid());
    let mut insert_row = conn.prepare_cached(
        "INSERT INTO source_row (batch_id, row_number, cells, rejected_reason) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, row) in rows.iter().enumerate() {
        let reason = match &row.record {
            PersonRecord::Rejected(reason) => Some(reason.as_str()),
            _ => None,
        };
        insert_row.execute(params![
            batch_id,
            row.row_number,
            row.cells.as_json(),
            reason,
        ])?;
        let source = SourceRowId(conn.last_insert_rowid());
        let (write, replacement) = how(i);
        match (replacement.unwrap_or(&row.record), write) {
            (PersonRecord::Student(student), Some(how)) => {
                people::write_student(conn, how, student, Some(source))?;
            }
            (PersonRecord::Ambassador(ambassador), Some(how)) => {
                people::write_ambassador(conn, how, ambassador, Some(source))?;
            }
            _ => {}
        }
    }
    Ok(batch_id)
}
