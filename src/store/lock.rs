//! One running Binômes per data folder: a second one is told so instead of working on the
//! same edition behind the first one's back. The lock is the operating system's advisory file
//! lock on `binomes.lock`, released when the process ends, even if it crashes.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::StoreError;

/// Held for as long as the app runs.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
    pub path: PathBuf,
}

impl FolderLock {
    /// Takes the data folder's lock, or says in French that another Binômes has it.
    pub fn acquire(data_dir: &Path) -> Result<FolderLock, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::CreateFolder {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join("binomes.lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| StoreError::CreateFolder {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(FolderLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(StoreError::AlreadyOpen {
                path: data_dir.to_path_buf(),
            }),
            Err(TryLockError::Error(source)) => Err(StoreError::CreateFolder { path, source }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(dir.path()).unwrap();
        let second = FolderLock::acquire(dir.path()).unwrap_err();
        assert!(second.to_string().contains("déjà ouvert"), "{second}");
        drop(first);
        assert!(FolderLock::acquire(dir.path()).is_ok());
    }
}
