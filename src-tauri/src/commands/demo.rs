use binome::actions::demo;
use binome::demo::{DemoSize, DEFAULT_SEED};
use binome::model::Edition;
use serde::Serialize;
use tauri::State;

use crate::dialog;
use crate::error::IpcError;
use crate::state::AppState;

/// Where the demo sign-up sheets were written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DemoSamples {
    pub folder: String,
    pub files: Vec<String>,
}

#[tauri::command(async)]
pub fn open_demo_edition(state: State<'_, AppState>) -> Result<Edition, IpcError> {
    state.with_store(demo::open_demo_edition)
}

/// Asks for a folder and writes the demo sign-up sheets there, to try the import with.
#[tauri::command]
pub async fn export_demo_samples() -> Result<DemoSamples, IpcError> {
    let folder = dialog::pick_folder("Dossier où enregistrer les fichiers de démonstration")
        .await
        .ok_or(IpcError::Cancelled)?;
    let files = demo::write_samples(&folder, DEFAULT_SEED, DemoSize::default())?;
    Ok(DemoSamples {
        folder: folder.display().to_string(),
        files: files
            .iter()
            .filter_map(|f| f.file_name())
            .map(|f| f.to_string_lossy().into_owned())
            .collect(),
    })
}
