use binome::actions::editions;
use binome::model::{Edition, EditionId, EditionSummary, NewEdition};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub fn list_editions(state: State<'_, AppState>) -> Result<Vec<EditionSummary>, IpcError> {
    state.with_store(|store| editions::list(store))
}

#[tauri::command]
pub fn get_edition(state: State<'_, AppState>, id: EditionId) -> Result<EditionSummary, IpcError> {
    state.with_store(|store| editions::get(store, id))
}

#[tauri::command]
pub fn create_edition(
    state: State<'_, AppState>,
    edition: NewEdition,
) -> Result<Edition, IpcError> {
    state.with_store(|store| editions::create(store, &edition))
}

#[tauri::command]
pub fn update_edition(
    state: State<'_, AppState>,
    id: EditionId,
    edition: NewEdition,
) -> Result<Edition, IpcError> {
    state.with_store(|store| editions::update(store, id, &edition))
}

/// How many months after its Jour J the edition's personal data is kept.
#[tauri::command]
pub fn set_retention(
    state: State<'_, AppState>,
    id: EditionId,
    months: u32,
) -> Result<Edition, IpcError> {
    state.with_store(|store| editions::set_retention(store, id, months))
}

#[tauri::command]
pub fn delete_edition(state: State<'_, AppState>, id: EditionId) -> Result<(), IpcError> {
    state.with_store(|store| editions::delete(store, id))
}

/// Gives an edition the rules and message templates of another (last year's).
#[tauri::command]
pub fn copy_edition_settings(
    state: State<'_, AppState>,
    from: EditionId,
    to: EditionId,
) -> Result<(), IpcError> {
    state.with_store(|store| editions::copy_settings(store, from, to))
}
