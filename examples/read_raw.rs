//! Benchmark peer: iterates every cell of a sheet with calamine's plain range reader and does
//! nothing else (no header detection, no normalisation, no storage). `bench/import.sh` runs it.

use calamine::{open_workbook_auto, Data, Reader};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_raw FILE.xlsx [SHEET]");
        std::process::exit(2);
    };
    let mut workbook = open_workbook_auto(&path).expect("readable workbook");
    let sheet = std::env::args()
        .nth(2)
        .unwrap_or_else(|| workbook.sheet_names()[0].clone());
    let range = workbook.worksheet_range(&sheet).expect("sheet");
    let (mut rows, mut cells, mut text_bytes) = (0usize, 0usize, 0usize);
    for row in range.rows() {
        rows += 1;
        for cell in row {
            if !matches!(cell, Data::Empty) {
                cells += 1;
                if let Data::String(s) = cell {
                    text_bytes += s.len();
                }
            }
        }
    }
    println!("{rows} rows, {cells} cells, {text_bytes} bytes of text");
}
