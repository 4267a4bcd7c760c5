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

#[tauri::command(async)]
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

/// « Ouvrir le dossier »: the system's file manager on a file or folder the app wrote where the
/// organiser chose (a workbook, a wave of drafts…), selected there. Any other path is refused.
#[tauri::command(async)]
pub fn reveal_written<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    path: String,
) -> Result<(), IpcError> {
    use tauri::Manager;
    use tauri_plugin_opener::OpenerExt;
    let path = std::path::PathBuf::from(path);
    if !app.state::<AppState>().was_written(&path) {
        return Err(IpcError::NotFound {
            message: "Binômes n'a pas écrit ce fichier pendant cette session : ouvrez son dossier depuis l'explorateur de fichiers.".into(),
        });
    }
    // The opener's own (English) error says no more than this to the organiser.
    app.opener().reveal_item_in_dir(&path).map_err(|_| {
        IpcError::NotFound {
            message: format!(
                "Le dossier de « {} » n'a pas pu être ouvert : ouvrez-le depuis l'explorateur de fichiers.",
                path.display()
            ),
        }
    })
}
