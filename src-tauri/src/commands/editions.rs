use binome::actions::editions;
use binome::model::{Edition, EditionId, EditionSummary, NewEdition};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::dialog;
use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_editions(state: State<'_, AppState>) -> Result<Vec<EditionSummary>, IpcError> {
    state.with_reader(editions::list)
}

#[tauri::command(async)]
pub fn get_edition(state: State<'_, AppState>, id: EditionId) -> Result<EditionSummary, IpcError> {
    state.with_reader(|store| editions::get(store, id))
}

/// The window shows this edition (`None`: the list), for the next start to reopen it.
#[tauri::command(async)]
pub fn set_opened_edition(
    state: State<'_, AppState>,
    edition: Option<EditionId>,
) -> Result<(), IpcError> {
    state.with_store(|store| editions::set_opened(store, edition))
}

/// The edition to reopen at start, if one was open when the window was closed.
#[tauri::command(async)]
pub fn opened_edition(state: State<'_, AppState>) -> Result<Option<EditionId>, IpcError> {
    state.with_store(|store| editions::opened(store))
}

#[tauri::command(async)]
pub fn create_edition(
    state: State<'_, AppState>,
    edition: NewEdition,
) -> Result<Edition, IpcError> {
    state.with_store(|store| editions::create(store, &edition))
}

#[tauri::command(async)]
pub fn update_edition(
    state: State<'_, AppState>,
    id: EditionId,
    edition: NewEdition,
) -> Result<Edition, IpcError> {
    state.with_store(|store| editions::update(store, id, &edition))
}

/// How many months after its Jour J the edition's personal data is kept.
#[tauri::command(async)]
pub fn set_retention(
    state: State<'_, AppState>,
    id: EditionId,
    months: u32,
) -> Result<Edition, IpcError> {
    state.with_store(|store| editions::set_retention(store, id, months))
}

/// Deletes an edition for good, once the organiser confirmed in a native dialog.
#[tauri::command]
pub async fn delete_edition<R: Runtime>(app: AppHandle<R>, id: EditionId) -> Result<(), IpcError> {
    let summary = app
        .state::<AppState>()
        .with_store(|store| editions::get(store, id))?;
    let confirmed = dialog::confirm(
        "Supprimer l'édition ?",
        &format!(
            "« {} » et tout ce qu'elle contient ({} étudiants, {} ambassadeurs, {} binômes) seront effacés de cet ordinateur, sauvegardes comprises. Cette action ne peut pas être annulée.",
            summary.edition.name, summary.students, summary.ambassadors, summary.pairs
        ),
        "Supprimer définitivement",
    )
    .await;
    if !confirmed {
        return Err(IpcError::Cancelled);
    }
    app.state::<AppState>()
        .with_store(|store| editions::delete(store, id))
}

/// Gives an edition the rules and message templates of another (last year's).
#[tauri::command(async)]
pub fn copy_edition_settings(
    state: State<'_, AppState>,
    from: EditionId,
    to: EditionId,
) -> Result<(), IpcError> {
    state.with_store(|store| editions::copy_settings(store, from, to))
}
