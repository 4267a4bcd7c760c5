//! Workbooks: the zip guard, and `.ods` / `.xls` read through calamine's ranges.

use std::fs::File;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader, Xls};

use super::xls::Layout;
use super::{choose_sheet, limits, refusal, xls, Kind, Package, ReadOptions, ReadSeek};
use crate::import::error::ImportError;
use crate::import::progress::Progress;
use crate::import::table::{RawRow, RawTable, Value};

type Archive<'a> = zip::ZipArchive<Box<dyn ReadSeek + 'a>>;

fn open_zip<'a>(package: Package<'a>, file: &str) -> Result<Archive<'a>, ImportError> {
    zip::ZipArchive::new(package.open(file)?).map_err(|e| refusal::zip(file, &e))
}

/// A part's name as a package means it: some Windows tools write `\\` for `/`, and names are
/// compared without case (as Excel and calamine do).
fn part_name(name: &str) -> String {
    name.replace('\\', "/")
        .trim_start_matches('/')
        .to_lowercase()
}

/// The first megabyte of a small part (a package's content types, an OpenDocument's
/// `mimetype`), read without trusting its declared size: this runs before the zip-bomb check.
fn small_part(archive: &mut Archive<'_>, wanted: &str) -> Option<String> {
    let index = (0..archive.len()).find(|&i| {
        archive
            .name_for_index(i)
            .and_then(Result::ok)
            .is_some_and(|name| part_name(&name) == wanted)
    })?;
    let entry = archive.by_index(index).ok()?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(entry, 1024 * 1024), &mut bytes).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Tells an `.xlsx` from an `.ods` from any other zip, reading only the table of contents and,
/// when the workbook is not at its usual place, the package's list of content types.
pub(super) fn zip_kind(package: Package<'_>, file: &str) -> Result<Kind, ImportError> {
    let mut archive = open_zip(package, file)?;
    let names: std::collections::HashSet<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|name| part_name(&name))
        .collect();
    let not = |detail: &str| ImportError::NotASpreadsheet {
        file: file.to_string(),
        detail: detail.to_string(),
    };
    let xlsb = "c'est un classeur binaire .xlsb : enregistrez-le au format .xlsx";
    if names.contains("xl/workbook.bin") {
        return Err(not(xlsb));
    }
    if names.contains("xl/workbook.xml") {
        return Ok(Kind::Xlsx);
    }
    if names.contains("content.xml") {
        // An OpenDocument text or presentation has a content.xml too; its `mimetype` says.
        let mime = small_part(&mut archive, "mimetype").unwrap_or_default();
        let document = mime
            .trim()
            .strip_prefix("application/vnd.oasis.opendocument.");
        return match document {
            None | Some("spreadsheet" | "spreadsheet-template") => Ok(Kind::Ods),
            Some("text" | "text-template") => Err(not("c'est un document texte OpenDocument")),
            Some("presentation" | "presentation-template") => {
                Err(not("c'est une présentation OpenDocument"))
            }
            Some(_) => Err(not(
                "c'est un document OpenDocument qui n'est pas un classeur",
            )),
        };
    }
    // A package whose workbook lies elsewhere, found through `_rels/.rels` (calamine follows
    // it): what the package holds is told by its content types.
    if names.contains("[content_types].xml") {
        let types = small_part(&mut archive, "[content_types].xml").unwrap_or_default();
        let types = types.to_lowercase();
        if types.contains("ms-excel.sheet.binary") {
            return Err(not(xlsb));
        }
        if [
            "spreadsheetml.sheet.main",
            "spreadsheetml.template.main",
            "ms-excel.sheet.macroenabled.main",
            "ms-excel.template.macroenabled.main",
        ]
        .iter()
        .any(|t| types.contains(t))
        {
            return Ok(Kind::Xlsx);
        }
        if types.contains("presentationml") {
            return Err(not("c'est une présentation PowerPoint"));
        }
        if types.contains("wordprocessingml") {
            return Err(not("c'est un document Word"));
        }
    }
    if names.contains("word/document.xml") {
        return Err(not("c'est un document Word"));
    }
    Err(not("c'est une archive zip qui ne contient pas de classeur"))
}

/// Refuses zip bombs: the inflated sizes the archive declares, in total and per part.
/// (A lying declaration is caught by the zip reader, which stops at the declared size.)
pub(super) fn check_zip(package: Package<'_>, file: &str) -> Result<(), ImportError> {
    let mut archive = open_zip(package, file)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| refusal::zip(file, &e))?;
        let (inflated, compressed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(inflated);
        let suspicious = inflated > 32 * 1024 * 1024 && inflated / compressed > limits::MAX_RATIO;
        if suspicious || total > limits::MAX_INFLATED_BYTES {
            return Err(ImportError::TooLarge {
                file: file.to_string(),
                detail: format!(
                    "son contenu décompressé dépasserait {} Mo (archive piégée ?)",
                    total.max(inflated) / (1024 * 1024)
                ),
            });
        }
    }
    Ok(())
}

/// An encrypted `.xlsx` is an OLE file holding an `EncryptedPackage` stream.
pub(super) fn is_encrypted_ooxml(path: &Path) -> bool {
    let mut head = vec![0u8; 1 << 20];
    let n = File::open(path)
        .and_then(|mut f| super::read_up_to(&mut f, &mut head))
        .unwrap_or(0);
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    head[..n].windows(needle.len()).any(|w| w == needle)
}

pub(super) fn read_ods(
    path: &Path,
    file: &str,
    options: &ReadOptions,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    let mut workbook: Ods<_> = calamine::open_workbook(path).map_err(|e| refusal::ods(file, e))?;
    read_ranges(&mut workbook, file, options, progress, |_| None)
}

pub(super) fn read_xls(
    path: &Path,
    file: &str,
    options: &ReadOptions,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    let prepared = xls::prepare(path, file)?;
    let layouts = prepared.layouts;
    let mut workbook = Xls::new(Cursor::new(prepared.bytes)).map_err(|e| refusal::xls(file, e))?;
    let names = workbook.sheet_names();
    // The layouts follow the workbook's sheets; if calamine saw other sheets than the walk
    // did, rows could be numbered wrong: refused rather than guessed.
    if names.len() != layouts.len() {
        return Err(ImportError::Corrupt {
            file: file.to_string(),
            detail: refusal::damage::STRUCTURE.into(),
        });
    }
    read_ranges(&mut workbook, file, options, progress, |sheet| {
        names
            .iter()
            .position(|n| n == sheet)
            .and_then(|i| layouts.get(i))
    })
}

/// Legacy `.xls` (compacted first, see `xls.rs`) and `.ods` (behind the zip guard) are read as
/// whole ranges. `layout` gives, for an `.xls` sheet, where its compacted rows and columns
/// really are; without one, the range's positions are the real ones.
fn read_ranges<'l, RS, R>(
    workbook: &mut R,
    file: &str,
    options: &ReadOptions,
    progress: &Progress,
    layout: impl Fn(&str) -> Option<&'l Layout>,
) -> Result<RawTable, ImportError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: Into<Refusal>,
{
    let names = workbook.sheet_names();
    let sheet = choose_sheet(&names, options, file, |name| {
        workbook.worksheet_range(name).is_ok_and(|r| {
            r.used_cells()
                .any(|(_, _, v)| !calamine::DataType::is_empty(v))
        })
    })?;
    let range = workbook
        .worksheet_range(&sheet)
        .map_err(|e| e.into().refuse(file))?;
    if range.height() as u64 > u64::from(limits::MAX_ROWS) + 100 {
        return Err(ImportError::TooLarge {
            file: file.to_string(),
            detail: format!("{} lignes dans la feuille « {sheet} »", range.height()),
        });
    }
    let layout = layout(&sheet);
    let misplaced = || ImportError::Corrupt {
        file: file.to_string(),
        detail: refusal::damage::STRUCTURE.into(),
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let row_at = first_row + i as u32;
        let number = match layout {
            Some(l) => *l.rows.get(row_at as usize).ok_or_else(misplaced)?,
            None => row_at,
        } + 1;
        let mut cells: Vec<Value> = Vec::new();
        for (j, data) in row.iter().enumerate() {
            let col_at = first_col + j as u32;
            let col = match layout {
                Some(l) => *l.cols.get(col_at as usize).ok_or_else(misplaced)?,
                None => col_at,
            };
            if col >= limits::MAX_COLUMNS {
                break;
            }
            let value = value_of_data(data);
            // Only what is there is placed: the compacted grid has no empty columns between.
            if !value.is_empty() || layout.is_none() {
                let col = col as usize;
                if cells.len() < col {
                    cells.resize(col, Value::Empty);
                }
                cells.push(value);
            }
        }
        // As wide as the sheet's last column, as the whole range was before compaction.
        if let Some(last) = layout.and_then(|l| l.cols.last()) {
            let width = (*last + 1).min(limits::MAX_COLUMNS) as usize;
            if cells.len() < width {
                cells.resize(width, Value::Empty);
            }
        }
        let raw = RawRow { number, cells };
        if !raw.is_blank() {
            progress.rows(rows.len() as u32, file)?;
            rows.push(raw);
        }
    }
    Ok(RawTable {
        sheet: Some(sheet),
        sheet_names: names,
        rows,
        formula_rows: Vec::new(),
    })
}

/// The error of either workbook reader, to be told in French.
enum Refusal {
    Ods(calamine::OdsError),
    Xls(calamine::XlsError),
}

impl Refusal {
    fn refuse(self, file: &str) -> ImportError {
        match self {
            Refusal::Ods(e) => refusal::ods(file, e),
            Refusal::Xls(e) => refusal::xls(file, e),
        }
    }
}

impl From<calamine::OdsError> for Refusal {
    fn from(e: calamine::OdsError) -> Self {
        Refusal::Ods(e)
    }
}

impl From<calamine::XlsError> for Refusal {
    fn from(e: calamine::XlsError) -> Self {
        Refusal::Xls(e)
    }
}

pub(super) fn value_of_data(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Float(f) => number(*f),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => date_value(dt),
        Data::DateTimeIso(s) => Value::Date(s.clone()),
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    }
}

pub(super) fn value_of_ref(data: DataRef<'_>) -> Value {
    match data {
        DataRef::Empty => Value::Empty,
        DataRef::String(s) => Value::Text(s),
        DataRef::SharedString(s) => Value::Text(s.to_string()),
        DataRef::Float(f) => number(f),
        DataRef::Int(i) => Value::Number(i as f64),
        DataRef::Bool(b) => Value::Bool(b),
        DataRef::DateTime(dt) => date_value(&dt),
        DataRef::DateTimeIso(s) => Value::Date(s),
        DataRef::DurationIso(s) => Value::Text(s),
        DataRef::Error(e) => Value::Error(e.to_string()),
    }
}

/// A number cell. Not a number or an infinity (a damaged or hand-made file) is the error Excel
/// shows for it: it must not reach the reader child's JSON, which has no such numbers.
fn number(f: f64) -> Value {
    if f.is_finite() {
        Value::Number(f)
    } else {
        Value::Error("#NUM!".into())
    }
}

/// Excel serial dates, 1900 or 1904 system (calamine knows which), to ISO 8601.
fn date_value(dt: &calamine::ExcelDateTime) -> Value {
    if !dt.is_datetime() {
        return Value::Number(dt.as_f64());
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        Value::Date(format!("{y:04}-{mo:02}-{d:02}"))
    } else {
        Value::Date(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"))
    }
}
