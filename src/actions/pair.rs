//! `binome pair`: both files imported, the pairs suggested and the workbook written, in one go —
//! in a temporary database unless one is given.

use std::path::Path;

use serde::Serialize;

use super::import::{import_table, read};
use super::suggest::{report, suggest_on_board, SuggestReport};
use super::ActionError;
use crate::export::{self, ExportOptions, ExportSummary};
use crate::import::ImportReport;
use crate::model::{Edition, Role};
use crate::Store;

/// Everything `pair` did.
#[derive(Debug, Clone, Serialize)]
pub struct PairReport {
    pub edition: Edition,
    pub students: ImportReport,
    pub ambassadors: ImportReport,
    pub suggested: SuggestReport,
    pub export: ExportSummary,
}

pub fn pair(
    students: &Path,
    ambassadors: &Path,
    out: &Path,
    db: Option<&Path>,
) -> Result<PairReport, ActionError> {
    // Both files are read before anything is written anywhere.
    let student_table = read(students, Role::Student, None)?;
    let ambassador_table = read(ambassadors, Role::Ambassador, None)?;
    let temporary = tempfile::tempdir().map_err(|e| {
        ActionError::Invalid(format!(
            "impossible de créer une base de données temporaire : {e}"
        ))
    })?;
    let db = db.map_or_else(
        || temporary.path().join("binomes.sqlite3"),
        Path::to_path_buf,
    );
    let mut store = Store::open(&db)?;
    let edition = store.edition_for_command_line(None)?;
    let students = import_table(
        &mut store,
        edition.id,
        students,
        Role::Student,
        student_table,
    )?;
    let ambassadors = import_table(
        &mut store,
        edition.id,
        ambassadors,
        Role::Ambassador,
        ambassador_table,
    )?;
    let (suggestion, _) = suggest_on_board(&mut store, edition.id)?;
    let suggested = report(&store, edition.id, &suggestion)?;
    let export = export::export_edition(
        &super::export::source(&store, edition.id)?,
        out,
        &ExportOptions::default(),
    )?;
    Ok(PairReport {
        edition,
        students,
        ambassadors,
        suggested,
        export,
    })
}
