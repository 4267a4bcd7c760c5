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

/// The name the save dialog proposes: the edition's name and today's date,
/// « Binômes - Vis mon job 2026 - 2026-12-04.xlsx », so that two editions' or two days' workbooks
/// are told apart in a folder. Characters a file name may not hold (on Windows) become « - ».
pub fn default_file_name(store: &Store, edition: EditionId) -> Result<String, StoreError> {
    let name = store.edition(edition)?.edition.name;
    let today = time::OffsetDateTime::now_utc().date();
    Ok(file_name_for(&name, today))
}

/// `default_file_name` for a given day (tested without the clock).
pub fn file_name_for(edition_name: &str, day: time::Date) -> String {
    let safe: String = edition_name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let safe = safe.trim().trim_end_matches('.');
    let date = format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    );
    if safe.is_empty() {
        format!("Binômes - {date}.xlsx")
    } else {
        format!("Binômes - {safe} - {date}.xlsx")
    }
}
