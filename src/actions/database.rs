//! The database itself: its schema version and its backups (listed even when the database
//! cannot be opened, and restored with the store closed).

use std::path::{Path, PathBuf};

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

/// The data folder chosen at start, and what the organiser should be told about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenFolder {
    pub path: PathBuf,
    /// In French: data moved, two databases found, or a move that failed.
    pub notice: Option<String>,
}

/// The data folder to work in at start: the local application folder, after moving there the
/// data an earlier build kept in the roaming one (Windows; elsewhere they are the same). If
/// the move fails, the roaming folder is used as it is: nothing is lost.
pub fn choose_data_folder(roaming: &Path, local: &Path) -> ChosenFolder {
    match store::adopt_data_folder(roaming, local) {
        Ok(DataFolder::Local(path)) => ChosenFolder { path, notice: None },
        Ok(DataFolder::Moved { from, to }) => ChosenFolder {
            notice: Some(format!(
                "Les données de Binômes ont été déplacées de {} vers {} (dossier local, jamais copié sur le réseau).",
                from.display(),
                to.display()
            )),
            path: to,
        },
        Ok(DataFolder::BothKept { local, roaming }) => ChosenFolder {
            notice: Some(format!(
                "Une autre base Binômes se trouve encore dans {} (dossier itinérant) : elle n'a pas été modifiée. Binômes utilise celle de {}.",
                roaming.display(),
                local.display()
            )),
            path: local,
        },
        Err(error) => ChosenFolder {
            notice: Some(format!(
                "Les données n'ont pas pu être déplacées vers le dossier local ({error}) : Binômes les utilise là où elles sont, dans {}.",
                roaming.display()
            )),
            path: roaming.to_path_buf(),
        },
    }
}
