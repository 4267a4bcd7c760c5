use binome::messages::{self, DraftsSummary};
use binome::model::{EditionId, PairId};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::dialog;
use crate::error::IpcError;
use crate::state::AppState;

/// Asks for a folder and writes there one `.eml` draft per person of every pair (or of the
/// pairs given: a pair just remade after a withdrawal), and the mail-merge sheet. Nothing is
/// sent: the organiser sends from their own mail tool.
#[tauri::command]
pub async fn write_messages<R: Runtime>(
    app: AppHandle<R>,
    edition: EditionId,
    pairs: Option<Vec<PairId>>,
) -> Result<DraftsSummary, IpcError> {
    let folder = dialog::pick_folder("Dossier où écrire les brouillons des messages")
        .await
        .ok_or(IpcError::Cancelled)?;
    let state = app.state::<AppState>();
    let mut messages = state.with_store(|store| store.messages(edition, None))?;
    if let Some(only) = &pairs {
        messages.retain(|m| only.contains(&m.pair));
    }
    let templates = state.with_store(|store| store.templates(edition))?;
    messages::write_drafts(&messages, &folder, &templates).map_err(|e| IpcError::Storage {
        message: e.to_string(),
    })
}

/// Marks the pairs whose messages were sent as "notifié".
#[tauri::command]
pub fn mark_notified(state: State<'_, AppState>, pairs: Vec<PairId>) -> Result<usize, IpcError> {
    state.with_store(|store| store.mark_notified(&pairs))
}

/// A template field and what it holds.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct TemplateField {
    pub name: String,
    pub description: String,
}

/// The templates of an edition, with the fields they may use.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct TemplatesView {
    pub templates: binome::messages::Templates,
    pub fields: Vec<TemplateField>,
}

#[tauri::command]
pub fn get_templates(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<TemplatesView, IpcError> {
    let templates = state.with_store(|store| store.templates(edition))?;
    Ok(TemplatesView {
        templates,
        fields: messages::FIELDS
            .iter()
            .map(|(name, description)| TemplateField {
                name: (*name).to_string(),
                description: (*description).to_string(),
            })
            .collect(),
    })
}

#[tauri::command]
pub fn set_templates(
    state: State<'_, AppState>,
    edition: EditionId,
    templates: binome::messages::Templates,
) -> Result<(), IpcError> {
    state.with_store(|store| store.set_templates(edition, &templates))
}

/// Every message as it would be written, for the preview.
#[tauri::command]
pub fn preview_messages(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<binome::messages::Message>, IpcError> {
    state.with_store(|store| store.messages(edition, None))
}
