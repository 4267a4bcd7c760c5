//! Where the data folder is. On Windows, Binômes keeps its data in the *local* application
//! folder (`%LOCALAPPDATA%`), never in the *roaming* one (`%APPDATA%`), which roaming profiles
//! copy to a server: personal data must stay on the organiser's machine. A data folder left in
//! the roaming folder by an earlier build is moved to the local one, whole, at start.

use std::path::{Path, PathBuf};

use super::{StoreError, DATABASE_FILE_NAME};

/// What starting found, and did, about the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataFolder {
    /// The local folder is the one (nothing to move, or the two folders are the same).
    Local(PathBuf),
    /// The data found in the roaming folder was moved into the local one.
    Moved { from: PathBuf, to: PathBuf },
    /// Both folders hold a database: the local one is used, the roaming one left as it is
    /// (nothing is merged or overwritten; the organiser is told).
    BothKept { local: PathBuf, roaming: PathBuf },
}

impl DataFolder {
    /// The folder the app works in.
    pub fn path(&self) -> &Path {
        match self {
            DataFolder::Local(path) => path,
            DataFolder::Moved { to, .. } => to,
            DataFolder::BothKept { local, .. } => local,
        }
    }
}

/// Chooses the data folder: `local`, after moving there what an earlier build left in
/// `roaming`. Everything of the roaming folder moves (database, journal files, backups,
/// anything else), by renaming, or by copying then removing when the two are on different
/// volumes; on a failure half-way, what was copied is removed again and the roaming folder is
/// left whole.
pub fn adopt_data_folder(roaming: &Path, local: &Path) -> Result<DataFolder, StoreError> {
    let same = roaming == local
        || matches!(
            (roaming.canonicalize(), local.canonicalize()),
            (Ok(a), Ok(b)) if a == b
        );
    if same || !roaming.join(DATABASE_FILE_NAME).is_file() {
        return Ok(DataFolder::Local(local.to_path_buf()));
    }
    if local.join(DATABASE_FILE_NAME).exists() {
        return Ok(DataFolder::BothKept {
            local: local.to_path_buf(),
            roaming: roaming.to_path_buf(),
        });
    }
    let failed = |source: std::io::Error| StoreError::CreateFolder {
        path: local.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(local).map_err(failed)?;
    let entries: Vec<PathBuf> = std::fs::read_dir(roaming)
        .map_err(failed)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    for from in entries {
        let Some(name) = from.file_name() else {
            continue;
        };
        let to = local.join(name);
        let result = std::fs::rename(&from, &to).or_else(|_| {
            copy_all(&from, &to)?;
            remove_all(&from)
        });
        if let Err(source) = result {
            // Put back what already moved: the roaming folder stays whole.
            for (from, to) in moved.iter().rev() {
                if std::fs::rename(to, from).is_err() && copy_all(to, from).is_ok() {
                    let _ = remove_all(to);
                }
            }
            let _ = remove_all(&to);
            return Err(failed(source));
        }
        moved.push((from, to));
    }
    // The roaming folder is empty now; a folder that cannot be removed is harmless.
    let _ = std::fs::remove_dir(roaming);
    super::restrict_folder_to_user(local);
    Ok(DataFolder::Moved {
        from: roaming.to_path_buf(),
        to: local.to_path_buf(),
    })
}

fn copy_all(from: &Path, to: &Path) -> std::io::Result<()> {
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_all(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        std::fs::copy(from, to).map(|_| ())
    }
}

fn remove_all(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else if path.exists() {
        std::fs::remove_file(path)
    } else {
        Ok(())
    }
}
