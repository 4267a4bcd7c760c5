use binome::model::{Ambassador, EditionId, Student};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub fn list_students(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<Student>, IpcError> {
    state.with_store(|store| store.list_students(edition))
}

#[tauri::command]
pub fn list_ambassadors(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<Ambassador>, IpcError> {
    state.with_store(|store| store.list_ambassadors(edition))
}
