//! What several test files share. Each test binary uses its own part of it.
#![allow(dead_code)]

use std::path::Path;

use binome::actions::{self, ActionError};
use binome::import::{ImportReport, Progress};
use binome::model::{EditionId, Role};
use binome::Store;

/// Imports a file as the app does: read and previewed, then applied as previewed.
pub fn import_file(
    store: &mut Store,
    edition: EditionId,
    path: &Path,
    role: Role,
    sheet: Option<&str>,
) -> Result<ImportReport, ActionError> {
    let (_, analysis) =
        actions::import::preview(store, edition, role, path, sheet, &Progress::none())?;
    Ok(actions::import::apply(store, edition, &analysis)?)
}
