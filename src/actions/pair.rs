//! `binome pair`: both files imported, the pairs suggested and the workbook written, in one go —
//! in a temporary database unless one is given.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::board::Everyone;
use super::import::{apply, apply_without_backup, read};
use super::suggest::{report_of, suggest_stored, SuggestReport};
use super::ActionError;
use crate::export::{self, ExportOptions, ExportSummary};
use crate::import::{self, ImportError, ImportReport};
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
    // The workbook's place first: a run that could not write it would have changed the
    // database for nothing. Nor may it replace a file the run reads.
    if same_file::is_same_file(students, ambassadors).unwrap_or(false) {
        return Err(ActionError::Invalid(format!(
            "« {} » est donné à la fois pour les étudiants et pour les ambassadeurs : indiquez \
             les deux fichiers d'inscription",
            ImportError::file_label(students)
        )));
    }
    let read_by_the_run: Vec<PathBuf> = [students, ambassadors]
        .into_iter()
        .chain(db)
        .map(Path::to_path_buf)
        .collect();
    export::check_writable(out, &read_by_the_run)?;
    // Both files are read before anything is written anywhere; side by side, as they are
    // independent and reading is most of an import. The students' error comes first, as when
    // they were read one after the other.
    let (student_table, ambassador_table) = std::thread::scope(|scope| {
        let ambassador_table = scope.spawn(|| read(ambassadors, Role::Ambassador, None));
        (
            read(students, Role::Student, None),
            joined(ambassador_table),
        )
    });
    let student_table = student_table?;
    let ambassador_table = ambassador_table?;
    let temporary = tempfile::tempdir().map_err(|e| {
        ActionError::Invalid(format!(
            "impossible de créer une base de données temporaire : {e}"
        ))
    })?;
    // In a database of this run only, nothing is backed up nor flushed at each commit; in the
    // organiser's, importing backs it up first as `binome import` does.
    let mut store = match db {
        Some(db) => Store::open(db)?,
        None => Store::open_throwaway(&temporary.path().join("binomes.sqlite3"))?,
    };
    let throwaway = db.is_none();
    let edition = store.edition_for_command_line(None)?;
    // Both sheets understood side by side too (with what the organiser taught, which importing
    // does not change), then stored one after the other as `binome import` would: the students
    // stored even when the ambassadors' sheet cannot be understood, whose error comes next.
    let remembered = (
        store.remembered(Role::Student)?,
        store.remembered(Role::Ambassador)?,
    );
    let understand = |table, role, path: &Path, remembered| {
        import::understand(table, role, &ImportError::file_label(path), remembered)
    };
    let (student_analysis, ambassador_analysis) = std::thread::scope(|scope| {
        let ambassador_analysis = scope.spawn(|| {
            understand(
                ambassador_table,
                Role::Ambassador,
                ambassadors,
                &remembered.1,
            )
        });
        (
            understand(student_table, Role::Student, students, &remembered.0),
            joined(ambassador_analysis),
        )
    });
    let store_sheet = |store: &mut Store, analysis: &import::Analysis| {
        if throwaway {
            apply_without_backup(store, edition.id, analysis)
        } else {
            apply(store, edition.id, analysis, &[])
        }
    };
    let students = store_sheet(&mut store, &student_analysis?)?;
    let ambassadors = store_sheet(&mut store, &ambassador_analysis?)?;
    let (suggestion, _) = suggest_stored(&mut store, edition.id)?;
    // The edition read once for the report and the workbook.
    let everyone = Everyone::read(&store, edition.id)?;
    let suggested = report_of(&everyone.students, &everyone.ambassadors, &suggestion);
    let export = export::export_edition(
        &super::export::source_of(&store, edition.id, everyone)?,
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

/// What a scoped thread returned; its panic carried on in the caller.
fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
