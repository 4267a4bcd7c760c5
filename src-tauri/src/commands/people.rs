use binome::model::{Ambassador, EditionId, SourceRow, SourceRowId, Student};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

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

/// An imported row as it came, with the header of its file.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OriginalRow {
    pub headers: Vec<String>,
    pub row: SourceRow,
}

#[tauri::command]
pub fn original_row(state: State<'_, AppState>, id: SourceRowId) -> Result<OriginalRow, IpcError> {
    let found = state.with_store(|store| store.source_row(id))?;
    let (headers, row) = found.ok_or_else(|| IpcError::NotFound {
        message: "Cette ligne importée n'existe plus.".into(),
    })?;
    Ok(OriginalRow { headers, row })
}
