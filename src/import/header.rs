//! Where the table starts and ends: the header row, even below title rows, and the rows at
//! the bottom that are not people (totals).

use super::error::{sheet_suffix, ImportError};
use super::fields::{header_score, other_role_columns, ColumnMatch, Field};
use super::normalize::text_of;
use super::table::{RawRow, RawTable};
use crate::model::Role;

/// How many non-blank rows are searched for the header.
pub const HEADER_SCAN_ROWS: usize = 30;

/// The header found in a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Index of the header in `RawTable::rows`.
    pub index: usize,
    /// 1-based row number in the sheet.
    pub row: u32,
    /// Header cells as they came.
    pub cells: Vec<String>,
    /// Non-blank rows above the header (titles), by number.
    pub title_rows: Vec<u32>,
}

/// The row among the first ones that best names the fields of `role`.
pub fn find_header(role: Role, table: &RawTable, file: &str) -> Result<Header, ImportError> {
    find_header_in(role, &table.rows, &table.sheet, file)
}

/// Like [`find_header`], among the first `rows` of `sheet` (those of a table still being read).
pub fn find_header_in(
    role: Role,
    rows: &[RawRow],
    sheet: &Option<String>,
    file: &str,
) -> Result<Header, ImportError> {
    let mut best: Option<(u32, usize)> = None;
    for (index, row) in rows.iter().take(HEADER_SCAN_ROWS).enumerate() {
        let cells: Vec<String> = row.cells.iter().map(|v| v.to_text()).collect();
        let score = header_score(role, &cells);
        if score >= 3 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, index));
        }
    }
    let Some((_, index)) = best else {
        return Err(ImportError::NoHeader {
            file: file.to_string(),
            sheet: sheet_suffix(sheet),
            scanned: HEADER_SCAN_ROWS.min(rows.len()),
        });
    };
    let row = &rows[index];
    let cells: Vec<String> = row.cells.iter().map(|v| v.to_text()).collect();
    if let Some(columns) = other_role_columns(role, &cells) {
        let named: Vec<String> = columns
            .iter()
            .take(3)
            .map(|c| format!("« {} »", c.trim()))
            .collect();
        let sheet = sheet
            .as_ref()
            .map(|s| format!("feuille « {s} », "))
            .unwrap_or_default();
        return Err(ImportError::OtherRole {
            file: file.to_string(),
            role,
            columns: format!("{sheet}colonnes {}", named.join(", ")),
        });
    }
    Ok(Header {
        index,
        row: row.number,
        cells: row.cells.iter().map(|v| v.to_text()).collect(),
        title_rows: rows[..index].iter().map(|r| r.number).collect(),
    })
}

/// A totals row: it says "Total", or holds a formula, and names nobody (no name, no e-mail).
pub fn is_totals_row(row: &RawRow, held_formula: bool, columns: &[ColumnMatch]) -> bool {
    let names_somebody = columns.iter().any(|c| {
        matches!(
            c.field,
            Some(Field::LastName | Field::FirstName | Field::Email)
        ) && text_of(row.get(c.index as usize)).is_some()
    });
    if names_somebody {
        return false;
    }
    let says_total = row
        .cells
        .iter()
        .filter_map(text_of)
        .next()
        .is_some_and(|first| {
            let key = first.to_lowercase();
            ["total", "totaux", "somme", "sous-total"]
                .iter()
                .any(|w| key.starts_with(w))
        });
    says_total || held_formula
}
