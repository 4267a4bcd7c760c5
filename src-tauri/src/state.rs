//! What the app keeps between commands: where its data lives and the open store.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};

use binome::actions::database::ChosenFolder;
use binome::import::Analysis;
use binome::model::EditionId;
use binome::store::DATABASE_FILE_NAME;
use binome::Store;

use crate::error::IpcError;

/// Environment variable that puts the data folder elsewhere (tests, portable use).
pub const DATA_DIR_ENV: &str = "BINOME_DATA_DIR";

pub fn data_dir_override() -> Option<PathBuf> {
    std::env::var_os(DATA_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The app's state. The store is opened on first use, so that a damaged database shows as an
/// error in the window instead of preventing the window from opening.
pub struct AppState {
    data_dir: Mutex<Option<PathBuf>>,
    store: Mutex<Option<Store>>,
    /// A second connection to the same database, for what the board reads while the organiser
    /// works on it (the board itself, a student's alternates, the diagnoses, the counts): those
    /// reads no longer hold back a move, nor wait for one (`Store::read_snapshot`).
    reader: Mutex<Option<Store>>,
    /// What the organiser is told about the data folder (moved at start…), if anything.
    data_notice: Mutex<Option<String>>,
    /// The data folder's lock, held while the app runs: one Binômes per data folder.
    lock: Mutex<Option<binome::store::FolderLock>>,
    /// The files the organiser chose (native dialog) or dropped on the window: the only ones
    /// the window may ask to read. A compromised page cannot make the app read any other file.
    chosen_files: Mutex<HashSet<PathBuf>>,
    /// The files and folders the app wrote where the organiser chose: the only ones « Ouvrir le
    /// dossier » shows (a compromised page cannot make it open any other place).
    written: Mutex<HashSet<PathBuf>>,
    /// The file last previewed in the import wizard, applied as previewed.
    pending_import: Mutex<Option<PendingImport>>,
    /// Set by the window's "Annuler" while a file is being read.
    pub import_cancel: AtomicBool,
}

/// A file read and shown to the organiser, waiting for their confirmation.
pub struct PendingImport {
    pub edition: EditionId,
    pub analysis: Analysis,
}

impl AppState {
    pub fn new(data_dir: Option<PathBuf>) -> AppState {
        AppState {
            data_dir: Mutex::new(data_dir),
            store: Mutex::new(None),
            reader: Mutex::new(None),
            data_notice: Mutex::new(None),
            lock: Mutex::new(None),
            chosen_files: Mutex::new(HashSet::new()),
            written: Mutex::new(HashSet::new()),
            pending_import: Mutex::new(None),
            import_cancel: AtomicBool::new(false),
        }
    }

    pub fn has_data_dir(&self) -> bool {
        self.data_dir.lock().is_ok_and(|d| d.is_some())
    }

    /// The data folder chosen at start, and what the organiser is told about it.
    pub fn set_data_folder(&self, chosen: ChosenFolder) {
        self.set_data_dir(chosen.path);
        if let Ok(mut guard) = self.data_notice.lock() {
            *guard = chosen.notice;
        }
    }

    /// What the organiser should be told about the data folder, if anything.
    pub fn data_notice(&self) -> Option<String> {
        self.data_notice.lock().ok().and_then(|n| n.clone())
    }

    pub fn set_data_dir(&self, dir: PathBuf) {
        if let Ok(mut guard) = self.data_dir.lock() {
            *guard = Some(dir);
        }
    }

    pub fn data_dir(&self) -> Result<PathBuf, IpcError> {
        self.data_dir
            .lock()
            .map_err(|_| IpcError::internal())?
            .clone()
            .ok_or_else(IpcError::internal)
    }

    /// The store, opened on first use.
    fn opened(&self) -> Result<MutexGuard<'_, Option<Store>>, IpcError> {
        let mut guard = self.store.lock().map_err(|_| IpcError::internal())?;
        if guard.is_none() {
            let data_dir = self.data_dir()?;
            let mut lock = self.lock.lock().map_err(|_| IpcError::internal())?;
            if lock.is_none() {
                *lock = Some(acquire_waiting(&data_dir)?);
            }
            let path = database_path(&data_dir);
            let store = Store::open(&path)?;
            // The app's own data folder holds personal data: its owner only.
            binome::store::restrict_folder_to_user(&data_dir);
            *guard = Some(store);
        }
        Ok(guard)
    }

    /// Runs `work` with the open store, opening it first if needed.
    pub fn with_store<T, E>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, IpcError>
    where
        IpcError: From<E>,
    {
        let mut guard = self.opened()?;
        let store = guard.as_mut().ok_or_else(IpcError::internal)?;
        Ok(work(store)?)
    }

    /// Runs a read on the second connection, on one snapshot of the database (see `reader`).
    pub fn with_reader<T, E>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, IpcError>
    where
        IpcError: From<E>,
    {
        let mut guard = self.reader.lock().map_err(|_| IpcError::internal())?;
        if guard.is_none() {
            // The writing connection opens the database first: the folder locked, the file
            // migrated (a newer schema refused) before anything reads it.
            drop(self.opened()?);
            *guard = Some(Store::open(&database_path(&self.data_dir()?))?);
        }
        let store = guard.as_ref().ok_or_else(IpcError::internal)?;
        store.read_snapshot(|store| work(store).map_err(IpcError::from))
    }
}

impl AppState {
    /// Runs `work` on the data folder with the store closed (a restoration replaces its file);
    /// the next command opens the store again.
    pub fn with_store_closed<T>(
        &self,
        work: impl FnOnce(&Path) -> Result<T, binome::StoreError>,
    ) -> Result<T, IpcError> {
        // The reading connection first (the order `with_reader` takes them in): it must not
        // read on from a file being replaced.
        *self.reader.lock().map_err(|_| IpcError::internal())? = None;
        let mut guard = self.store.lock().map_err(|_| IpcError::internal())?;
        // Dropping the store closes its connection (and checkpoints its journal).
        *guard = None;
        let data_dir = self.data_dir()?;
        Ok(work(&data_dir)?)
    }

    /// A file or folder the app wrote where the organiser chose: « Ouvrir le dossier » may show it.
    pub fn remember_written(&self, path: impl Into<PathBuf>) {
        if let Ok(mut written) = self.written.lock() {
            written.insert(path.into());
        }
    }

    /// Whether the app wrote `path` (a workbook, a folder of drafts…) in this session.
    pub fn was_written(&self, path: &Path) -> bool {
        self.written.lock().is_ok_and(|w| w.contains(path))
    }

    /// A file the organiser chose or dropped: the window may now ask to read it.
    pub fn allow_files(&self, paths: impl IntoIterator<Item = PathBuf>) {
        if let Ok(mut chosen) = self.chosen_files.lock() {
            chosen.extend(paths);
        }
    }

    /// Whether the organiser chose or dropped this file.
    pub fn was_chosen(&self, path: &Path) -> bool {
        self.chosen_files
            .lock()
            .is_ok_and(|chosen| chosen.contains(path))
    }

    pub fn set_pending_import(&self, pending: PendingImport) -> Result<(), IpcError> {
        *self
            .pending_import
            .lock()
            .map_err(|_| IpcError::internal())? = Some(pending);
        Ok(())
    }

    /// The previewed import for `edition`, removed from the state.
    pub fn take_pending_import(&self, edition: EditionId) -> Result<PendingImport, IpcError> {
        let mut guard = self
            .pending_import
            .lock()
            .map_err(|_| IpcError::internal())?;
        match guard.take() {
            Some(pending) if pending.edition == edition => Ok(pending),
            other => {
                *guard = other;
                Err(IpcError::Invalid {
                    message: "Aucun import en attente pour cette édition : choisissez à nouveau le fichier.".into(),
                })
            }
        }
    }
}

pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE_NAME)
}

/// The data folder's lock. A Binômes just closed may still be ending (its window goes before its
/// process), and now that the window reopens the edition at once (#18) it asks for the store
/// sooner: a held lock is asked again for three seconds before the organiser is told that
/// another window has it.
fn acquire_waiting(data_dir: &Path) -> Result<binome::store::FolderLock, binome::StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    loop {
        match binome::store::FolderLock::acquire(data_dir) {
            Err(binome::StoreError::AlreadyOpen { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            other => return other,
        }
    }
}
