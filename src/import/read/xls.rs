//! A legacy `.xls` checked and reshaped before calamine reads it, so that reading it costs memory
//! in proportion to the cells it really holds.
//!
//! calamine reads an `.xls` eagerly and densely: every sheet becomes a rows × columns grid
//! spanning its cells, after a reservation sized from the sheet's declared dimensions. One
//! cell at IV65536 beside A1 is then 16.7 million cells (about 1 GB with the copies), for a
//! 41 KB file. Its compound-file reader also follows a sector chain that loops back on itself
//! until memory runs out, and slices past the end of a truncated file.
//!
//! So, before calamine sees it, its workbook stream is read out of the compound file here
//! (`compound.rs`: only that stream's chain followed, each sector once, inside the file; a loop
//! or a sector past the end is an error at once). That stream is a list of BIFF records, walked
//! here only for what they say about positions:
//! - a `FILEPASS` record means the workbook is encrypted (XOR obfuscation included, which
//!   calamine does not recognise): refused as protected;
//! - in each sheet, the rows and columns that really hold a cell are listed, and every cell
//!   record's row and column are rewritten in place to their rank among them (the sheet is
//!   « compacted »), as is the declared dimension. calamine's grid is then rows present ×
//!   columns present; [`Layout`] maps the ranks back to the real row and column, so rows keep
//!   their numbers;
//! - a workbook whose compacted grids would still be huge is refused as too large.
//!
//! The stream is then put alone in a new, clean compound file (written by the `cfb` crate) that
//! calamine reads from memory.
//! Record layouts: [MS-XLS] 2.4 (FilePass 2.4.117, BoundSheet8 2.4.28, Dimensions 2.4.90, the
//! cell records Number, Label, RString, BoolErr, RK, LabelSst, MulRk, Formula).

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Write};
use std::path::Path;

use super::compound::{self, Found};
use super::refusal;
use crate::import::error::ImportError;

/// Cells of the compacted grids of a workbook (all sheets, since calamine builds them all),
/// and cell records in it: 8 million cells are about 256 MB a grid, under the child's ceiling
/// with calamine's copy and ours. No sign-up export comes near (50,000 rows × 45 columns is
/// 2.25 million).
pub(super) const MAX_CELLS: u64 = 8_000_000;

/// Where the compacted rows and columns of a sheet really are.
#[derive(Debug, Default, Clone)]
pub(super) struct Layout {
    /// The real row (0-based) of each compacted row, ascending.
    pub rows: Vec<u32>,
    /// The real column (0-based) of each compacted column, ascending.
    pub cols: Vec<u32>,
}

/// The workbook made ready for calamine.
pub(super) struct Prepared {
    /// A compound file holding only the (compacted) workbook stream.
    pub bytes: Vec<u8>,
    /// The layout of each sheet, in the workbook's order (calamine's `sheet_names`).
    pub layouts: Vec<Layout>,
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;
/// Records calamine reads as one cell, with its row then column in their first four bytes:
/// Number, Label, RString, BoolErr, RK, LabelSst (and Formula, whose value it may read).
const SINGLE_CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, FORMULA];

pub(super) fn prepare(path: &Path, file: &str) -> Result<Prepared, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        file: file.to_string(),
        source,
    })?;
    let (name, mut stream) = workbook_stream(&bytes, file)?;
    drop(bytes);
    let layouts = compact(&mut stream, file)?;
    let bytes = rebuild(&name, &stream).map_err(|e| refusal::compound(file, &e))?;
    Ok(Prepared { bytes, layouts })
}

/// The workbook stream (`Workbook`, or `Book` before Excel 97) of the compound file.
fn workbook_stream(bytes: &[u8], file: &str) -> Result<(String, Vec<u8>), ImportError> {
    match compound::workbook(bytes) {
        Ok(Found::Workbook(name, stream)) => Ok((name.to_string(), stream)),
        Ok(Found::EncryptedPackage) => Err(ImportError::Encrypted {
            file: file.to_string(),
        }),
        Ok(Found::Other) => Err(refusal::not_a_workbook(file)),
        Err(broken) => Err(refusal::compound(file, &broken)),
    }
}

fn rebuild(name: &str, stream: &[u8]) -> std::io::Result<Vec<u8>> {
    // Version 3 (512-byte sectors), as Excel writes an `.xls`: calamine refuses a version 4
    // file without a mini stream, which a large single stream leaves empty.
    let mut compound =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
    compound
        .create_stream(format!("/{name}"))?
        .write_all(stream)?;
    compound.flush()?;
    Ok(compound.into_inner().into_inner())
}

/// One record of the stream: its type and where its data lies.
#[derive(Clone, Copy)]
struct Record {
    typ: u16,
    start: usize,
    end: usize,
}

/// The records from `offset` on, until the stream ends or a record runs past it (calamine
/// then refuses the file; nothing here needs to).
fn records(stream: &[u8], offset: usize) -> impl Iterator<Item = Record> + '_ {
    let mut at = offset;
    std::iter::from_fn(move || {
        let header = stream.get(at..at.checked_add(4)?)?;
        let typ = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let (start, end) = (at + 4, at + 4 + len);
        if end > stream.len() {
            return None;
        }
        at = end;
        Some(Record { typ, start, end })
    })
}

fn u16_at(stream: &[u8], at: usize) -> u32 {
    u32::from(u16::from_le_bytes([stream[at], stream[at + 1]]))
}

fn put_u16(stream: &mut [u8], at: usize, value: u32) {
    // Ranks are never above the value they replace, itself a u16.
    let value = u16::try_from(value).unwrap_or(u16::MAX);
    stream[at..at + 2].copy_from_slice(&value.to_le_bytes());
}

/// A cell-bearing record of a sheet, as calamine will read it.
enum Cells {
    /// Row and column at `start` and `start + 2`.
    Single(Record),
    /// A run of columns on one row: first column at `start + 2`, last in the last two bytes.
    Run(Record),
    Dimensions(Record),
}

fn compact(stream: &mut [u8], file: &str) -> Result<Vec<Layout>, ImportError> {
    let damaged = || ImportError::Corrupt {
        file: file.to_string(),
        detail: refusal::damage::RECORDS.to_string(),
    };
    // The workbook's globals: protection, and where each sheet starts.
    let mut sheet_offsets = Vec::new();
    for record in records(stream, 0) {
        match record.typ {
            // Any encryption, XOR obfuscation (type 0) included: what follows is unreadable.
            FILEPASS => {
                return Err(ImportError::Encrypted {
                    file: file.to_string(),
                })
            }
            BOUNDSHEET if record.end - record.start >= 4 => {
                let at = record.start;
                let offset = u32::from_le_bytes([
                    stream[at],
                    stream[at + 1],
                    stream[at + 2],
                    stream[at + 3],
                ]);
                sheet_offsets.push(offset as usize);
            }
            EOF => break,
            _ => {}
        }
    }
    // Each sheet's cell records, walked as calamine walks them (embedded substreams, such as
    // charts, skipped). A record reached from two sheets (overlapping substreams, which no
    // writer makes) could not hold two compactions: refused.
    let mut seen: HashSet<usize> = HashSet::new();
    let mut sheets: Vec<Vec<Cells>> = Vec::with_capacity(sheet_offsets.len().min(1024));
    let mut cell_records: u64 = 0;
    for &offset in &sheet_offsets {
        if offset >= stream.len() {
            return Err(damaged());
        }
        let mut cells = Vec::new();
        let (mut seen_bof, mut depth) = (false, 0usize);
        for record in records(stream, offset) {
            if depth > 0 {
                match record.typ {
                    BOF => depth += 1,
                    EOF => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let len = record.end - record.start;
            let found = match record.typ {
                BOF if seen_bof => {
                    depth += 1;
                    None
                }
                BOF => {
                    seen_bof = true;
                    None
                }
                EOF => break,
                DIMENSIONS => Some(Cells::Dimensions(record)),
                MULRK if len >= 6 => {
                    let first = u16_at(stream, record.start + 2);
                    let last = u16_at(stream, record.end - 2);
                    // calamine checks the length against the run, and would overflow on a
                    // run that ends before it starts.
                    if last < first || len != 6 + 6 * (last - first + 1) as usize {
                        return Err(damaged());
                    }
                    cell_records += u64::from(last - first + 1);
                    Some(Cells::Run(record))
                }
                typ if SINGLE_CELLS.contains(&typ) && len >= 4 => {
                    cell_records += 1;
                    Some(Cells::Single(record))
                }
                _ => None,
            };
            if let Some(found) = found {
                if !seen.insert(record.start) {
                    return Err(damaged());
                }
                cells.push(found);
            }
            if cell_records > MAX_CELLS {
                return Err(too_large(file));
            }
        }
        sheets.push(cells);
    }
    // The rows and columns present, then every position rewritten to its rank.
    let mut layouts = Vec::with_capacity(sheets.len());
    let mut grid_cells: u64 = 0;
    for cells in &sheets {
        let (mut rows, mut cols) = (Vec::new(), Vec::new());
        for cell in cells {
            match *cell {
                Cells::Single(r) => {
                    rows.push(u16_at(stream, r.start));
                    cols.push(u16_at(stream, r.start + 2));
                }
                Cells::Run(r) => {
                    rows.push(u16_at(stream, r.start));
                    cols.extend(u16_at(stream, r.start + 2)..=u16_at(stream, r.end - 2));
                }
                Cells::Dimensions(_) => {}
            }
        }
        rows.sort_unstable();
        rows.dedup();
        cols.sort_unstable();
        cols.dedup();
        grid_cells = grid_cells.saturating_add(rows.len() as u64 * cols.len() as u64);
        if grid_cells > MAX_CELLS {
            return Err(too_large(file));
        }
        let row_rank: HashMap<u32, u32> = rank(&rows);
        let col_rank: HashMap<u32, u32> = rank(&cols);
        let (n_rows, n_cols) = (rows.len() as u32, cols.len() as u32);
        for cell in cells {
            match *cell {
                Cells::Single(r) => {
                    let (row, col) = (u16_at(stream, r.start), u16_at(stream, r.start + 2));
                    put_u16(stream, r.start, row_rank[&row]);
                    put_u16(stream, r.start + 2, col_rank[&col]);
                }
                Cells::Run(r) => {
                    let (row, first, last) = (
                        u16_at(stream, r.start),
                        u16_at(stream, r.start + 2),
                        u16_at(stream, r.end - 2),
                    );
                    put_u16(stream, r.start, row_rank[&row]);
                    // The run's columns are all present, so their ranks are consecutive.
                    put_u16(stream, r.start + 2, col_rank[&first]);
                    put_u16(stream, r.end - 2, col_rank[&last]);
                }
                Cells::Dimensions(r) => dimensions(stream, r, n_rows, n_cols),
            }
        }
        layouts.push(Layout { rows, cols });
    }
    Ok(layouts)
}

fn rank(values: &[u32]) -> HashMap<u32, u32> {
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| (v, i as u32))
        .collect()
}

/// The declared dimension, made that of the compacted grid (calamine reserves room for it).
/// Rows and columns are first-used and one-past-last-used.
fn dimensions(stream: &mut [u8], record: Record, rows: u32, cols: u32) {
    let data = &mut stream[record.start..record.end];
    match data.len() {
        10 => {
            data[..8].fill(0);
            put_u16(data, 2, rows);
            put_u16(data, 6, cols);
        }
        14 | 16 => {
            data[..12].fill(0);
            data[4..8].copy_from_slice(&rows.to_le_bytes());
            put_u16(data, 10, cols);
        }
        // calamine refuses other lengths itself.
        _ => {}
    }
}

fn too_large(file: &str) -> ImportError {
    ImportError::TooLarge {
        file: file.to_string(),
        detail: format!(
            "ses feuilles comptent plus de {} millions de cellules",
            MAX_CELLS / 1_000_000
        ),
    }
}
