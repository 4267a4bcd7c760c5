//! `.xlsx` streamed cell by cell: the declared dimension of a sheet is never trusted for
//! allocation (calamine's whole-range reader allocates rows × columns up front).

use std::path::Path;

use calamine::{Reader, Xlsx, XlsxError};

use super::workbook::value_of_ref;
use super::{choose_sheet, limits, refusal, ReadOptions};
use crate::import::error::ImportError;
use crate::import::progress::Progress;
use crate::import::table::{RawRow, RawTable, Value};

fn corrupt(file: &str, error: XlsxError) -> ImportError {
    refusal::xlsx(file, error)
}

pub(super) fn read(
    path: &Path,
    file: &str,
    options: &ReadOptions,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    let mut workbook: Xlsx<_> = calamine::open_workbook(path).map_err(|e| corrupt(file, e))?;
    let names = workbook.sheet_names();
    // A sheet that cannot be read is no sheet with data; if none has data, the first such
    // failure is what the organiser is told (a missing or broken part), not « no data ».
    let mut unreadable = None;
    let sheet = choose_sheet(&names, options, file, |name| {
        match sheet_has_data(&mut workbook, name) {
            Ok(has) => has,
            Err(e) => {
                unreadable.get_or_insert(e);
                false
            }
        }
    })
    .map_err(|no_data| match (no_data, unreadable) {
        (ImportError::NoData { .. }, Some(e)) => corrupt(file, e),
        (other, _) => other,
    })?;
    let mut reader = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|e| corrupt(file, e))?;
    let mut rows: Vec<RawRow> = Vec::new();
    let mut formula_rows = Vec::new();
    while let Some(cell) = reader
        .next_cell_with_formula()
        .map_err(|e| corrupt(file, e))?
    {
        let (row, col) = cell.pos;
        if col >= limits::MAX_COLUMNS {
            continue;
        }
        let value = value_of_ref(cell.value);
        let has_formula = cell.formula.as_deref().is_some_and(|f| !f.is_empty());
        if value.is_empty() && !has_formula {
            continue;
        }
        let number = row + 1;
        if rows.len() as u32 >= limits::MAX_ROWS + 100
            && rows.last().is_some_and(|r| r.number != number)
        {
            return Err(ImportError::TooLarge {
                file: file.to_string(),
                detail: format!(
                    "plus de {} lignes dans la feuille « {sheet} »",
                    limits::MAX_ROWS
                ),
            });
        }
        if has_formula && formula_rows.last() != Some(&number) {
            formula_rows.push(number);
        }
        // Cells arrive in row order; a new row number starts a new row.
        if rows.last().is_none_or(|r| r.number != number) {
            progress.rows(rows.len() as u32, file)?;
            rows.push(RawRow {
                number,
                cells: Vec::new(),
            });
        }
        if let Some(current) = rows.last_mut() {
            let col = col as usize;
            if current.cells.len() <= col {
                current.cells.resize(col + 1, Value::Empty);
            }
            current.cells[col] = value;
        }
    }
    // Files written out of order are rare but legal.
    rows.sort_by_key(|r| r.number);
    rows.retain(|r| !r.is_blank() || formula_rows.contains(&r.number));
    Ok(RawTable {
        sheet: Some(sheet),
        sheet_names: names,
        rows,
        formula_rows,
    })
}

fn sheet_has_data<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
) -> Result<bool, XlsxError> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet: no cells, nothing wrong.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(false),
        Err(e) => return Err(e),
    };
    while let Some(cell) = reader.next_cell()? {
        if !calamine::DataType::is_empty(cell.get_value()) {
            return Ok(true);
        }
    }
    Ok(false)
}
