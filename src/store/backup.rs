//! Copies of the database taken before risky operations (an import), kept beside it in
//! `sauvegardes/`, the most recent few only.

use std::path::PathBuf;

use super::{Store, StoreError};

/// How many copies are kept; older ones are deleted.
pub const BACKUPS_KEPT: usize = 5;

impl Store {
    /// The folder holding the backups.
    pub fn backup_dir(&self) -> PathBuf {
        self.path
            .parent()
            .map(|p| p.join("sauvegardes"))
            .unwrap_or_else(|| PathBuf::from("sauvegardes"))
    }

    /// Deletes every backup and writes one fresh copy: after a deletion, no older copy may
    /// still hold what was deleted.
    pub fn replace_backups(&self, reason: &str) -> Result<PathBuf, StoreError> {
        let dir = self.backup_dir();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                if entry.path().extension().is_some_and(|e| e == "sqlite3") {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        self.backup(reason)
    }

    /// Writes a consistent copy of the database (`VACUUM INTO`) named after the time and
    /// `reason`, then deletes the oldest copies beyond [`BACKUPS_KEPT`].
    pub fn backup(&self, reason: &str) -> Result<PathBuf, StoreError> {
        let dir = self.backup_dir();
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::CreateFolder {
            path: dir.clone(),
            source,
        })?;
        super::restrict_folder_to_user(&dir);
        let stamp: String =
            self.conn
                .query_row("SELECT strftime('%Y-%m-%dT%H-%M-%f', 'now')", [], |r| {
                    r.get(0)
                })?;
        let path = dir.join(format!("{stamp}-{reason}.sqlite3"));
        self.conn
            .execute("VACUUM INTO ?1", [path.to_string_lossy().as_ref()])?;
        super::restrict_to_user(&path);
        let mut copies: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "sqlite3"))
                    .collect()
            })
            .unwrap_or_default();
        // Names start with the timestamp: sorting them sorts by age.
        copies.sort();
        let excess = copies.len().saturating_sub(BACKUPS_KEPT);
        for old in &copies[..excess] {
            let _ = std::fs::remove_file(old);
        }
        Ok(path)
    }
}
