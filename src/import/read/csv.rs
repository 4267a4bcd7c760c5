//! CSV and text exports: UTF-8 (with or without BOM), UTF-16 ("texte Unicode" from Excel) or
//! Windows-1252 (French Excel's "CSV (séparateur : point-virgule)"); separator `;`, `,` or tab,
//! whichever splits the first lines most consistently.

use std::path::Path;

use super::limits;
use crate::import::error::ImportError;
use crate::import::progress::Progress;
use crate::import::table::{RawRow, RawTable, Value};

/// Line breaks in `bytes`: `\r\n`, `\n`, and a lone `\r` — the line ending of CSV files saved
/// by Excel for Mac before 2016, which the csv reader also splits records on.
fn line_breaks(bytes: &[u8]) -> u64 {
    let mut count = 0;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'\n' => count += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => count += 1,
            _ => {}
        }
    }
    count
}

pub(super) fn read(path: &Path, file: &str, progress: &Progress) -> Result<RawTable, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        file: file.to_string(),
        source,
    })?;
    let text = decode(&bytes);
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line numbers counted from byte offsets: the reader's own count lags by a line when a
    // record's terminator is consumed with the next record.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line_at) = (0usize, 1u64);
    loop {
        let next = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                log::warn!("lecture de « {file} » refusée (csv) : {e}");
                return Err(ImportError::Corrupt {
                    file: file.to_string(),
                    detail: format!("la ligne {next} est illisible"),
                });
            }
        }
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= counted_to {
            line_at += line_breaks(&bytes[counted_to..start]);
            counted_to = start;
        }
        if rows.len() as u32 > limits::MAX_ROWS + 100 {
            return Err(ImportError::TooLarge {
                file: file.to_string(),
                detail: format!("plus de {} lignes", limits::MAX_ROWS),
            });
        }
        let row = RawRow {
            // The line where the record starts (a quoted cell may span several lines).
            number: line_at as u32,
            cells: record
                .iter()
                .take(limits::MAX_COLUMNS as usize)
                .map(|cell| {
                    if cell.is_empty() {
                        Value::Empty
                    } else {
                        Value::Text(cell.to_string())
                    }
                })
                .collect(),
        };
        if !row.is_blank() {
            progress.rows(rows.len() as u32, file)?;
            rows.push(row);
        }
    }
    Ok(RawTable {
        sheet: None,
        sheet_names: Vec::new(),
        rows,
        formula_rows: Vec::new(),
    })
}

/// Text from bytes: BOMs first, then UTF-8 if it is valid, else Windows-1252 (which decodes
/// any byte, as French Excel wrote it).
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return text.into_owned();
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// UTF-16 text saved without its byte-order mark, told by its zero bytes: text in Latin
/// scripts has a zero in every other byte, on the odd side for little-endian.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |side: usize| {
        head.iter()
            .skip(side)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // Most characters of a sign-up sheet are Latin: nine in ten of one side are zeros, and
    // almost none of the other.
    if odd * 10 >= pairs * 9 && even * 10 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// The separator giving the same number (>1) of fields on the most of the first lines.
fn detect_delimiter(text: &str) -> u8 {
    let sample: String = text.lines().take(30).collect::<Vec<_>>().join("\n");
    let mut best = (b';', 0usize);
    for delimiter in [b';', b',', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let counts: Vec<usize> = reader.records().flatten().map(|r| r.len()).collect();
        let Some(&widest) = counts.iter().max() else {
            continue;
        };
        if widest < 2 {
            continue;
        }
        // Lines agreeing with the most common width, weighted by that width.
        let mut frequency = std::collections::HashMap::new();
        for c in &counts {
            *frequency.entry(*c).or_insert(0usize) += 1;
        }
        let (mode, agreeing) = frequency
            .into_iter()
            .max_by_key(|(width, n)| (*n, *width))
            .unwrap_or((0, 0));
        let score = agreeing * mode;
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1252_utf8_and_boms() {
        assert_eq!(decode(b"Pr\xe9nom;Nom"), "Prénom;Nom");
        assert_eq!(decode("Prénom;Nom".as_bytes()), "Prénom;Nom");
        assert_eq!(decode(b"\xef\xbb\xbfPr\xc3\xa9nom"), "Prénom");
        assert_eq!(decode(b"\xff\xfeP\x00r\x00\xe9\x00"), "Pré");
    }

    #[test]
    fn finds_the_separator() {
        assert_eq!(
            detect_delimiter("Nom;Prénom;Ville\nDupont;Anne;Lyon, Rhône\n"),
            b';'
        );
        assert_eq!(
            detect_delimiter("Nom,Prénom,Ville\nDupont,Anne,\"Lyon; Rhône\"\n"),
            b','
        );
        assert_eq!(
            detect_delimiter("Nom\tPrénom\tVille\nDupont\tAnne\tLyon\n"),
            b'\t'
        );
    }
}
