use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::{database_path, AppState};

/// What the app tells the organiser about itself, starting with where their data lives.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    pub schema_version: u32,
    /// Something to tell the organiser about the data folder (moved at start…), in French.
    pub data_notice: Option<String>,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    let data_dir = state.data_dir()?;
    let schema_version =
        state.with_store(|store| binome::actions::database::schema_version(store))?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        database_path: database_path(&data_dir).display().to_string(),
        data_dir: data_dir.display().to_string(),
        schema_version,
        data_notice: state.data_notice(),
    })
}
