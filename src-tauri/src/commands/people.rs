use binome::actions::people::{self, OriginalRow, PersonForm, PersonSaved, StoredDuplicate};
use binome::import::form::FormValue;
use binome::model::{Ambassador, EditionId, Field, Role, SourceRowId, Student};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::dialog;
use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_students(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<Student>, IpcError> {
    state.with_store(|store| people::students(store, edition))
}

#[tauri::command(async)]
pub fn list_ambassadors(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<Ambassador>, IpcError> {
    state.with_store(|store| people::ambassadors(store, edition))
}

/// An imported row as it came, with the header of its file.
#[tauri::command(async)]
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

/// The form to add a person (`id` null) or to correct one.
#[tauri::command(async)]
pub fn person_form(
    state: State<'_, AppState>,
    edition: EditionId,
    role: Role,
    id: Option<i64>,
) -> Result<PersonForm, IpcError> {
    state.with_store(|store| people::person_form(store, edition, role, id))
}

/// Adds a person typed by hand (`id` null) or stores a correction.
#[tauri::command(async)]
pub fn save_person(
    state: State<'_, AppState>,
    edition: EditionId,
    role: Role,
    id: Option<i64>,
    values: Vec<FormValue>,
) -> Result<PersonSaved, IpcError> {
    state.with_store(|store| people::save_person(store, edition, role, id, &values))
}

/// Removes a person from the edition (undoable).
#[tauri::command(async)]
pub fn remove_person(
    state: State<'_, AppState>,
    edition: EditionId,
    role: Role,
    id: i64,
) -> Result<PersonSaved, IpcError> {
    state.with_store(|store| people::remove_person(store, edition, role, id))
}

/// The edition's probable duplicates (same name and phone, different e-mails), those kept
/// apart left out.
#[tauri::command(async)]
pub fn probable_duplicates(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<StoredDuplicate>, IpcError> {
    state.with_store(|store| people::probable_duplicates(store, edition))
}

/// « Fusionner »: keeps `kept`, completed with `other`'s values, and removes `other` (undoable).
#[tauri::command(async)]
pub fn merge_people(
    state: State<'_, AppState>,
    edition: EditionId,
    role: Role,
    kept: i64,
    other: i64,
) -> Result<PersonSaved, IpcError> {
    state.with_store(|store| people::merge_people(store, edition, role, kept, other))
}

/// « Ce sont deux personnes »: the two are not listed as probable duplicates again.
#[tauri::command(async)]
pub fn keep_apart(
    state: State<'_, AppState>,
    edition: EditionId,
    role: Role,
    first: i64,
    second: i64,
) -> Result<(), IpcError> {
    state.with_store(|store| people::keep_apart(store, edition, role, first, second))
}

/// Erases a person for good, at their request, once the organiser confirmed in a native dialog.
#[tauri::command]
pub async fn erase_person<R: Runtime>(
    app: AppHandle<R>,
    edition: EditionId,
    role: Role,
    id: i64,
) -> Result<(), IpcError> {
    let form = app
        .state::<AppState>()
        .with_store(|store| people::person_form(store, edition, role, Some(id)))?;
    let name = form
        .fields
        .iter()
        .filter(|f| matches!(f.field, Field::FirstName | Field::LastName))
        .map(|f| f.value.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let confirmed = dialog::confirm(
        "Effacer définitivement ?",
        &format!(
            "{} sera effacé(e) de cette édition, de l'historique et des sauvegardes. Cet effacement ne peut pas être annulé.",
            name.trim()
        ),
        "Effacer définitivement",
    )
    .await;
    if !confirmed {
        return Err(IpcError::Cancelled);
    }
    app.state::<AppState>()
        .with_store(|store| people::erase_person(store, edition, role, id))
}

/// Writes a person's data where the organiser chooses; the path written.
#[tauri::command]
pub async fn export_person_data<R: Runtime>(
    app: AppHandle<R>,
    edition: EditionId,
    role: Role,
    id: i64,
) -> Result<String, IpcError> {
    let suggested = app
        .state::<AppState>()
        .with_store(|store| people::person_data_file_name(store, edition, role, id))?;
    let path = dialog::save_text("Enregistrer les données de la personne", &suggested)
        .await
        .ok_or(IpcError::Cancelled)?;
    app.state::<AppState>()
        .with_store(|store| people::export_person_data(store, edition, role, id, &path))?;
    app.state::<AppState>().remember_written(&path);
    Ok(path.display().to_string())
}
