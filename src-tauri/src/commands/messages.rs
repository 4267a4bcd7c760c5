//! The messages to each person: templates with a preview per kind, « À prévenir » (who is owed
//! a message and why), a wave planned then written as drafts or queued and sent over SMTP
//! (progress events, pause, cancel), the SMTP settings with the password in the operating
//! system's credential store, the test message, and the log per person.

use std::sync::{Arc, Mutex};

use binome::actions::messages::{
    self, Audience, LogLine, Plan, QueuedWave, Selection, TemplatesView,
};
use binome::actions::sending::{self, Control, SendProgress};
use binome::messages::smtp::{KeptIn, SmtpSettings};
use binome::messages::{DraftsSummary, Message, Owed, Templates};
use binome::model::{EditionId, MessageKind, PairId, Role};
use binome::Store;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

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
    let state = app.state::<AppState>();
    let summary =
        state.with_store(|store| messages::write_drafts(store, edition, &folder, &selection))?;
    state.remember_written(&summary.folder);
    Ok(summary)
}

/// Marks the pairs whose messages were sent as "notifié".
#[tauri::command(async)]
pub fn mark_notified(
    state: State<'_, AppState>,
    edition: EditionId,
    pairs: Vec<PairId>,
) -> Result<usize, IpcError> {
    state.with_store(|store| messages::mark_notified(store, edition, &pairs))
}

/// The templates of an edition, with the fields they may use.
#[tauri::command(async)]
pub fn get_templates(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<TemplatesView, IpcError> {
    state.with_store(|store| messages::templates_view(store, edition))
}

#[tauri::command(async)]
pub fn set_templates(
    state: State<'_, AppState>,
    edition: EditionId,
    templates: Templates,
) -> Result<(), IpcError> {
    state.with_store(|store| messages::set_templates(store, edition, &templates))
}

/// Every new-pair message as it would be composed now, for the preview.
#[tauri::command(async)]
pub fn preview_messages(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<Message>, IpcError> {
    state.with_store(|store| messages::preview(store, edition, MessageKind::NewPair))
}

/// Every message of a kind as it would be composed now, for the preview.
#[tauri::command(async)]
pub fn preview_kind(
    state: State<'_, AppState>,
    edition: EditionId,
    kind: MessageKind,
) -> Result<Vec<Message>, IpcError> {
    state.with_store(|store| messages::preview(store, edition, kind))
}

/// « À prévenir »: who is owed a message, and why.
#[tauri::command(async)]
pub fn to_notify(
    state: State<'_, AppState>,
    edition: EditionId,
    finals: bool,
) -> Result<Vec<Owed>, IpcError> {
    state.with_store(|store| messages::to_notify(store, edition, finals))
}

/// The messages a wave would carry: the count and the recipients, before anything happens.
#[tauri::command(async)]
pub fn plan_wave(
    state: State<'_, AppState>,
    edition: EditionId,
    audience: Audience,
) -> Result<Plan, IpcError> {
    let plan = state.with_store(|store| messages::plan(store, edition, &audience));
    crate::late_answers::hold_back("plan_wave");
    plan
}

/// Asks for a folder and writes the wave there as drafts, in a new folder of its own.
#[tauri::command]
pub async fn write_wave<R: Runtime>(
    app: AppHandle<R>,
    edition: EditionId,
    audience: Audience,
) -> Result<DraftsSummary, IpcError> {
    let folder = dialog::pick_folder("Dossier où écrire la vague de brouillons")
        .await
        .ok_or(IpcError::Cancelled)?;
    let state = app.state::<AppState>();
    let summary = state.with_store(|store| {
        messages::write_wave(store, edition, &folder, &audience, messages::now())
    })?;
    state.remember_written(&summary.folder);
    Ok(summary)
}

/// The organiser sent these drafts from their mail tool.
#[tauri::command(async)]
pub fn confirm_drafts(
    state: State<'_, AppState>,
    edition: EditionId,
    ids: Vec<i64>,
) -> Result<usize, IpcError> {
    state.with_store(|store| messages::confirm_drafts(store, edition, &ids))
}

/// Composes the wave and logs every message before anything is sent.
#[tauri::command(async)]
pub fn queue_wave(
    state: State<'_, AppState>,
    edition: EditionId,
    audience: Audience,
) -> Result<QueuedWave, IpcError> {
    state.with_store(|store| messages::queue_wave(store, edition, &audience, messages::now()))
}

/// The waves with messages still to send (interrupted or cancelled).
#[tauri::command(async)]
pub fn unfinished_waves(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<String>, IpcError> {
    state.with_store(|store| sending::unfinished_waves(store, edition))
}

/// The notification log of the edition, or of one person.
#[tauri::command(async)]
pub fn notification_log(
    state: State<'_, AppState>,
    edition: EditionId,
    person: Option<(Role, i64)>,
) -> Result<Vec<LogLine>, IpcError> {
    state.with_store(|store| messages::log(store, edition, person))
}

/// The SMTP settings of an edition, and whether a password is kept for them.
pub use binome::actions::sending::SmtpView;

#[tauri::command(async)]
pub fn get_smtp_settings(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<SmtpView, IpcError> {
    state.with_store(|store| sending::smtp_view(store, edition))
}

#[tauri::command(async)]
pub fn set_smtp_settings(
    state: State<'_, AppState>,
    edition: EditionId,
    settings: SmtpSettings,
) -> Result<(), IpcError> {
    state.with_store(|store| sending::set_settings(store, edition, &settings))
}

/// Keeps the password in the operating system's credential store (never in the database).
#[tauri::command(async)]
pub fn save_smtp_password(
    state: State<'_, AppState>,
    edition: EditionId,
    password: String,
) -> Result<KeptIn, IpcError> {
    state.with_store(|store| sending::save_password(store, edition, &password))
}

/// « Envoyer un message d'essai à moi-même ».
#[tauri::command]
pub async fn send_test_message<R: Runtime>(
    app: AppHandle<R>,
    edition: EditionId,
) -> Result<String, IpcError> {
    tauri::async_runtime::spawn_blocking(move || {
        app.state::<AppState>()
            .with_store(|store| sending::send_test_message(store, edition))
    })
    .await
    .map_err(|_| IpcError::internal())?
}

/// Name of the event that tells the window where a wave's sending stands.
pub const SEND_EVENT: &str = "send-progress";

/// The sending under way, for pause and cancel (one at a time).
static SENDING: Mutex<Option<Arc<Control>>> = Mutex::new(None);

/// Sends what is left of a wave, off the main thread, on a connection of its own to the
/// database so the window keeps working meanwhile; `pause_sending` and `cancel_sending` act
/// between two messages.
#[tauri::command]
pub async fn send_wave<R: Runtime>(
    app: AppHandle<R>,
    edition: EditionId,
    wave: String,
) -> Result<SendProgress, IpcError> {
    let job = app
        .state::<AppState>()
        .with_store(|store| sending::prepare_send(store, edition))?;
    let control = Arc::new(Control::default());
    {
        let mut current = SENDING.lock().map_err(|_| IpcError::internal())?;
        if current.is_some() {
            return Err(IpcError::Invalid {
                message: "Un envoi est déjà en cours : attendez sa fin ou annulez-le.".into(),
            });
        }
        *current = Some(Arc::clone(&control));
    }
    let worker = app.clone();
    let result = tauri::async_runtime::spawn_blocking(move || {
        let mut store = Store::open(&job.database)?;
        let mut report = |p: &SendProgress| {
            // Best effort: a window that misses an event still gets the result.
            let _ = worker.emit(SEND_EVENT, p.clone());
        };
        Ok::<_, IpcError>(sending::send_wave(
            &mut store,
            edition,
            &wave,
            job.password.as_deref(),
            &job.pace,
            &control,
            &mut report,
        )?)
    })
    .await
    .map_err(|_| IpcError::internal());
    if let Ok(mut current) = SENDING.lock() {
        *current = None;
    }
    result?
}

/// Pauses (or resumes) the sending under way, between two messages.
#[tauri::command(async)]
pub fn pause_sending(paused: bool) {
    if let Ok(Some(control)) = SENDING.lock().as_deref() {
        control.pause(paused);
    }
}

/// Cancels the sending under way after the current message; what is left stays queued.
#[tauri::command(async)]
pub fn cancel_sending() {
    if let Ok(Some(control)) = SENDING.lock().as_deref() {
        control.cancel();
    }
}
