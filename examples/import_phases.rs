//! Times the phases of an import (read, analyse, store) on one file: `bench/import.sh` helper
//! for finding where the time goes.
use std::time::Instant;

use binome::import;
use binome::model::Role;

fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("FILE"));
    let t = Instant::now();
    binome::referentials::geography::Geography::get();
    println!("geography  {:>6} ms", t.elapsed().as_millis());
    let t = Instant::now();
    let table = import::read_table(
        &path,
        &import::ReadOptions {
            sheet: Some("Dossiers".into()),
            preferred_sheets: vec![],
        },
    )
    .unwrap();
    println!(
        "read       {:>6} ms ({} rows)",
        t.elapsed().as_millis(),
        table.rows.len()
    );
    drop(table);
    let t = Instant::now();
    let analysis = import::analyze(&path, Role::Student, None).unwrap();
    println!(
        "analyze    {:>6} ms (read included)",
        t.elapsed().as_millis()
    );
    let dir = tempfile::tempdir().unwrap();
    let mut store = binome::Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = store.edition_for_command_line(None).unwrap().id;
    let t = Instant::now();
    store
        .apply_import(edition, &analysis.batch(), &analysis.rows, &[])
        .unwrap();
    println!("store      {:>6} ms", t.elapsed().as_millis());
    // The same file again: a re-import's preview, every person compared with the stored one
    // (what the app shows once the file is chosen).
    let t = Instant::now();
    let preview = store
        .preview_import(edition, Role::Student, &analysis.rows, &[])
        .unwrap();
    println!(
        "re-import  {:>6} ms (comparison only; {} unchanged)",
        t.elapsed().as_millis(),
        preview.unchanged
    );
}
