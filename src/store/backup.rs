//! Copies of the database, kept beside it in `sauvegardes/` (the most recent few): before an
//! import, a suggestion and a schema migration, and once a day. A copy can be restored; the file
//! it replaces — healthy or damaged — is kept aside, never deleted.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError, DATABASE_FILE_NAME};

/// How many copies are kept; older ones are deleted.
pub const BACKUPS_KEPT: usize = 5;

/// A day, in seconds: a store opened with no copy younger than this makes one.
const DAILY: u64 = 24 * 60 * 60;

/// Name prefix of a database put aside by a restoration (it stays in the data folder).
const ASIDE_PREFIX: &str = "binomes-avant-restauration-";

/// A copy of the database as the organiser chooses among them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// File name inside `sauvegardes/`: what to pass to [`restore_backup`].
    pub file: String,
    /// When it was taken, UTC, ISO 8601 (`2026-11-28T19:45:16Z`).
    pub taken_at: String,
    /// Why, in French ("avant un import").
    pub reason: String,
    pub editions: u32,
    pub students: u32,
    pub pairs: u32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// False when the copy cannot be read as a Binômes database (it cannot be restored).
    pub readable: bool,
}

/// What a restoration did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    pub backup: BackupInfo,
    /// Where the database that was replaced now is (none if there was none).
    pub set_aside: Option<String>,
}

/// The folder holding the backups of the database at `db_path`: `sauvegardes/` beside the
/// app's database, `sauvegardes-<name>/` beside a database of another name — several of the
/// command line's databases in one folder (« 2025.sqlite3 », « 2026.sqlite3 ») must not prune,
/// nor erase, each other's copies.
fn backup_dir_of(db_path: &Path) -> PathBuf {
    let name = if is_the_apps(db_path) {
        "sauvegardes".to_string()
    } else {
        let stem = db_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("sauvegardes-{stem}")
    };
    db_path
        .parent()
        .map(|p| p.join(&name))
        .unwrap_or_else(|| PathBuf::from(&name))
}

/// Whether `db_path` has the app's database name (the one a restoration replaces).
fn is_the_apps(db_path: &Path) -> bool {
    db_path
        .file_name()
        .is_some_and(|name| name == DATABASE_FILE_NAME)
}

impl Store {
    /// The folder holding the backups.
    pub fn backup_dir(&self) -> PathBuf {
        backup_dir_of(&self.path)
    }

    /// Deletes every backup — every database put aside by a restoration, and a restoration's
    /// unfinished copy — and writes one fresh copy: after a deletion, no older copy may still
    /// hold what was deleted. Returns the files that could not be removed.
    pub fn replace_backups(&self, reason: &str) -> Result<Vec<PathBuf>, StoreError> {
        let mut old = backup_files(&self.backup_dir());
        // Restorations are the app's: what they put aside is its database's.
        if let Some(folder) = self.path.parent().filter(|_| is_the_apps(&self.path)) {
            old.extend(set_aside_files(folder));
            old.push(folder.join(format!("{DATABASE_FILE_NAME}.restauration")));
        }
        let left: Vec<PathBuf> = old
            .into_iter()
            .filter(|file| match std::fs::remove_file(file) {
                Ok(()) => false,
                Err(e) => e.kind() != std::io::ErrorKind::NotFound,
            })
            .collect();
        self.backup(reason)?;
        Ok(left)
    }

    /// Writes a consistent copy of the database (`VACUUM INTO`) named after the time and
    /// `reason`, then deletes the oldest copies beyond [`BACKUPS_KEPT`].
    pub fn backup(&self, reason: &str) -> Result<PathBuf, StoreError> {
        write_backup(&self.conn, &self.path, reason)
    }

    /// Makes the day's copy if the newest one is more than a day old (and there is something
    /// to keep). Called when the store opens.
    pub(super) fn daily_backup(&self) -> Result<(), StoreError> {
        let editions: u32 = self
            .conn
            .query_row("SELECT count(*) FROM edition", [], |r| r.get(0))?;
        if editions == 0 {
            return Ok(());
        }
        let newest = backup_files(&self.backup_dir())
            .iter()
            .filter_map(|f| f.metadata().ok()?.modified().ok())
            .max();
        let stale = newest
            .and_then(|t| t.elapsed().ok())
            .is_none_or(|age| age.as_secs() >= DAILY);
        if stale {
            self.backup("quotidienne")?;
        }
        Ok(())
    }
}

/// `VACUUM INTO` a new file of the backup folder of `db_path`, keeping the newest copies.
pub(super) fn write_backup(
    conn: &Connection,
    db_path: &Path,
    reason: &str,
) -> Result<PathBuf, StoreError> {
    let dir = backup_dir_of(db_path);
    std::fs::create_dir_all(&dir).map_err(|source| StoreError::CreateFolder {
        path: dir.clone(),
        source,
    })?;
    super::restrict_folder_to_user(&dir);
    let stamp: String = conn.query_row("SELECT strftime('%Y-%m-%dT%H-%M-%f', 'now')", [], |r| {
        r.get(0)
    })?;
    let path = dir.join(format!("{stamp}-{reason}.sqlite3"));
    conn.execute("VACUUM INTO ?1", [path.to_string_lossy().as_ref()])?;
    super::restrict_to_user(&path);
    let copies = backup_files(&dir);
    let excess = copies.len().saturating_sub(BACKUPS_KEPT);
    for old in &copies[..excess] {
        let _ = std::fs::remove_file(old);
    }
    Ok(path)
}

/// The copies in `dir`, oldest first (names start with their time).
fn backup_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "sqlite3"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Databases a restoration put aside in the data folder, with their journal files.
fn set_aside_files(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(ASIDE_PREFIX))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The backups of the database in `data_dir`, newest first. Works whatever state the database
/// itself is in (this is how a damaged one is recovered).
pub fn list_backups(data_dir: &Path) -> Vec<BackupInfo> {
    let dir = backup_dir_of(&data_dir.join(DATABASE_FILE_NAME));
    let mut all: Vec<BackupInfo> = backup_files(&dir).iter().map(|f| describe(f)).collect();
    all.reverse();
    all
}

fn describe(path: &Path) -> BackupInfo {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file.trim_end_matches(".sqlite3");
    // "2026-11-28T19-45-16.123-avant-import": the time, then the reason.
    let (time, reason) = match stem.get(..23) {
        Some(time) if stem.len() > 24 => (time, &stem[24..]),
        _ => (stem, ""),
    };
    let taken_at = match time.split_once('T') {
        Some((day, clock)) => format!(
            "{day}T{}Z",
            clock.get(..8).unwrap_or(clock).replace('-', ":")
        ),
        None => time.to_string(),
    };
    let counts = count_rows(path);
    BackupInfo {
        taken_at,
        reason: reason_fr(reason),
        editions: counts.map(|c| c.0).unwrap_or(0),
        students: counts.map(|c| c.1).unwrap_or(0),
        pairs: counts.map(|c| c.2).unwrap_or(0),
        bytes: path.metadata().map(|m| m.len()).unwrap_or(0),
        readable: counts.is_some(),
        file,
    }
}

fn reason_fr(reason: &str) -> String {
    match reason {
        "avant-import" => "avant un import".into(),
        "avant-suggestion" => "avant une proposition de binômes".into(),
        "avant-migration" => "avant la mise à jour de la base".into(),
        "quotidienne" => "copie quotidienne".into(),
        "apres-suppression" => "après la suppression d'une édition".into(),
        other => other.replace('-', " "),
    }
}

/// Editions, students and pairs in a copy, if it reads as a sound Binômes database.
fn count_rows(path: &Path) -> Option<(u32, u32, u32)> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    // Any `*.sqlite3` dropped in the folder is listed: read as data only.
    super::harden(&conn).ok()?;
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .ok()?;
    if verdict != "ok" {
        return None;
    }
    let count = |table: &str| -> Option<u32> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .ok()
    };
    Some((count("edition")?, count("student")?, count("pair")?))
}

/// Puts the copy `file` (from [`list_backups`]) in place of the database of `data_dir`. The
/// database it replaces, healthy or damaged, is renamed aside in the data folder, with its
/// journal files, never deleted. The store must be closed (the shell drops it first).
pub fn restore_backup(data_dir: &Path, file: &str) -> Result<Restored, StoreError> {
    let db = data_dir.join(DATABASE_FILE_NAME);
    let dir = backup_dir_of(&db);
    // Only a plain name from the list: nothing outside the backup folder.
    let source = backup_files(&dir)
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == file))
        .ok_or_else(|| StoreError::BackupNotFound {
            file: file.to_string(),
        })?;
    let backup = describe(&source);
    if !backup.readable {
        return Err(StoreError::BackupUnreadable {
            file: file.to_string(),
        });
    }
    // The copy is made beside the target and flushed first; only then is the current file put
    // aside and the copy renamed in: a crash leaves the old database or the whole copy in place
    // (at worst, in the instant between the two renames, none — and the copy still listed).
    let partial = data_dir.join(format!("{DATABASE_FILE_NAME}.restauration"));
    // Flushed through a handle opened for writing: Windows refuses to flush a read-only one.
    let copied = std::fs::copy(&source, &partial).and_then(|_| {
        std::fs::OpenOptions::new()
            .write(true)
            .open(&partial)?
            .sync_all()
    });
    copied.map_err(|source| StoreError::Restore {
        path: partial.clone(),
        source,
    })?;
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]-[minute]-[second]"
        ))
        .unwrap_or_default();
    let mut set_aside = None;
    // A rollback journal left by a crash during an import goes aside too: next to the
    // restored file, SQLite would play it back into it (and damage it).
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut from = db.as_os_str().to_owned();
        from.push(suffix);
        let from = PathBuf::from(from);
        if from.exists() {
            let to = data_dir.join(format!("{ASIDE_PREFIX}{stamp}.sqlite3{suffix}"));
            std::fs::rename(&from, &to).map_err(|source| StoreError::Restore {
                path: from.clone(),
                source,
            })?;
            super::restrict_to_user(&to);
            if suffix.is_empty() {
                set_aside = Some(to.to_string_lossy().into_owned());
            }
        }
    }
    std::fs::rename(&partial, &db).map_err(|source| StoreError::Restore {
        path: db.clone(),
        source,
    })?;
    super::restrict_to_user(&db);
    Ok(Restored { backup, set_aside })
}
