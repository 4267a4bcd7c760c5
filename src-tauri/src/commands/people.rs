use binome::actions::people::{self, OriginalRow};
use binome::model::{Ambassador, EditionId, SourceRowId, Student};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub fn list_students(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<Student>, IpcError> {
    state.with_store(|store| people::students(store, edition))
}

#[tauri::command]
pub fn list_ambassadors(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<Ambassador>, IpcError> {
    state.with_store(|store| people::ambassadors(store, edition))
}

/// An imported row as it came, with the header of its file.
#[tauri::command]
pub fn original_row(
    state: State<'_, AppState>,
    edition: EditionId,
    id: SourceRowId,
) -> Result<OriginalRow, IpcError> {
    state
        .with_store(|store| people::original_row(store, edition, id))?
        .ok_or_else(|| IpcError::NotFound {
            message: "Cette ligne importée n'existe plus.".into(),
        })
}
