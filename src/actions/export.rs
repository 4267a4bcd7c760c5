//! « Exporter le classeur »: the workbook of the edition's pairs (docs/contracts.md §2), whole or
//! one per région.

use std::path::Path;

use super::board::explained_pairs;
use super::rules::rules;
use super::suggest::{season, unpaired};
use super::ActionError;
use crate::export::{self, ExportOptions, ExportSummary, Source};
use crate::model::EditionId;
use crate::{Store, StoreError};

/// The edition as the workbook shows it.
pub fn source(store: &Store, edition: EditionId) -> Result<Source, StoreError> {
    Ok(Source {
        edition: store.edition(edition)?.edition,
        students: store.list_students(edition)?,
        ambassadors: store.list_ambassadors(edition)?,
        pairs: explained_pairs(store, edition)?,
        unpaired: unpaired(store, edition)?,
        rules: rules(store, edition)?,
        season: season(store, edition)?,
    })
}

/// Writes the edition's workbook to `out`.
pub fn export_workbook(
    store: &Store,
    edition: EditionId,
    out: &Path,
    options: &ExportOptions,
) -> Result<ExportSummary, ActionError> {
    Ok(export::export_edition(
        &source(store, edition)?,
        out,
        options,
    )?)
}

/// Writes one workbook per région that has students or ambassadors, named
/// `<out without .xlsx> - <Région>.xlsx`.
pub fn export_by_region(
    store: &Store,
    edition: EditionId,
    out: &Path,
    options: &ExportOptions,
) -> Result<Vec<ExportSummary>, ActionError> {
    Ok(export::export_by_region(
        &source(store, edition)?,
        out,
        options,
    )?)
}
