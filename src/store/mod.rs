//! The SQLite store: one file per data folder, holding every edition.
//!
//! Invariants: the schema is created and upgraded by the embedded, numbered migrations below;
//! foreign keys are on; the journal is WAL with `synchronous=FULL`; every write the store offers
//! is exactly one IMMEDIATE transaction, so a failure or a crash leaves the file as it was before.

mod backup;
mod board;
mod columns;
mod editions;
mod edits;
mod error;
mod folder;
mod history;
mod import;
mod lock;
mod mappings;
mod merge;
mod notifications;
mod pairs;
mod people;
mod schema;
mod settings;
mod withdrawals;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use backup::{list_backups, restore_backup, BackupInfo, Restored};
pub use board::Move;
pub use editions::Setting;
pub use error::StoreError;
pub use folder::{adopt_data_folder, DataFolder};
pub use history::{Change, HistoryEntry, HistoryState};
pub use lock::FolderLock;
pub use pairs::PairEdit;
pub use people::PersonKey;
pub use schema::SCHEMA_VERSION;

/// File name of the database inside the application data folder.
pub const DATABASE_FILE_NAME: &str = "binomes.sqlite3";

/// An open store. Not `Sync`: the shell keeps it behind a mutex.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database at `path`, creating its folder if needed, and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, Durability::Full)
    }

    /// Opens the database at `path`, which must already exist: for the commands that work on
    /// what was imported, where a mistyped path must not become a new, empty database.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Self::open(path)
    }

    /// Opens a database made for one run and thrown away after it (`binome pair` without
    /// `--db`): nothing is flushed to the disk at each commit, since a crash loses the run
    /// whatever is flushed. Every write is still one transaction.
    pub fn open_throwaway(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, Durability::Throwaway)
    }

    fn open_with(path: &Path, durability: Durability) -> Result<Store, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsAFolder {
                path: path.to_path_buf(),
            });
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateFolder {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let mut conn = Connection::open(path).map_err(|e| classify_open_error(path, e))?;
        configure_waiting(&conn).map_err(|e| classify_open_error(path, e))?;
        if durability == Durability::Throwaway {
            conn.pragma_update(None, "synchronous", "OFF")
                .map_err(|e| classify_open_error(path, e))?;
        }
        // Owner-only from the moment it reads as a database (and its journal files exist),
        // not only once it is migrated: a failed migration must not leave it open to others.
        restrict_to_user(path);
        check_integrity(&conn, path)?;
        // A copy before the schema changes (a database with data only).
        let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > 0 && version < schema::SCHEMA_VERSION {
            backup::write_backup(&conn, path, "avant-migration")?;
        }
        schema::migrate(&mut conn)?;
        restrict_to_user(path);
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        let mut store = store;
        // A deletion interrupted last time is finished before anything else; if it still
        // cannot be, the store opens all the same (the marker stays, and it is retried).
        if store.purge_pending() {
            let _ = store.finish_purge();
        }
        store.daily_backup()?;
        Ok(store)
    }

    /// Where this store lives on disk.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The database and its journal's files: what no file the organiser writes may replace.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.path.clone()];
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut name = self.path.clone().into_os_string();
            name.push(suffix);
            files.push(PathBuf::from(name));
        }
        files
    }

    /// The schema version of the open database (SQLite `user_version`).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs `read` on one snapshot of the database: everything it reads was committed together,
    /// whatever another connection to the same file commits meanwhile. The app reads the board on
    /// a second connection, so that a read never waits behind a change nor a change behind a read
    /// (SQLite's WAL journal: a reader sees the last change committed when its snapshot began).
    pub fn read_snapshot<T, E: From<StoreError>>(
        &self,
        read: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(StoreError::from)?;
        let value = read(self);
        // Nothing was written: ending the transaction cannot lose anything, whatever `read` gave.
        self.conn
            .execute_batch("COMMIT")
            .map_err(StoreError::from)?;
        value
    }

    /// Runs `work`, a write of many rows (an import), in one IMMEDIATE transaction as `write`
    /// does, under a rollback journal rather than the WAL when this is the only connection to
    /// the file: the WAL writes every page twice (to the journal, then the checkpoint's copy
    /// into the file), a rollback journal keeps only the pages the write changes and none of
    /// those it adds past the file's end. Back to the WAL after, whatever `work` gave. With
    /// another connection open (the app's reading one), it stays in the WAL: SQLite cannot
    /// leave it then, and says so at once rather than waiting. A connection opened meanwhile
    /// waits for the write to end (`configure_waiting`).
    fn write_in_bulk<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let left_wal = set_journal_mode(&self.conn, "DELETE").is_ok_and(|m| m == "delete");
        let value = self.write(work);
        if left_wal {
            // Cannot fail with no other connection; if it did, the file would still be sound,
            // in a rollback journal, and the next opening sets the WAL again.
            let _ = set_journal_mode(&self.conn, "WAL");
        }
        value
    }

    /// Runs `work` in one IMMEDIATE transaction: all of it is stored, or none of it.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Durability {
    /// Each commit on the disk before it returns (the organiser's data folder).
    Full,
    /// A database of one run, deleted after it.
    Throwaway,
}

/// Sets the journal mode and returns the one in force after (lower case).
fn set_journal_mode(conn: &Connection, mode: &str) -> rusqlite::Result<String> {
    let mode: String =
        conn.query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get(0))?;
    Ok(mode.to_ascii_lowercase())
}

/// How long a statement waits for another connection's write before it gives up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// `configure`, waiting while another connection writes an import under a rollback journal
/// (`Store::write_in_bulk`). Setting the WAL then is refused at once, not after `BUSY_TIMEOUT`:
/// a connection that has read the file and asks to write while another writes gets no wait from
/// SQLite (which would otherwise risk a deadlock). So the opening waits here, as long.
fn configure_waiting(conn: &Connection) -> rusqlite::Result<()> {
    let start = std::time::Instant::now();
    loop {
        match configure(conn) {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            done => return done,
        }
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Pages of 16 KiB rather than 4: an import of 50,000 rows is stored 0.1 s faster (fewer
    // pages to split and write). Only a new database takes it; an existing one keeps its own.
    conn.pragma_update(None, "page_size", 16_384)?;
    // Reading the journal mode is the first statement that touches the file: a file that is
    // not a database fails here, before anything is written to it.
    let mode = set_journal_mode(conn, "WAL")?;
    debug_assert!(mode == "wal" || mode == "memory");
    conn.pragma_update(None, "synchronous", "FULL")?;
    // 32 MiB of page cache (the default is 2 MiB): an import writes tens of megabytes at once.
    conn.pragma_update(None, "cache_size", -32_768)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted personal data is overwritten, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    harden(conn)
}

/// A database file is data, never code: the schema may not call functions with side effects
/// (`trusted_schema` off), and no SQL may corrupt the file on purpose (defensive mode). Applied
/// to the store and to every copy opened to be described.
pub(crate) fn harden(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

/// A quick structural check before anything is written: a damaged file is reported, never
/// "repaired" by writing into it.
fn check_integrity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| classify_open_error(path, e))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(StoreError::Damaged {
            path: path.to_path_buf(),
            detail: verdict,
        })
    }
}

/// Personal data: the database and its journal files readable by their owner only.
pub(crate) fn restrict_to_user(path: &Path) {
    let mut files = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        files.push(PathBuf::from(name));
    }
    for file in files {
        crate::files::private_file(&file);
    }
}

/// A folder of personal data (the app's data folder, the backups) open to its owner only.
pub fn restrict_folder_to_user(dir: &Path) {
    crate::files::private_folder(dir);
}

fn classify_open_error(path: &Path, error: rusqlite::Error) -> StoreError {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
        },
        Some(
            rusqlite::ErrorCode::CannotOpen
            | rusqlite::ErrorCode::PermissionDenied
            | rusqlite::ErrorCode::ReadOnly,
        ) => StoreError::Refused {
            path: path.to_path_buf(),
        },
        _ => StoreError::Open {
            path: path.to_path_buf(),
            source: error,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::Store;

    #[test]
    fn the_database_is_opened_as_data_not_code() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
        let trusted: i64 = store
            .conn
            .query_row("PRAGMA trusted_schema", [], |r| r.get(0))
            .unwrap();
        assert_eq!(trusted, 0);
        // Defensive mode: the schema cannot be written by ordinary SQL.
        store
            .conn
            .pragma_update(None, "writable_schema", "ON")
            .unwrap();
        let written = store.conn.execute(
            "UPDATE sqlite_schema SET sql = 'CREATE TABLE x(y)' WHERE name = 'edition'",
            [],
        );
        assert!(written.is_err(), "the schema was written");
    }
}
