//! Editions: listed, opened, created, renamed, deleted, and given last year's settings.

use crate::model::{Edition, EditionId, EditionSummary, NewEdition};
use crate::{Store, StoreError};

pub fn list(store: &Store) -> Result<Vec<EditionSummary>, StoreError> {
    store.list_editions()
}

pub fn get(store: &Store, id: EditionId) -> Result<EditionSummary, StoreError> {
    store.edition(id)
}

pub fn create(store: &mut Store, edition: &NewEdition) -> Result<Edition, StoreError> {
    store.create_edition(edition)
}

pub fn update(
    store: &mut Store,
    id: EditionId,
    edition: &NewEdition,
) -> Result<Edition, StoreError> {
    store.update_edition(id, edition)
}

/// How many months after its Jour J the edition's personal data is kept (RGPD: the home screen
/// reminds the organiser once that day has passed).
pub fn set_retention(store: &mut Store, id: EditionId, months: u32) -> Result<Edition, StoreError> {
    store.set_retention(id, months)
}

/// The window shows this edition (or, with `None`, the list): the next start reopens it (#18).
/// Kept in the database, with the data, not in the web view's storage.
pub fn set_opened(store: &mut Store, id: Option<EditionId>) -> Result<(), StoreError> {
    store.set_opened_edition(id)
}

/// The edition to reopen at start: the one open when the window was closed, if it still exists.
pub fn opened(store: &Store) -> Result<Option<EditionId>, StoreError> {
    store.opened_edition()
}

/// Deletes an edition for good (its people, pairs and history; backups replaced).
pub fn delete(store: &mut Store, id: EditionId) -> Result<(), StoreError> {
    store.delete_edition(id)
}

/// Gives an edition the rules and message templates of another (last year's).
pub fn copy_settings(store: &mut Store, from: EditionId, to: EditionId) -> Result<(), StoreError> {
    store.copy_settings(from, to)
}

/// The edition a command-line command other than `import` works on: the one named (refused
/// if absent: only `import` creates an edition by its name), else the most recent that is not
/// the demo (created as « Vis mon job <année> » if there is none).
pub fn for_command_line(store: &mut Store, name: Option<&str>) -> Result<Edition, StoreError> {
    store.existing_edition_for_command_line(name)
}
