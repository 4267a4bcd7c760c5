//! Errors as they cross to the UI: a tagged enum whose `message` is French and shown as is.

use binome::actions::ActionError;
use binome::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum IpcError {
    /// What the organiser asked for does not exist (any more).
    #[error("{message}")]
    NotFound { message: String },
    /// What the organiser typed is not acceptable; they can correct it.
    #[error("{message}")]
    Invalid { message: String },
    /// The request conflicts with existing data (a name taken, a capacity reached…).
    #[error("{message}")]
    Conflict { message: String },
    /// The data folder or the database could not be used.
    #[error("{message}")]
    Storage { message: String },
    /// The database file is damaged or not a database: the window offers the backups.
    #[error("{message}")]
    Damaged { message: String },
    /// The organiser closed a dialog without choosing.
    #[error("Opération annulée.")]
    Cancelled,
}

impl IpcError {
    /// A failure inside the app itself (a poisoned lock): nothing the organiser did.
    pub fn internal() -> IpcError {
        IpcError::Storage {
            message: "Erreur interne de l'application : redémarrez Binômes.".into(),
        }
    }
}

impl From<StoreError> for IpcError {
    fn from(error: StoreError) -> IpcError {
        let message = error.to_string();
        match error {
            StoreError::Damaged { .. } | StoreError::NotADatabase { .. } => {
                IpcError::Damaged { message }
            }
            StoreError::BackupNotFound { .. } | StoreError::BackupUnreadable { .. } => {
                IpcError::Invalid { message }
            }
            StoreError::EditionNotFound { .. }
            | StoreError::PairNotFound { .. }
            | StoreError::StudentNotFound { .. }
            | StoreError::AmbassadorNotFound { .. } => IpcError::NotFound { message },
            StoreError::EditionNameEmpty
            | StoreError::InvalidDate { .. }
            | StoreError::InvalidRetention { .. } => IpcError::Invalid { message },
            StoreError::EditionNameTaken { .. }
            | StoreError::EmailTaken { .. }
            | StoreError::StudentAlreadyPaired { .. }
            | StoreError::AmbassadorFull { .. }
            | StoreError::ForbiddenPair { .. }
            | StoreError::NotPairedWith { .. }
            | StoreError::NothingToUndo
            | StoreError::NothingToRedo
            | StoreError::HistoryDiverged { .. } => IpcError::Conflict { message },
            _ => IpcError::Storage { message },
        }
    }
}

impl From<binome::demo::WriteError> for IpcError {
    fn from(error: binome::demo::WriteError) -> IpcError {
        IpcError::Storage {
            message: error.to_string(),
        }
    }
}

impl From<binome::import::ImportError> for IpcError {
    fn from(error: binome::import::ImportError) -> IpcError {
        match error {
            binome::import::ImportError::Cancelled { .. } => IpcError::Cancelled,
            other => IpcError::Invalid {
                message: other.to_string(),
            },
        }
    }
}

impl From<binome::export::ExportError> for IpcError {
    fn from(error: binome::export::ExportError) -> IpcError {
        IpcError::Storage {
            message: error.to_string(),
        }
    }
}

impl From<binome::messages::MessagesError> for IpcError {
    fn from(error: binome::messages::MessagesError) -> IpcError {
        IpcError::Storage {
            message: error.to_string(),
        }
    }
}

impl From<ActionError> for IpcError {
    fn from(error: ActionError) -> IpcError {
        match error {
            ActionError::Store(e) => e.into(),
            ActionError::Import(e) => e.into(),
            ActionError::Export(e) => e.into(),
            ActionError::Messages(e) => e.into(),
            ActionError::Demo(e) => e.into(),
            ActionError::Invalid(message) => IpcError::Invalid { message },
        }
    }
}
