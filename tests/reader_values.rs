//! Cell values a reader library can give that the child process must carry back whole: one
//! "not a number" cell in an `.ods` used to lose the whole file (the child's JSON has no NaN).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use binome::import::analyze;
use binome::model::{PersonRecord, Role};

/// The sample `.ods` with one number cell made NaN and another infinite, as a damaged or
/// hand-made file may hold them.
fn ods_with_nan(dir: &Path) -> PathBuf {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/etudiants-demarches-simplifiees.ods");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(sample).unwrap()).unwrap();
    let out = dir.join("etudiants-nan.ods");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&out).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "content.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let text = text
                .replacen("office:value=\"14520003\"", "office:value=\"NaN\"", 1)
                .replacen("office:value=\"14520012\"", "office:value=\"inf\"", 1);
            bytes = text.into_bytes();
        }
        if entry.is_dir() {
            writer
                .add_directory(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            continue;
        }
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        writer
            .start_file(
                name,
                zip::write::SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
        writer.write_all(&bytes).unwrap();
    }
    writer.finish().unwrap();
    out
}

#[test]
fn a_cell_that_is_not_a_number_keeps_the_file_readable_through_the_child() {
    let dir = tempfile::tempdir().unwrap();
    let path = ods_with_nan(dir.path());
    let students = |rows: &[binome::model::BatchRow]| {
        rows.iter()
            .filter(|r| matches!(r.record, PersonRecord::Student(_)))
            .count()
    };
    let in_process = analyze(&path, Role::Student, None).unwrap();
    binome::import::read::use_reader_process(PathBuf::from(env!("CARGO_BIN_EXE_binome")));
    let isolated = analyze(&path, Role::Student, None).unwrap();
    assert_eq!(isolated.rows.len(), in_process.rows.len());
    assert_eq!(students(&isolated.rows), students(&in_process.rows));
    assert!(students(&isolated.rows) > 200);
    // The cells are kept as Excel shows such a number.
    let kept: Vec<String> = isolated
        .rows
        .iter()
        .flat_map(|r| r.cells.texts())
        .filter(|c| c == "#NUM!")
        .collect();
    assert_eq!(kept.len(), 2, "both cells kept, as the error Excel shows");
}
