//! The messages to each person: templates with a preview, drafts written for the organiser's
//! own mail tool, pairs marked « notifié » once sent.

use binome::actions::messages::{self, Selection, TemplatesView};
use binome::messages::{DraftsSummary, Message, Templates};
use binome::model::{EditionId, MessageKind, PairId};
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
    let selection = Selection {
        status: None,
        pairs,
    };
    app.state::<AppState>()
        .with_store(|store| messages::write_drafts(store, edition, &folder, &selection))
}

/// Marks the pairs whose messages were sent as "notifié".
#[tauri::command]
pub fn mark_notified(
    state: State<'_, AppState>,
    edition: EditionId,
    pairs: Vec<PairId>,
) -> Result<usize, IpcError> {
    state.with_store(|store| messages::mark_notified(store, edition, &pairs))
}

/// The templates of an edition, with the fields they may use.
#[tauri::command]
pub fn get_templates(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<TemplatesView, IpcError> {
    state.with_store(|store| messages::templates_view(store, edition))
}

#[tauri::command]
pub fn set_templates(
    state: State<'_, AppState>,
    edition: EditionId,
    templates: Templates,
) -> Result<(), IpcError> {
    state.with_store(|store| messages::set_templates(store, edition, &templates))
}

/// Every new-pair message as it would be composed now, for the preview.
#[tauri::command]
pub fn preview_messages(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<Message>, IpcError> {
    state.with_store(|store| messages::preview(store, edition, MessageKind::NewPair))
}
