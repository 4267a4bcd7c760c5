//! The demo: an edition of fictitious people to try everything on, and the sample sign-up
//! sheets to try the import with.

use std::path::{Path, PathBuf};

use crate::demo::{self, DemoSize, WriteError, DEMO_EDITION_NAME};
use crate::model::{Edition, NewEdition};
use crate::{Store, StoreError};

/// Creates the demo edition (or returns the existing one) from the generator's records: the
/// edition, both batches with the rows as the sample sheets show them, and the people, in one
/// transaction.
pub fn open_demo_edition(store: &mut Store) -> Result<Edition, StoreError> {
    if let Some(existing) = store
        .list_editions()?
        .into_iter()
        .find(|e| e.edition.is_demo)
    {
        return Ok(existing.edition);
    }
    let name = unused_demo_name(store)?;
    store.create_edition_with_batches(
        &NewEdition {
            name,
            event_date: Some("2026-11-24".into()),
        },
        true,
        &demo::demo_batches(),
    )
}

/// Creates the demo edition when the store holds no edition at all (a first run).
pub fn create_demo_if_empty(store: &mut Store) -> Result<Option<Edition>, StoreError> {
    if store.list_editions()?.is_empty() {
        open_demo_edition(store).map(Some)
    } else {
        Ok(None)
    }
}

/// "Édition de démonstration", or with a number if an organiser already took that name.
fn unused_demo_name(store: &Store) -> Result<String, StoreError> {
    let taken: Vec<String> = store
        .list_editions()?
        .into_iter()
        .map(|e| e.edition.name.to_lowercase())
        .collect();
    Ok((1..)
        .map(|n| match n {
            1 => DEMO_EDITION_NAME.to_string(),
            n => format!("{DEMO_EDITION_NAME} ({n})"),
        })
        .find(|name| !taken.contains(&name.to_lowercase()))
        .expect("an unbounded range always yields a free name"))
}

/// Writes the sample sign-up sheets into `dir`; returns the files written.
pub fn write_samples(dir: &Path, seed: u64, size: DemoSize) -> Result<Vec<PathBuf>, WriteError> {
    demo::write_samples(dir, seed, size)
}
