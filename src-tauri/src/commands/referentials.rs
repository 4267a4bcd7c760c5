use binome::actions::referentials::{self, LearnedSynonym, ReferentialLists};
use binome::model::SynonymKind;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// The métiers and administrations the organiser can rattach a value to.
#[tauri::command(async)]
pub fn list_referentials() -> ReferentialLists {
    referentials::lists()
}

/// The synonyms the organiser taught.
#[tauri::command(async)]
pub fn learned_synonyms(state: State<'_, AppState>) -> Result<Vec<LearnedSynonym>, IpcError> {
    state.with_store(|store| referentials::learned_synonyms(store))
}

/// Undoes a synonym the organiser taught.
#[tauri::command(async)]
pub fn forget_synonym(
    state: State<'_, AppState>,
    kind: SynonymKind,
    key: String,
) -> Result<(), IpcError> {
    state.with_store(|store| referentials::forget_synonym(store, kind, &key))
}
