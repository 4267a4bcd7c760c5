#![no_main]
//! A sheet already read, understood: header detection below title rows, column matching,
//! every row read into a person (normalisation, geography, referentials), totals rows,
//! duplicates. The fuzzer's text is the sheet: lines are rows, `;` separates cells.
use binome::import::table::{RawRow, RawTable, Value};
use binome::model::{Remembered, Role};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let rows: Vec<RawRow> = text
        .lines()
        .take(500)
        .enumerate()
        .map(|(i, line)| RawRow {
            number: i as u32 + 1,
            cells: line
                .split(';')
                .take(64)
                .map(|cell| match cell.parse::<f64>() {
                    Ok(n) => Value::Number(n),
                    Err(_) if cell.is_empty() => Value::Empty,
                    Err(_) => Value::Text(cell.to_string()),
                })
                .collect(),
        })
        .collect();
    let role = if pick % 2 == 0 {
        Role::Student
    } else {
        Role::Ambassador
    };
    let table = RawTable {
        sheet: None,
        sheet_names: Vec::new(),
        rows,
        formula_rows: Vec::new(),
    };
    let _ = binome::import::understand(table, role, "fuzz.csv", &Remembered::default());
});
