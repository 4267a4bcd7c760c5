use serde::{Deserialize, Serialize};

use super::{Ambassador, BatchId, EditionId, Role, SourceRowId, Student};

/// One file imported into an edition, with the header it had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportBatch {
    pub id: BatchId,
    pub edition_id: EditionId,
    pub role: Role,
    /// File name as the organiser chose it (no directory: the path may hold personal information).
    pub file_name: String,
    pub sheet: Option<String>,
    /// 1-based row number of the header in the sheet.
    pub header_row: Option<u32>,
    /// Header cells as they came, in column order.
    pub headers: Vec<String>,
    pub rows_read: u32,
    pub rows_rejected: u32,
    pub imported_at: String,
}

/// What is known of a batch before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBatch {
    pub role: Role,
    pub file_name: String,
    pub sheet: Option<String>,
    pub header_row: Option<u32>,
    pub headers: Vec<String>,
}

/// One row of an imported sheet, exactly as it came (every cell as text, in header order),
/// so that nothing the tool does not understand is ever lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SourceRow {
    pub id: SourceRowId,
    pub batch_id: BatchId,
    /// 1-based row number in the sheet, as the spreadsheet program shows it.
    pub row_number: u32,
    pub cells: Vec<String>,
    /// Set when the row could not be stored as a person, with the reason in French.
    pub rejected_reason: Option<String>,
}

/// What became of one row of an imported sheet.
#[derive(Debug, Clone)]
pub enum PersonRecord {
    Student(Student),
    Ambassador(Ambassador),
    /// The row could not become a person; the reason is in French.
    Rejected(String),
}

/// One row of an imported sheet: its cells as they came, and what was read from it.
#[derive(Debug, Clone)]
pub struct BatchRow {
    pub row_number: u32,
    pub cells: Vec<String>,
    pub record: PersonRecord,
}
