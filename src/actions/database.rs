//! The database itself: its schema version and its backups (listed even when the database
//! cannot be opened, and restored with the store closed).

use std::path::Path;

use crate::store::{self, BackupInfo, Restored};
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
