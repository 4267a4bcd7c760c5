use binome::export::{self, ExportOptions, ExportSummary};
use binome::model::EditionId;
use binome::suggest::{Suggestion, Unpaired};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::dialog;
use crate::error::IpcError;
use crate::state::AppState;

/// Proposes the pairs of the edition (locked, validated and notified pairs stay), after a
/// backup of the database.
#[tauri::command]
pub fn suggest_pairs(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Suggestion, IpcError> {
    state.with_store(|store| {
        store.backup("avant-suggestion")?;
        store.suggest(edition)
    })
}

#[tauri::command]
pub fn list_unpaired(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<Unpaired>, IpcError> {
    state.with_store(|store| store.unpaired(edition))
}

/// Asks where to save, then writes the workbook of pairs there.
#[tauri::command]
pub async fn export_workbook<R: Runtime>(
    app: AppHandle<R>,
    edition: EditionId,
    options: ExportOptions,
) -> Result<ExportSummary, IpcError> {
    let path = dialog::save_workbook("Enregistrer le classeur des binômes", "binomes.xlsx")
        .await
        .ok_or(IpcError::Cancelled)?;
    let state = app.state::<AppState>();
    state.with_export(|store| export::export_edition(store, edition, &path, &options))
}

/// A weight as the window shows it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct WeightLabel {
    pub name: String,
    pub label: String,
}

/// The rules of an edition, their French labels and the notice they make.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct RulesView {
    pub rules: binome::suggest::Rules,
    pub labels: Vec<WeightLabel>,
    pub notice: Vec<String>,
}

#[tauri::command]
pub fn get_rules(state: State<'_, AppState>, edition: EditionId) -> Result<RulesView, IpcError> {
    let rules = state.with_store(|store| store.rules(edition))?;
    Ok(RulesView {
        labels: binome::suggest::Weights::LABELS
            .iter()
            .map(|(name, label)| WeightLabel {
                name: (*name).to_string(),
                label: (*label).to_string(),
            })
            .collect(),
        notice: rules.notice_fr(),
        rules,
    })
}

#[tauri::command]
pub fn set_rules(
    state: State<'_, AppState>,
    edition: EditionId,
    rules: binome::suggest::Rules,
) -> Result<(), IpcError> {
    state.with_store(|store| store.set_rules(edition, &rules))
}

/// A student against every ambassador: the reasons of each allowed pair, why the others are not.
#[tauri::command]
pub fn compatibility(
    state: State<'_, AppState>,
    edition: EditionId,
    student: binome::model::StudentId,
) -> Result<Vec<binome::store::Compatibility>, IpcError> {
    state.with_store(|store| store.compatibility(edition, student))
}

/// The season at a glance: demand against supply, gaps, wish satisfaction.
#[tauri::command]
pub fn season_overview(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<binome::season::SeasonOverview, IpcError> {
    state.with_store(|store| store.season(edition))
}
