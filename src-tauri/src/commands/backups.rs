//! The backups of the database: listed (even when the database itself cannot be opened) and
//! restored, the store being closed first and reopened by the next command.

use binome::actions::database;
use binome::store::{BackupInfo, Restored};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, IpcError> {
    Ok(database::list_backups(&state.data_dir()?))
}

/// Puts a backup in place of the database; the replaced one is kept aside in the data folder.
#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, file: String) -> Result<Restored, IpcError> {
    state.with_store_closed(|data_dir| database::restore_backup(data_dir, &file))
}
