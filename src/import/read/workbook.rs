//! Workbooks: the zip guard, and `.ods` / `.xls` read through calamine's ranges.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader, Xls};

use super::{choose_sheet, limits, Kind, ReadOptions};
use crate::import::error::ImportError;
use crate::import::progress::Progress;
use crate::import::table::{RawRow, RawTable, Value};

fn corrupt(file: &str, detail: impl std::fmt::Display) -> ImportError {
    ImportError::Corrupt {
        file: file.to_string(),
        detail: detail.to_string(),
    }
}

fn open_zip(path: &Path, file: &str) -> Result<zip::ZipArchive<BufReader<File>>, ImportError> {
    let reader = File::open(path).map_err(|source| ImportError::Io {
        file: file.to_string(),
        source,
    })?;
    zip::ZipArchive::new(BufReader::new(reader))
        .map_err(|e| corrupt(file, format!("archive illisible ({e})")))
}

/// Tells an `.xlsx` from an `.ods` from any other zip, reading only the table of contents.
pub(super) fn zip_kind(path: &Path, file: &str) -> Result<Kind, ImportError> {
    let archive = open_zip(path, file)?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|name| name.into_owned())
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    if names.contains(&"xl/workbook.xml") || names.contains(&"xl/workbook.bin") {
        if names.contains(&"xl/workbook.bin") {
            return Err(ImportError::NotASpreadsheet {
                file: file.to_string(),
                detail: "c'est un classeur binaire .xlsb : enregistrez-le au format .xlsx".into(),
            });
        }
        return Ok(Kind::Xlsx);
    }
    if names.contains(&"content.xml") {
        return Ok(Kind::Ods);
    }
    if names.contains(&"word/document.xml") {
        return Err(ImportError::NotASpreadsheet {
            file: file.to_string(),
            detail: "c'est un document Word".into(),
        });
    }
    Err(ImportError::NotASpreadsheet {
        file: file.to_string(),
        detail: "c'est une archive zip qui ne contient pas de classeur".into(),
    })
}

/// Refuses zip bombs: the inflated sizes the archive declares, in total and per part.
/// (A lying declaration is caught by the zip reader, which stops at the declared size.)
pub(super) fn check_zip(path: &Path, file: &str) -> Result<(), ImportError> {
    let mut archive = open_zip(path, file)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| corrupt(file, format!("archive illisible ({e})")))?;
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
    let mut workbook: Ods<_> =
        calamine::open_workbook(path).map_err(|e: calamine::OdsError| match e {
            calamine::OdsError::Password => ImportError::Encrypted {
                file: file.to_string(),
            },
            other => corrupt(file, other),
        })?;
    read_ranges(&mut workbook, file, options, progress)
}

pub(super) fn read_xls(
    path: &Path,
    file: &str,
    options: &ReadOptions,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    let mut workbook: Xls<_> =
        calamine::open_workbook(path).map_err(|e: calamine::XlsError| match e {
            calamine::XlsError::Password => ImportError::Encrypted {
                file: file.to_string(),
            },
            other => corrupt(file, other),
        })?;
    read_ranges(&mut workbook, file, options, progress)
}

/// Legacy `.xls` (at most 65,536 × 256 cells by design) and `.ods` (behind the zip guard) are
/// read as whole ranges.
fn read_ranges<R, E>(
    workbook: &mut R,
    file: &str,
    options: &ReadOptions,
    progress: &Progress,
) -> Result<RawTable, ImportError>
where
    R: Reader<BufReader<File>, Error = E>,
    E: std::fmt::Display,
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
        .map_err(|e| corrupt(file, e))?;
    if range.height() as u64 > u64::from(limits::MAX_ROWS) + 100 {
        return Err(ImportError::TooLarge {
            file: file.to_string(),
            detail: format!("{} lignes dans la feuille « {sheet} »", range.height()),
        });
    }
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut cells: Vec<Value> = vec![Value::Empty; first_col as usize];
        cells.extend(
            row.iter()
                .take(limits::MAX_COLUMNS as usize)
                .map(value_of_data),
        );
        let raw = RawRow {
            number: first_row + i as u32 + 1,
            cells,
        };
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
