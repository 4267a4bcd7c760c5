use crate::demo::WriteError;
use crate::export::ExportError;
use crate::import::ImportError;
use crate::messages::MessagesError;
use crate::StoreError;

/// Why a user action did not happen. Each part already says it in French, naming the file or
/// the person; this only gathers them so that one action can fail in several ways.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Messages(#[from] MessagesError),
    #[error(transparent)]
    Demo(#[from] WriteError),
    /// An argument the organiser gave that cannot be used, in French.
    #[error("{0}")]
    Invalid(String),
}
