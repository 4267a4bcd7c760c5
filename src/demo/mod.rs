//! The demo edition: realistic, entirely synthetic sign-up sheets, reproducible from a seed.
//!
//! Students come out in the démarches simplifiées layout (sheets `Dossiers`, `Etablissements`,
//! `Avis`; question-text headers; commune split into name / INSEE / département) and ambassadors in
//! a Sphinx export reworked by hand (title rows, merged cells, a blank row, upper-case surnames,
//! blank capacities, a totals row with a formula) — with the messes of real sign-up files (README, « Sample files »), so
//! the import has real work to do. The same records also seed a demo edition directly.

mod data;
mod people;
mod sheet;
mod write;

use std::path::{Path, PathBuf};

pub use people::{ambassadors_sheet, generate_people, students_workbook, DemoPeople};
pub use sheet::{Cell, Merge, Sheet};
pub use write::WriteError;

use crate::model::{BatchRow, NewBatch, PersonRecord, Role, SourceCells};

/// The seed of the committed sample files.
pub const DEFAULT_SEED: u64 = 2026;

/// How big a demo edition is: the size of a real edition's first weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSize {
    pub students: usize,
    pub ambassadors: usize,
}

impl Default for DemoSize {
    fn default() -> Self {
        DemoSize {
            students: 240,
            ambassadors: 180,
        }
    }
}

/// File names of the samples, as committed under `assets/samples/`.
pub const STUDENTS_XLSX: &str = "etudiants-demarches-simplifiees.xlsx";
pub const STUDENTS_CSV: &str = "etudiants-excel-windows.csv";
pub const AMBASSADORS_XLSX: &str = "ambassadeurs-sphinx-retravaille.xlsx";

/// The name of the demo edition in the app.
pub const DEMO_EDITION_NAME: &str = "Édition de démonstration";

/// Writes the sample sign-up sheets into `dir` (created if needed); returns the files written.
pub fn write_samples(dir: &Path, seed: u64, size: DemoSize) -> Result<Vec<PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|source| WriteError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let people = generate_people(seed, size);
    let students = students_workbook(&people);
    let ambassadors = ambassadors_sheet(&people);
    let files = [
        dir.join(STUDENTS_XLSX),
        dir.join(STUDENTS_CSV),
        dir.join(AMBASSADORS_XLSX),
    ];
    write::write_xlsx(&students.sheets, &files[0])?;
    write::write_csv_windows_1252(&students.sheets[0], &files[1])?;
    write::write_xlsx(std::slice::from_ref(&ambassadors.sheet), &files[2])?;
    Ok(files.to_vec())
}

/// The demo edition's two batches — the rows as the sample sheets show them, and the people
/// read from them — generated from the committed seed.
pub fn demo_batches() -> Vec<(NewBatch, Vec<BatchRow>)> {
    let people = generate_people(DEFAULT_SEED, DemoSize::default());
    let students = students_workbook(&people);
    let ambassadors = ambassadors_sheet(&people);
    vec![
        demo_batch(
            Role::Student,
            STUDENTS_XLSX,
            &students.sheets[0],
            0,
            students
                .rows
                .iter()
                .zip(&people.students)
                .map(|(row, s)| (*row, PersonRecord::Student(s.clone()))),
        ),
        demo_batch(
            Role::Ambassador,
            AMBASSADORS_XLSX,
            &ambassadors.sheet,
            ambassadors.header_row,
            ambassadors
                .rows
                .iter()
                .zip(&people.ambassadors)
                .map(|(row, a)| (*row, PersonRecord::Ambassador(a.clone()))),
        ),
    ]
}

fn demo_batch(
    role: Role,
    file_name: &str,
    sheet: &Sheet,
    header_row: usize,
    records: impl Iterator<Item = (usize, PersonRecord)>,
) -> (NewBatch, Vec<BatchRow>) {
    let headers: Vec<String> = sheet.rows[header_row].iter().map(Cell::display).collect();
    let rows = records
        .map(|(row, record)| BatchRow {
            row_number: row as u32 + 1,
            cells: SourceCells::new(sheet.rows[row].iter().map(Cell::display)),
            record,
        })
        .collect();
    (
        NewBatch {
            role,
            file_name: file_name.to_string(),
            sheet: Some(sheet.name.clone()),
            header_row: Some(header_row as u32 + 1),
            headers,
        },
        rows,
    )
}
