//! The import wizard: choose a file, see what it holds and what it would change, then apply
//! exactly what was previewed.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use binome::actions::import;
use binome::import::{ImportReport, Progress};
use binome::model::{EditionId, Field, Role, SynonymKind, TakeFromFile};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::dialog;
use crate::error::IpcError;
use crate::state::{AppState, PendingImport};

/// Asks for the file to import; returns its path, which the window may then ask to read.
#[tauri::command]
pub async fn pick_import_file<R: Runtime>(
    app: AppHandle<R>,
    role: Role,
) -> Result<String, IpcError> {
    let title = match role {
        Role::Student => "Fichier des inscriptions des étudiants",
        Role::Ambassador => "Fichier des inscriptions des ambassadeurs",
    };
    let path = dialog::pick_spreadsheet(title)
        .await
        .ok_or(IpcError::Cancelled)?;
    app.state::<AppState>().allow_files([path.clone()]);
    Ok(path.display().to_string())
}

/// Name of the event that tells the window how many rows have been read.
pub const PROGRESS_EVENT: &str = "import-progress";

/// Reads the file and returns what importing it would do, without storing anything. Runs off
/// the main thread, telling the window how far it is; `cancel_import` stops it.
#[tauri::command]
pub async fn preview_import<R: Runtime>(
    app: AppHandle<R>,
    edition: EditionId,
    role: Role,
    path: String,
    sheet: Option<String>,
) -> Result<ImportReport, IpcError> {
    let path = PathBuf::from(path);
    // Only a file the organiser chose or dropped on the window: never any path the page sends.
    if !app.state::<AppState>().was_chosen(&path) {
        return Err(IpcError::Invalid {
            message: "Ce fichier n'a pas été choisi dans Binômes : choisissez-le avec « Choisir un fichier… » ou déposez-le sur la fenêtre.".into(),
        });
    }
    let worker = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<AppState>();
        state.import_cancel.store(false, Ordering::Relaxed);
        let report_rows = |rows: u32| {
            // Best effort: a window that misses a figure still gets the result.
            let _ = worker.emit(PROGRESS_EVENT, rows);
        };
        let progress = Progress::new(&report_rows, &state.import_cancel);
        // On the reading connection: a large file read for seconds holds back no change
        // meanwhile (a move on the board, another edition's import).
        let read = state.with_reader(|store| {
            import::preview(store, edition, role, &path, sheet.as_deref(), &progress)
        });
        crate::late_answers::hold_back("preview_import");
        let (report, analysis) = read?;
        state.set_pending_import(PendingImport { edition, analysis })?;
        Ok(report)
    })
    .await
    .map_err(|_| IpcError::internal())?
}

/// Stops the file being read by `preview_import`.
#[tauri::command(async)]
pub fn cancel_import(state: State<'_, AppState>) {
    state.import_cancel.store(true, Ordering::Relaxed);
}

/// Applies the import last previewed for this edition (backup first, one transaction),
/// taking the file's value over those changed by hand listed in `take`.
#[tauri::command(async)]
pub fn apply_import(
    state: State<'_, AppState>,
    edition: EditionId,
    take: Vec<TakeFromFile>,
) -> Result<ImportReport, IpcError> {
    let pending = state.take_pending_import(edition)?;
    state.with_store(|store| import::apply(store, edition, &pending.analysis, &take))
}

/// Remembers what a column means (or that it means nothing) for this and the next files.
#[tauri::command(async)]
pub fn remember_column(
    state: State<'_, AppState>,
    role: Role,
    header: String,
    field: Option<Field>,
) -> Result<(), IpcError> {
    state.with_store(|store| import::remember_column(store, role, &header, field))
}

/// Goes back to the automatic matching for a column.
#[tauri::command(async)]
pub fn forget_column(
    state: State<'_, AppState>,
    role: Role,
    header: String,
) -> Result<(), IpcError> {
    state.with_store(|store| import::forget_column(store, role, &header))
}

/// Remembers that a métier or administration written `text` is the referential entry `code`.
#[tauri::command(async)]
pub fn remember_synonym(
    state: State<'_, AppState>,
    kind: SynonymKind,
    text: String,
    code: String,
) -> Result<(), IpcError> {
    state.with_store(|store| import::remember_synonym(store, kind, &text, &code))
}
