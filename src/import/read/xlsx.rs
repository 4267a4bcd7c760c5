//! `.xlsx` streamed cell by cell: the declared dimension of a sheet is never trusted for
//! allocation (calamine's whole-range reader allocates rows × columns up front).

use std::io::{Cursor, Read, Seek, Write};

use calamine::{Reader, Xlsx, XlsxError};

use super::workbook::value_of_ref;
use super::{choose_sheet, limits, refusal, Package, ReadOptions, RowSink};
use crate::import::error::ImportError;
use crate::import::progress::Progress;
use crate::import::table::{RawRow, Value};

fn corrupt(file: &str, error: XlsxError) -> ImportError {
    refusal::xlsx(file, error)
}

/// Reads the sheet `options` designates, handing each row to `sink` as soon as it is read (in
/// the file's order, which is the sheet's but for rare files written out of order); returns
/// the rows that held a formula.
pub(super) fn read(
    package: Package<'_>,
    file: &str,
    options: &ReadOptions,
    progress: &Progress,
    sink: &mut dyn RowSink,
) -> Result<Vec<u32>, ImportError> {
    match Xlsx::new(package.open(file)?) {
        Ok(workbook) => read_workbook(workbook, file, options, progress, sink),
        // calamine refuses a whole workbook holding an Excel 4.0 macro sheet, which Excel
        // opens: it is read again with those sheets declared as dialog sheets, which hold no
        // sign-ups and are passed over like charts.
        Err(XlsxError::Unrecognized {
            typ: "sheet:type", ..
        }) => {
            let package = macro_sheets_as_dialogs(package, file)?;
            let workbook = Xlsx::new(Cursor::new(package)).map_err(|e| corrupt(file, e))?;
            read_workbook(workbook, file, options, progress, sink)
        }
        Err(e) => Err(corrupt(file, e)),
    }
}

/// The kinds of relationship Excel gives its 4.0 macro sheets ([MS-XLSX] 2.1.33, 2.1.34).
const MACRO_SHEETS: [&str; 2] = ["/xlMacrosheet", "/xlIntlMacrosheet"];

/// The package again, in memory, its relationship parts naming macro sheets rewritten so that
/// they name dialog sheets; every other part is copied as it is, still compressed (this runs
/// after the zip checks, and only relationship parts under 1 MB are inflated).
fn macro_sheets_as_dialogs(package: Package<'_>, file: &str) -> Result<Vec<u8>, ImportError> {
    let io = |source| ImportError::Io {
        file: file.to_string(),
        source,
    };
    let zip = |e: zip::result::ZipError| refusal::zip(file, &e);
    let mut archive = zip::ZipArchive::new(package.open(file)?).map_err(zip)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let relationships = {
            let entry = archive.by_index_raw(i).map_err(zip)?;
            let name = entry.name().map(|n| n.to_lowercase()).unwrap_or_default();
            name.ends_with(".rels") && entry.size() <= 1024 * 1024
        };
        if relationships {
            let mut entry = archive.by_index(i).map_err(zip)?;
            let name = entry.name().map_err(zip)?.to_string();
            let mut text = String::new();
            (&mut entry)
                .take(1024 * 1024)
                .read_to_string(&mut text)
                .map_err(|e| refusal::zip(file, &zip::result::ZipError::Io(e)))?;
            if MACRO_SHEETS.iter().any(|t| text.contains(t)) {
                for kind in MACRO_SHEETS {
                    text = text.replace(kind, "/dialogsheet");
                }
                let options = zip::write::SimpleFileOptions::default();
                out.start_file(name, options).map_err(zip)?;
                out.write_all(text.as_bytes()).map_err(io)?;
                continue;
            }
        }
        out.raw_copy_file(archive.by_index_raw(i).map_err(zip)?)
            .map_err(zip)?;
    }
    Ok(out.finish().map_err(zip)?.into_inner())
}

fn read_workbook<RS: Read + Seek>(
    mut workbook: Xlsx<RS>,
    file: &str,
    options: &ReadOptions,
    progress: &Progress,
    sink: &mut dyn RowSink,
) -> Result<Vec<u32>, ImportError> {
    // Dialog sheets (and the macro sheets made so above) are passed over when choosing.
    let not_worksheets: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ != calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let names = workbook.sheet_names();
    // A sheet that cannot be read is no sheet with data; if none has data, the first such
    // failure is what the organiser is told (a missing or broken part), not « no data ».
    let mut unreadable = None;
    let sheet = choose_sheet(&names, options, file, |name| {
        if not_worksheets.iter().any(|n| n == name) {
            return false;
        }
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
    sink.begin(Some(&sheet), &names);
    let mut reader = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|e| corrupt(file, e))?;
    // The row being read, whether it held a formula, and how many rows were started.
    let mut current: Option<(RawRow, bool)> = None;
    let mut started: u32 = 0;
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
        let same_row = current.as_ref().is_some_and(|(r, _)| r.number == number);
        if started >= limits::MAX_ROWS + 100 && !same_row {
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
        if !same_row {
            progress.rows(started, file)?;
            started += 1;
            // As wide as the row before: a sheet's rows are mostly as wide as each other.
            let width = current.as_ref().map_or(0, |(r, _)| r.cells.len());
            let previous = current.replace((
                RawRow {
                    number,
                    cells: Vec::with_capacity(width),
                },
                false,
            ));
            hand_over(previous, sink);
        }
        if let Some((current, formula)) = current.as_mut() {
            let col = col as usize;
            if current.cells.len() <= col {
                current.cells.resize(col + 1, Value::Empty);
            }
            current.cells[col] = value;
            *formula |= has_formula;
        }
    }
    hand_over(current, sink);
    Ok(formula_rows)
}

/// Hands a row read over to `sink`: a blank row only when it held a formula (a totals row may
/// be computed blank).
fn hand_over(row: Option<(RawRow, bool)>, sink: &mut dyn RowSink) {
    if let Some((row, formula)) = row {
        if formula || !row.is_blank() {
            sink.row(row, formula);
        }
    }
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
