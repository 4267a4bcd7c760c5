//! The suggestion and what it leaves, the rules it follows, and the workbook of pairs.

use binome::actions::board::BoardChange;
use binome::actions::why::WhyDocument;
use binome::actions::{board, export, follow_up, rules, suggest, why};
use binome::export::{ExportOptions, ExportSummary};
use binome::model::{EditionId, Role, StudentId};
use binome::season::{DateView, SeasonOverview};
use binome::suggest::{Compatibility, Rules, Unpaired};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::dialog;
use crate::error::IpcError;
use crate::state::AppState;

/// Proposes the pairs of the edition (locked, validated and notified pairs stay), after a
/// backup of the database; answers with what changed on the board.
#[tauri::command(async)]
pub fn suggest_pairs(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<BoardChange, IpcError> {
    state.with_store(|store| suggest::suggest_from_board(store, edition))
}

#[tauri::command(async)]
pub fn list_unpaired(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<Unpaired>, IpcError> {
    state.with_reader(|store| suggest::unpaired(store, edition))
}

/// Asks where to save, then writes the workbook of pairs there.
#[tauri::command]
pub async fn export_workbook<R: Runtime>(
    app: AppHandle<R>,
    edition: EditionId,
    options: ExportOptions,
) -> Result<ExportSummary, IpcError> {
    let name = app
        .state::<AppState>()
        .with_store(|store| export::default_file_name(store, edition))?;
    let path = dialog::save_workbook("Enregistrer le classeur des binômes", &name)
        .await
        .ok_or(IpcError::Cancelled)?;
    let state = app.state::<AppState>();
    let summary =
        state.with_store(|store| export::export_workbook(store, edition, &path, &options))?;
    state.remember_written(&summary.path);
    Ok(summary)
}

#[tauri::command(async)]
pub fn get_rules(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<rules::RulesView, IpcError> {
    state.with_store(|store| rules::view(store, edition))
}

#[tauri::command(async)]
pub fn set_rules(
    state: State<'_, AppState>,
    edition: EditionId,
    rules: Rules,
) -> Result<(), IpcError> {
    state.with_store(|store| rules::set(store, edition, &rules))
}

/// A student against every ambassador: the reasons of each allowed pair, why the others are not.
#[tauri::command(async)]
pub fn compatibility(
    state: State<'_, AppState>,
    edition: EditionId,
    student: StudentId,
) -> Result<Vec<Compatibility>, IpcError> {
    let compatibility = state.with_reader(|store| board::compatibility(store, edition, student));
    crate::late_answers::hold_back("compatibility");
    compatibility
}

/// The season at a glance: demand against supply, gaps, wish satisfaction.
#[tauri::command(async)]
pub fn season_overview(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<SeasonOverview, IpcError> {
    let season = state.with_reader(|store| suggest::season(store, edition));
    crate::late_answers::hold_back("season_overview");
    season
}

/// « Mémoriser ces chiffres »: the dashboard's figures kept with the edition.
#[tauri::command(async)]
pub fn remember_figures(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<suggest::RememberedFigures, IpcError> {
    state.with_store(|store| suggest::remember_figures(store, edition))
}

/// The figures memorised for the edition, if any.
#[tauri::command(async)]
pub fn remembered_figures(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Option<suggest::RememberedFigures>, IpcError> {
    state.with_store(|store| suggest::remembered_figures(store, edition))
}

/// The pairs by agreed date (#17): who goes where, which day.
#[tauri::command(async)]
pub fn pairs_by_date(state: State<'_, AppState>, edition: EditionId) -> Result<DateView, IpcError> {
    state.with_store(|store| follow_up::by_date(store, edition))
}

/// « Pourquoi ? » for one student or ambassador, as the document would say it (shown before it
/// is saved).
#[tauri::command(async)]
pub fn why_document(
    state: State<'_, AppState>,
    edition: EditionId,
    role: Role,
    id: i64,
) -> Result<WhyDocument, IpcError> {
    state.with_store(|store| why::why_document(store, edition, role, id))
}

/// Asks where to save, then writes the « Pourquoi ? » document there; the path written.
#[tauri::command]
pub async fn export_why<R: Runtime>(
    app: AppHandle<R>,
    edition: EditionId,
    role: Role,
    id: i64,
) -> Result<String, IpcError> {
    let suggested = app
        .state::<AppState>()
        .with_store(|store| why::why_document(store, edition, role, id))?
        .file_name;
    let path = dialog::save_html("Enregistrer l'explication", &suggested)
        .await
        .ok_or(IpcError::Cancelled)?;
    app.state::<AppState>()
        .with_store(|store| why::export_why(store, edition, role, id, &path))?;
    app.state::<AppState>().remember_written(&path);
    Ok(path.display().to_string())
}
