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
    pub cells: SourceCells,
    pub record: PersonRecord,
}

/// A row's cells as they came, held as the JSON list of texts the store keeps
/// (`source_row.cells`), from the moment the row is read: one allocation per row rather than
/// one per cell. An import holds every row between its preview and its storing; on a
/// 50,000-row export of 32 columns the texts one by one took about three times the memory, and
/// writing them out was left to the storing, after the file was read (#21).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCells {
    json: Box<str>,
    len: u32,
}

impl SourceCells {
    /// The cells `texts` gives, in column order.
    pub fn new<T: AsRef<str>>(texts: impl IntoIterator<Item = T>) -> SourceCells {
        let mut len = 0u32;
        let mut json = Vec::new();
        // Into memory, a list of strings cannot fail to be written.
        let _ = serde::Serializer::collect_seq(
            &mut serde_json::Serializer::new(&mut json),
            texts.into_iter().map(|text| {
                len += 1;
                Text(text)
            }),
        );
        SourceCells {
            json: String::from_utf8_lossy(&json).into(),
            len,
        }
    }

    /// As stored: a JSON list of strings, the same bytes `serde_json` writes for a
    /// `Vec<String>`.
    pub fn as_json(&self) -> &str {
        &self.json
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The texts one by one (for the few rows an organiser is shown).
    pub fn texts(&self) -> Vec<String> {
        serde_json::from_str(&self.json).unwrap_or_default()
    }
}

/// A text written as a JSON string, whatever holds it.
struct Text<T>(T);

impl<T: AsRef<str>> Serialize for Text<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::SourceCells;

    /// The store keeps rows imported before this type existed: both must be the same JSON.
    #[test]
    fn cells_are_the_json_of_their_texts() {
        let texts: Vec<String> = [
            "",
            "Léa « Lé » O'Brien",
            "guillemets \" et barre \\ oblique",
            "ligne\nsuivante\ttab\u{1}\u{1f}",
            "emoji 🎓 et \u{2028}",
            "  espaces  ",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let cells = SourceCells::new(&texts);
        assert_eq!(cells.as_json(), serde_json::to_string(&texts).unwrap());
        assert_eq!(cells.len(), texts.len());
        assert_eq!(cells.texts(), texts);
        let none = SourceCells::new(Vec::<String>::new());
        assert_eq!(none.as_json(), "[]");
        assert!(none.is_empty());
    }
}
