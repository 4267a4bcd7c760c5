//! The database itself: its schema version and its backups (listed even when the database
//! cannot be opened, and restored with the store closed).

use std::path::Path;

use crate::store::{self, BackupInfo, DataFolder, Restored};
use crate::{Store, StoreError};

pub fn schema_version(store: &Store) -> Result<u32, StoreError> {
    store.schema_version()
}

pub fn list_backups(data_dir: &Path) -> Vec<BackupInfo> {
    store::list_backups(data_dir)
}

/// Puts a backup in place of the database; the replaced file is kept aside in the data folder.
pub fn restore_backup(data_dir: &Path, file: &str) -> Result<Restored, StoreError> {
    store::restore_backup(data_dir, file)
}

/// The data folder to work in at start: the local application folder, after moving there the
/// data an earlier build kept in the roaming one (Windows; elsewhere they are the same).
pub fn choose_data_folder(roaming: &Path, local: &Path) -> Result<DataFolder, StoreError> {
    store::adopt_data_folder(roaming, local)
}
