//! A reader library's error turned into the organiser's words.
//!
//! calamine, zip, quick-xml and cfb speak English and Rust's debug notation (« Cfb error: Sector
//! 12 points past end of file », « Expecting 'table-cell', found 'Text(BytesText { … })' »).
//! None of that reaches a message: the error is classed by its variant into a French
//! [`ImportError`] that says what is wrong and what to do, and the library's own text is written
//! to the log (`log::warn!`) for whoever investigates. Nothing here matches English strings.

use calamine::{OdsError, XlsError, XlsxError};
use zip::result::ZipError;

use crate::import::error::ImportError;

/// The facts a damaged file is told by (French, short: they sit in parentheses).
pub(super) mod damage {
    pub const TRUNCATED: &str = "il est tronqué ou son archive est abîmée";
    pub const PACKING: &str =
        "ses parties sont compressées d'une manière qu'aucun tableur courant n'utilise";
    pub const MISSING_PART: &str = "une partie du classeur manque ou est mal référencée";
    pub const MALFORMED: &str = "le contenu d'une feuille est mal formé";
    pub const CELL: &str = "une cellule est mal décrite";
    pub const STRUCTURE: &str = "sa structure interne est incohérente";
    pub const RECORDS: &str = "le contenu d'une feuille est incohérent";
}

fn corrupt(file: &str, detail: &str) -> ImportError {
    ImportError::Corrupt {
        file: file.to_string(),
        detail: detail.to_string(),
    }
}

fn logged(file: &str, library: &str, error: &dyn std::fmt::Display) {
    log::warn!("lecture de « {file} » refusée ({library}) : {error}");
}

/// The zip container of an `.xlsx` or `.ods`.
pub(super) fn zip(file: &str, error: &ZipError) -> ImportError {
    logged(file, "zip", error);
    match error {
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            corrupt(file, damage::PACKING)
        }
        // Parts encrypted inside the zip (not Office's own protection, but a password all the same).
        ZipError::InvalidPassword => ImportError::Encrypted {
            file: file.to_string(),
        },
        ZipError::FileNotFound => corrupt(file, damage::MISSING_PART),
        _ => corrupt(file, damage::TRUNCATED),
    }
}

fn io(file: &str, error: &std::io::Error) -> ImportError {
    match error.kind() {
        // A reader running past the end of a part, or told its data is not what it should be:
        // the file, not the disk.
        std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::InvalidData => {
            corrupt(file, damage::TRUNCATED)
        }
        _ => ImportError::Io {
            file: file.to_string(),
            source: std::io::Error::new(error.kind(), error.to_string()),
        },
    }
}

pub(super) fn xlsx(file: &str, error: XlsxError) -> ImportError {
    if matches!(error, XlsxError::Password) {
        return ImportError::Encrypted {
            file: file.to_string(),
        };
    }
    logged(file, "calamine xlsx", &error);
    match &error {
        XlsxError::Io(e) => io(file, e),
        XlsxError::Zip(e) => zip(file, e),
        // A kind of sheet no reader knows (Excel 4.0 macro sheets are read past, `xlsx.rs`):
        // not damage, something Binômes does not read.
        XlsxError::Unrecognized {
            typ: "sheet:type", ..
        } => ImportError::Unsupported {
            file: file.to_string(),
            what: "une feuille d'un type inconnu".into(),
        },
        XlsxError::FileNotFound(_)
        | XlsxError::RelationshipNotFound
        | XlsxError::WorksheetNotFound(_)
        | XlsxError::NotAWorksheet(_) => corrupt(file, damage::MISSING_PART),
        XlsxError::Alphanumeric(_)
        | XlsxError::NumericColumn(_)
        | XlsxError::RangeWithoutColumnComponent
        | XlsxError::RangeWithoutRowComponent
        | XlsxError::ColumnNumberOverflow
        | XlsxError::RowNumberOverflow
        | XlsxError::DimensionCount(_)
        | XlsxError::CellTAttribute(_)
        | XlsxError::CellError(_)
        | XlsxError::ParseFloat(_)
        | XlsxError::ParseInt(_) => corrupt(file, damage::CELL),
        // Xml, XmlAttr, XmlEof, Encoding, UnexpectedNode, Unexpected, Unrecognized state…
        _ => corrupt(file, damage::MALFORMED),
    }
}

pub(super) fn ods(file: &str, error: OdsError) -> ImportError {
    if matches!(error, OdsError::Password) {
        return ImportError::Encrypted {
            file: file.to_string(),
        };
    }
    logged(file, "calamine ods", &error);
    match &error {
        OdsError::Io(e) => io(file, e),
        OdsError::Zip(e) => zip(file, e),
        // An OpenDocument text or presentation, or another zip with a content.xml.
        OdsError::InvalidMime(mime) => ImportError::NotASpreadsheet {
            file: file.to_string(),
            detail: if mime.ends_with(b"text") {
                "c'est un document texte OpenDocument".into()
            } else {
                "c'est un document OpenDocument qui n'est pas un classeur".into()
            },
        },
        OdsError::FileNotFound(_) | OdsError::WorksheetNotFound(_) => {
            corrupt(file, damage::MISSING_PART)
        }
        OdsError::CellLimitExceeded { requested, .. } => ImportError::TooLarge {
            file: file.to_string(),
            detail: format!("une feuille déclare {requested} cellules"),
        },
        OdsError::ParseInt(_) | OdsError::ParseFloat(_) | OdsError::ParseBool(_) => {
            corrupt(file, damage::CELL)
        }
        // Xml, XmlAttr, AttrError, EncodingError, Eof, Mismatch, Parse…
        _ => corrupt(file, damage::MALFORMED),
    }
}

pub(super) fn xls(file: &str, error: XlsError) -> ImportError {
    if matches!(error, XlsError::Password) {
        return ImportError::Encrypted {
            file: file.to_string(),
        };
    }
    logged(file, "calamine xls", &error);
    match &error {
        XlsError::Io(e) => io(file, e),
        // calamine does not export its compound-file error type, so its variant is told by the
        // name its derived `Debug` gives it (an identifier, not English prose). The container
        // was already checked and rebuilt (`xls.rs`), so only the code page can fail here.
        XlsError::Cfb(e) if format!("{e:?}").starts_with("CodePageNotFound") => {
            unknown_codepage(file)
        }
        XlsError::Cfb(e) if format!("{e:?}").starts_with("StreamNotFound") => not_a_workbook(file),
        XlsError::Cfb(_) => corrupt(file, damage::STRUCTURE),
        XlsError::WorksheetNotFound(_) => corrupt(file, damage::MISSING_PART),
        // Records shorter than they say, unknown values, formulas that do not parse…
        _ => corrupt(file, damage::RECORDS),
    }
}

pub(super) fn unknown_codepage(file: &str) -> ImportError {
    ImportError::Unsupported {
        file: file.to_string(),
        what: "du texte dans un jeu de caractères inconnu".into(),
    }
}

/// An OLE compound file with no workbook stream: a Word or PowerPoint document, an Outlook
/// message… renamed `.xls`.
pub(super) fn not_a_workbook(file: &str) -> ImportError {
    ImportError::NotASpreadsheet {
        file: file.to_string(),
        detail: "c'est un document Office qui ne contient pas de classeur Excel".into(),
    }
}

/// The compound file itself (the container of a `.xls`) could not be read.
pub(super) fn compound(file: &str, error: &dyn std::fmt::Display) -> ImportError {
    logged(file, "cfb", error);
    corrupt(file, damage::STRUCTURE)
}
