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
    Ok(actions::import::apply(store, edition, &analysis, &[])?)
}

/// The traces found in any file of the data folder (database, journal, backups, anything).
pub fn found_on_disk(folder: &std::path::Path, traces: &[String]) -> Vec<String> {
    let mut bytes = Vec::new();
    for file in walk(folder) {
        bytes.extend(std::fs::read(file).unwrap());
    }
    traces
        .iter()
        .filter(|t| bytes.windows(t.len()).any(|w| w == t.as_bytes()))
        .cloned()
        .collect()
}

/// Every file below `dir`.
pub fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
