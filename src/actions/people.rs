//! The people of an edition, and the rows they came from.

use serde::Serialize;

use crate::model::{Ambassador, EditionId, SourceRow, SourceRowId, Student};
use crate::{Store, StoreError};

pub fn students(store: &Store, edition: EditionId) -> Result<Vec<Student>, StoreError> {
    store.list_students(edition)
}

pub fn ambassadors(store: &Store, edition: EditionId) -> Result<Vec<Ambassador>, StoreError> {
    store.list_ambassadors(edition)
}

/// An imported row as it came, with the header of its file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OriginalRow {
    pub headers: Vec<String>,
    pub row: SourceRow,
}

/// The row a person of the edition came from; `None` once it no longer exists (or is not of
/// this edition).
pub fn original_row(
    store: &Store,
    edition: EditionId,
    id: SourceRowId,
) -> Result<Option<OriginalRow>, StoreError> {
    Ok(store
        .source_row(edition, id)?
        .map(|(headers, row)| OriginalRow { headers, row }))
}
