//! The import wizard: choose a file, see what it holds and what it would change, then apply
//! exactly what was previewed.

use std::path::PathBuf;

use binome::import::{self, Field, ImportReport};
use binome::model::{EditionId, Role};
use tauri::State;

use crate::dialog;
use crate::error::IpcError;
use crate::state::{AppState, PendingImport};

/// Asks for the file to import; returns its path.
#[tauri::command]
pub async fn pick_import_file(role: Role) -> Result<String, IpcError> {
    let title = match role {
        Role::Student => "Fichier des inscriptions des étudiants",
        Role::Ambassador => "Fichier des inscriptions des ambassadeurs",
    };
    let path = dialog::pick_spreadsheet(title)
        .await
        .ok_or(IpcError::Cancelled)?;
    Ok(path.display().to_string())
}

/// Reads the file and returns what importing it would do, without storing anything.
#[tauri::command]
pub fn preview_import(
    state: State<'_, AppState>,
    edition: EditionId,
    role: Role,
    path: String,
    sheet: Option<String>,
) -> Result<ImportReport, IpcError> {
    let path = PathBuf::from(path);
    let choices = state.with_store(|store| store.column_choices(role))?;
    let analysis = import::analyze_with(&path, role, sheet.as_deref(), &choices)?;
    let changes = state.with_store(|store| store.preview_import(edition, role, &analysis.rows))?;
    let report = import::report(&analysis, changes, None);
    state.set_pending_import(PendingImport { edition, analysis })?;
    Ok(report)
}

/// Applies the import last previewed for this edition (backup first, one transaction).
#[tauri::command]
pub fn apply_import(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<ImportReport, IpcError> {
    let pending = state.take_pending_import(edition)?;
    let analysis = pending.analysis;
    state.with_store(|store| import::apply_analysis(store, edition, &analysis))
}

/// Remembers what a column means (or that it means nothing) for this and the next files.
#[tauri::command]
pub fn remember_column(
    state: State<'_, AppState>,
    role: Role,
    header: String,
    field: Option<Field>,
) -> Result<(), IpcError> {
    state.with_store(|store| store.remember_column(role, &header, field))
}

/// Goes back to the automatic matching for a column.
#[tauri::command]
pub fn forget_column(
    state: State<'_, AppState>,
    role: Role,
    header: String,
) -> Result<(), IpcError> {
    state.with_store(|store| store.forget_column(role, &header))
}
