//! Importing a sign-up file: read and understood first (nothing stored), shown to the organiser
//! with what it would change, then applied exactly as shown — a backup of the database first,
//! then the merge in one transaction. And what the organiser teaches on the way (column
//! meanings, synonyms), remembered for the next files.

use std::path::Path;

use super::rules::rules;
use super::ActionError;
use crate::import::{self, Analysis, ImportError, ImportReport, Progress};
use crate::model::{Edition, EditionId, Field, Role, SynonymKind, TakeFromFile};
use crate::{Store, StoreError};

/// Reads the file and says what importing it into the edition would do, without storing
/// anything. The analysis is kept by the caller and given back to [`apply`].
pub fn preview(
    store: &Store,
    edition: EditionId,
    role: Role,
    path: &Path,
    sheet: Option<&str>,
    progress: &Progress,
) -> Result<(ImportReport, Analysis), ActionError> {
    let remembered = store.remembered(role)?;
    let analysis = import::analyze_with(path, role, sheet, &remembered, progress)?;
    let changes = store.preview_import(edition, role, &analysis.rows, &[])?;
    let retained = rules(store, edition)?.accepted_states;
    Ok((
        import::report(&analysis, changes, None, &retained),
        analysis,
    ))
}

/// Stores a file already read: a backup of the database first, then the merge, in one
/// transaction. Either everything is stored, or nothing is. Values changed by hand in the app
/// are kept, but for those in `take` (the organiser takes the file's value).
pub fn apply(
    store: &mut Store,
    edition: EditionId,
    analysis: &Analysis,
    take: &[TakeFromFile],
) -> Result<ImportReport, StoreError> {
    let backup = store.backup("avant-import")?;
    store_analysis(
        store,
        edition,
        analysis,
        take,
        Some(backup.display().to_string()),
    )
}

/// [`apply`] without the backup first: for a database of one run (`binome pair` without
/// `--db`), which no one will go back to.
pub fn apply_without_backup(
    store: &mut Store,
    edition: EditionId,
    analysis: &Analysis,
) -> Result<ImportReport, StoreError> {
    store_analysis(store, edition, analysis, &[], None)
}

fn store_analysis(
    store: &mut Store,
    edition: EditionId,
    analysis: &Analysis,
    take: &[TakeFromFile],
    backup: Option<String>,
) -> Result<ImportReport, StoreError> {
    let (_, changes) = store.apply_import(edition, &analysis.batch(), &analysis.rows, take)?;
    let retained = rules(store, edition)?.accepted_states;
    Ok(import::report(analysis, changes, backup, &retained))
}

/// `binome import`: reads the file and understands it with what the organiser taught (side by
/// side, as the app does), then applies it to the edition named (or the command line's default
/// one). A database that does not exist yet is made only once the file is understood: an
/// unusable file leaves nothing behind.
pub fn import_file(
    db: &Path,
    edition: Option<&str>,
    path: &Path,
    role: Role,
    sheet: Option<&str>,
) -> Result<(ImportReport, Edition), ActionError> {
    let existing = if db.exists() {
        Some(Store::open(db)?)
    } else {
        None
    };
    let remembered = match &existing {
        Some(store) => store.remembered(role)?,
        None => Default::default(),
    };
    let analysis = import::analyze_with(path, role, sheet, &remembered, &Progress::none())?;
    let mut store = match existing {
        Some(store) => store,
        None => Store::open(db)?,
    };
    let edition = store.edition_for_command_line(edition)?;
    let report = apply(&mut store, edition.id, &analysis, &[])?;
    Ok((report, edition))
}

/// Reads a sign-up file (the slow part, and the one that refuses unusable files), and checks
/// that it has a header: a file without one is refused before any database is touched.
pub(crate) fn read(
    path: &Path,
    role: Role,
    sheet: Option<&str>,
) -> Result<import::RawTable, ImportError> {
    let table = import::read_sheet(path, role, sheet, &Progress::none())?;
    import::header::find_header(role, &table, &ImportError::file_label(path))?;
    Ok(table)
}

/// Remembers what a column means (or that it means nothing) for this and the next files.
pub fn remember_column(
    store: &mut Store,
    role: Role,
    header: &str,
    field: Option<Field>,
) -> Result<(), StoreError> {
    store.remember_column(role, header, field)
}

/// Goes back to the automatic matching for a column.
pub fn forget_column(store: &mut Store, role: Role, header: &str) -> Result<(), StoreError> {
    store.forget_column(role, header)
}

/// Remembers that a métier or administration written `text` is the referential entry `code`.
pub fn remember_synonym(
    store: &mut Store,
    kind: SynonymKind,
    text: &str,
    code: &str,
) -> Result<(), StoreError> {
    store.remember_synonym(kind, text, code)
}
