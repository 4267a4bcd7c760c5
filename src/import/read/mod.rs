//! Reading a sign-up file into a [`RawTable`], whatever its format, safely.
//!
//! The format is told by the content, not the extension (a `.xls` that is really an `.xlsx`
//! is read as such; a PDF renamed `.xlsx` is refused). Hostile files are stopped before they
//! cost memory: the zip table of contents is checked before any part is inflated (zip bombs),
//! `.xlsx` sheets are streamed cell by cell (a declared range of billions of cells allocates
//! nothing), and rows and columns are capped.
//!
//! A file that cannot be read is refused in one French sentence that names it and says what to
//! do; the reader libraries' own (English) text goes to the log, never into it (`refusal.rs`).

mod compound;
mod csv;
mod encrypted;
mod refusal;
mod workbook;
mod worker;
mod xls;
mod xlsx;

pub use worker::{isolate_readers, use_reader_process};

use std::io::{BufReader, Cursor, Read, Seek};
use std::path::Path;

use super::error::ImportError;
use super::progress::Progress;
use super::table::{RawRow, RawTable};

/// Limits no real sign-up export comes near.
pub mod limits {
    /// Size of the file on disk.
    pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
    /// Sum of the inflated sizes of a workbook's parts.
    pub const MAX_INFLATED_BYTES: u64 = 512 * 1024 * 1024;
    /// Inflated / compressed, for a part large enough to matter.
    pub const MAX_RATIO: u64 = 250;
    /// Data rows in a sheet.
    pub const MAX_ROWS: u32 = 200_000;
    /// Columns read per row; further columns are reported, not read.
    pub const MAX_COLUMNS: u32 = 1_000;
}

/// What to read from the file.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ReadOptions {
    /// The sheet the organiser chose; otherwise a preferred one, otherwise the first with data.
    pub sheet: Option<String>,
    /// Sheet names to pick first when present (`Dossiers` for démarches simplifiées).
    pub preferred_sheets: Vec<String>,
}

/// What the content of a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Ods,
    Xls,
    Text,
    /// An `.xlsx` encrypted by Office (a package inside a compound file).
    EncryptedXlsx,
}

/// Where a zip package's bytes are: in the file itself, or in memory (an `.xlsx` decrypted).
#[derive(Clone, Copy)]
enum Package<'a> {
    File(&'a Path),
    Memory(&'a [u8]),
}

trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

impl<'a> Package<'a> {
    fn open(self, file: &str) -> Result<Box<dyn ReadSeek + 'a>, ImportError> {
        match self {
            Package::File(path) => {
                let reader = std::fs::File::open(path).map_err(|source| ImportError::Io {
                    file: file.to_string(),
                    source,
                })?;
                Ok(Box::new(BufReader::new(reader)))
            }
            Package::Memory(bytes) => Ok(Box::new(Cursor::new(bytes))),
        }
    }
}

/// Reads the sheet of `path` that `options` designates.
pub fn read_table(path: &Path, options: &ReadOptions) -> Result<RawTable, ImportError> {
    read_table_with(path, options, &Progress::none())
}

/// Like [`read_table`], reporting progress and stopping when asked to.
pub fn read_table_with(
    path: &Path,
    options: &ReadOptions,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    let mut table = RawTable {
        sheet: None,
        sheet_names: Vec::new(),
        rows: Vec::new(),
        formula_rows: Vec::new(),
    };
    table.formula_rows = read_rows(path, options, progress, &mut table)?;
    // Files written out of order are rare but legal.
    table.rows.sort_by_key(|r| r.number);
    Ok(table)
}

/// Where the rows of a sheet go as they are read: [`read_rows`] hands them over one by one, so
/// that they can be understood while the rest of the file is still being read.
pub trait RowSink {
    /// The sheet read (`None` for CSV) and every sheet of the workbook, before any row.
    fn begin(&mut self, sheet: Option<&str>, sheet_names: &[String]);
    /// A row with a value (or one that held a formula), and whether it held a formula, in the
    /// file's order.
    fn row(&mut self, row: RawRow, formula: bool);
}

impl RowSink for RawTable {
    fn begin(&mut self, sheet: Option<&str>, sheet_names: &[String]) {
        self.sheet = sheet.map(str::to_string);
        self.sheet_names = sheet_names.to_vec();
    }

    fn row(&mut self, row: RawRow, _formula: bool) {
        self.rows.push(row);
    }
}

/// Reads the sheet of `path` that `options` designates into `sink` (streamed for `.xlsx`, the
/// format of large exports, whose reading is as long as understanding it; the others are read
/// whole first: a CSV's parsing is quick, and handing its rows over as they were parsed held
/// more memory for no time gained), reporting progress and stopping when asked to. Returns the
/// rows that held a formula, by number.
pub fn read_rows(
    path: &Path,
    options: &ReadOptions,
    progress: &Progress,
    sink: &mut dyn RowSink,
) -> Result<Vec<u32>, ImportError> {
    let file = ImportError::file_label(path);
    let io = |source| ImportError::Io {
        file: file.clone(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.len() == 0 {
        return Err(ImportError::Empty { file });
    }
    if metadata.len() > limits::MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            file,
            detail: format!("{} Mo", metadata.len() / (1024 * 1024)),
        });
    }
    let mut head = [0u8; 4096];
    let n = std::fs::File::open(path)
        .and_then(|mut f| read_up_to(&mut f, &mut head))
        .map_err(io)?;
    let head = &head[..n];
    let kind = sniff(path, head, &file)?;
    // A damaged file can make a reader library panic (tests/hostile_files.rs found calamine's
    // OLE reader slicing past the end of a truncated .xls): told as a damaged file, it must
    // not take the app down.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match kind {
        Kind::Xlsx => {
            workbook::check_zip(Package::File(path), &file)?;
            xlsx::read(Package::File(path), &file, options, progress, sink)
        }
        Kind::EncryptedXlsx => {
            // Only Excel's default password is tried: a workbook saved with it opens in
            // Excel without a question; any other password is the organiser's to remove.
            let bytes = encrypted::decrypt_with_default_password(path, &file)?;
            let package = Package::Memory(&bytes);
            workbook::check_zip(package, &file)?;
            match workbook::zip_kind(package, &file)? {
                Kind::Xlsx => xlsx::read(package, &file, options, progress, sink),
                _ => Err(refusal::not_a_workbook(&file)),
            }
        }
        Kind::Ods => {
            workbook::check_zip(Package::File(path), &file)?;
            let table = worker::read(worker::Format::Ods, path, &file, options, progress)?;
            Ok(hand_over(table, sink))
        }
        Kind::Xls => {
            let table = worker::read(worker::Format::Xls, path, &file, options, progress)?;
            Ok(hand_over(table, sink))
        }
        Kind::Text => Ok(hand_over(csv::read(path, &file, progress)?, sink)),
    }));
    read.unwrap_or_else(|_| {
        log::warn!("lecture de « {file} » : le lecteur a paniqué");
        Err(ImportError::Corrupt {
            file: file.clone(),
            detail: refusal::damage::STRUCTURE.into(),
        })
    })
}

/// A table read whole, handed over row by row.
fn hand_over(table: RawTable, sink: &mut dyn RowSink) -> Vec<u32> {
    sink.begin(table.sheet.as_deref(), &table.sheet_names);
    let formula: std::collections::HashSet<u32> = table.formula_rows.iter().copied().collect();
    for row in table.rows {
        let held_formula = formula.contains(&row.number);
        sink.row(row, held_formula);
    }
    table.formula_rows
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn sniff(path: &Path, head: &[u8], file: &str) -> Result<Kind, ImportError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let not = |detail: &str| ImportError::NotASpreadsheet {
        file: file.to_string(),
        detail: detail.to_string(),
    };
    if head.starts_with(b"PK\x03\x04") {
        return workbook::zip_kind(Package::File(path), file);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OLE container: a legacy .xls, or an encrypted .xlsx (which Office wraps in OLE).
        if workbook::is_encrypted_ooxml(path) {
            return Ok(Kind::EncryptedXlsx);
        }
        return Ok(Kind::Xls);
    }
    if head.starts_with(b"%PDF") {
        return Err(not("c'est un document PDF"));
    }
    if head.starts_with(&[0x89, b'P', b'N', b'G']) || head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Err(not("c'est une image"));
    }
    // Excel 2.x to 4.0 (1987–1992) wrote a worksheet as a bare BIFF2–4 stream: its first
    // record is a BOF (0x0009, 0x0209 or 0x0409).
    if matches!(
        head,
        [
            0x09,
            0x00 | 0x02 | 0x04,
            0x04 | 0x06 | 0x08 | 0x10,
            0x00,
            ..
        ]
    ) {
        return Err(ImportError::OldExcel {
            file: file.to_string(),
        });
    }
    let utf16 = head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || csv::utf16_without_bom(head).is_some();
    if !utf16 && looks_binary(head) {
        return Err(not("son contenu est binaire"));
    }
    // Sites that offer an « Excel » export often write a web page (or Excel 2003's XML) under
    // a .xls name; Excel opens it, and renaming it .csv would not help.
    if let Some(what) = web_page_or_xml_workbook(head) {
        return Err(not(&format!(
            "c'est {what} sous ce nom : ouvrez-le dans Excel ou LibreOffice, \
             enregistrez-le au format .xlsx et importez cette copie"
        )));
    }
    if matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        return Err(not(&format!(
            "son contenu est du texte, pas un classeur .{extension} (s'il s'agit d'un CSV, renommez-le en .csv)"
        )));
    }
    if !matches!(extension.as_str(), "csv" | "txt" | "tsv" | "") {
        return Err(ImportError::UnsupportedFormat {
            file: file.to_string(),
            extension: format!(".{extension}"),
        });
    }
    Ok(Kind::Text)
}

/// Bytes no text holds — controls other than tab, the line ends, vertical tab, form feed and
/// DOS's end-of-file mark — in more than one byte in twenty of the file's first ones: a binary
/// file. A few of them are not: a stray NUL an export left in a cell must not make the whole file
/// refused (it is read, and the row keeps it as it came).
fn looks_binary(head: &[u8]) -> bool {
    let foreign = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1A))
        .count();
    foreign * 20 > head.len()
}

/// What a text file's beginning shows it to be, when a web page or Excel 2003's XML
/// workbook (« une page web (HTML) enregistrée », « un classeur XML 2003 d'Excel enregistré »).
fn web_page_or_xml_workbook(head: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(head).to_lowercase();
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if start.starts_with("<?xml") && text.contains("urn:schemas-microsoft-com:office:spreadsheet") {
        return Some("un classeur « XML 2003 » d'Excel enregistré");
    }
    let page = [
        "<!doctype html",
        "<html",
        "<table",
        "<head",
        "<meta",
        "<body",
    ];
    (page.iter().any(|tag| start.starts_with(tag))
        || (start.starts_with("<?xml") && text.contains("<html")))
    .then_some("une page web (HTML) enregistrée")
}

/// Picks the sheet to read among `names` (in workbook order), given the organiser's choice,
/// the preferred names, and `has_data` for "the first with data".
fn choose_sheet(
    names: &[String],
    options: &ReadOptions,
    file: &str,
    mut has_data: impl FnMut(&str) -> bool,
) -> Result<String, ImportError> {
    let key = |s: &str| crate::text::clean(s).to_lowercase();
    if let Some(wanted) = &options.sheet {
        return names
            .iter()
            .find(|n| key(n) == key(wanted))
            .cloned()
            .ok_or_else(|| ImportError::NoSuchSheet {
                file: file.to_string(),
                sheet: wanted.clone(),
                available: names.join(", "),
            });
    }
    for preferred in &options.preferred_sheets {
        if let Some(found) = names.iter().find(|n| key(n) == key(preferred)) {
            return Ok(found.clone());
        }
    }
    names
        .iter()
        .find(|n| has_data(n))
        .cloned()
        .ok_or_else(|| ImportError::NoData {
            file: file.to_string(),
        })
}
