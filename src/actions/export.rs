//! « Exporter le classeur »: the workbook of the edition's pairs (docs/contracts.md §2), whole or
//! one per région.

use std::path::Path;

use super::board::Everyone;
use super::suggest::season_of;
use super::ActionError;
use crate::export::{self, ExportOptions, ExportSummary, Source};
use crate::model::EditionId;
use crate::{Store, StoreError};

/// The edition as the workbook shows it.
/// The edition is read once and each pair explained once: the sheets, the diagnoses and the
/// `Synthèse` share them.
pub fn source(store: &Store, edition: EditionId) -> Result<Source, StoreError> {
    source_of(store, edition, Everyone::read(store, edition)?)
}

/// [`source`] with the edition already read.
pub fn source_of(
    store: &Store,
    edition: EditionId,
    everyone: Everyone,
) -> Result<Source, StoreError> {
    let about = store.edition(edition)?.edition;
    let present = everyone.present();
    let pairs = everyone.explained();
    let unpaired = everyone.unpaired(&present, &store.forbidden_pairs(edition)?);
    let season = season_of(&everyone, &present, &pairs);
    Ok(Source {
        edition: about,
        pairs,
        unpaired,
        season,
        students: everyone.students,
        ambassadors: everyone.ambassadors,
        rules: everyone.rules,
        read_from: store.files(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::board::{explained_pairs, present, withdraw};
    use crate::actions::rules::rules;
    use crate::actions::{demo, suggest};
    use crate::model::Role;

    /// The workbook's data read once is what each part read on its own gives: the same pairs
    /// explained, the same diagnoses and the same `Synthèse`, withdrawals included.
    #[test]
    fn the_edition_read_once_gives_what_each_part_reads_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("binomes.sqlite3")).unwrap();
        let edition = demo::open_demo_edition(&mut store).unwrap().id;
        suggest::suggest_on_board(&mut store, edition).unwrap();
        let pairs = store.list_pairs(edition).unwrap();
        let (student, ambassador) = (pairs[0].student_id, pairs[1].ambassador_id);
        withdraw(
            &mut store,
            edition,
            Role::Student,
            student.0,
            None,
            "2026-11-02",
        )
        .unwrap();
        withdraw(
            &mut store,
            edition,
            Role::Ambassador,
            ambassador.0,
            None,
            "2026-11-03",
        )
        .unwrap();

        let source = source(&store, edition).unwrap();
        let (students, ambassadors) = present(&store, edition).unwrap();
        let rules = rules(&store, edition).unwrap();
        let alone_pairs = explained_pairs(&store, edition).unwrap();
        let alone_unpaired = crate::suggest::diagnoses(&crate::suggest::Input {
            students: &students,
            ambassadors: &ambassadors,
            pairs: &store.list_pairs(edition).unwrap(),
            forbidden: &store.forbidden_pairs(edition).unwrap(),
            rules: &rules,
        });
        let alone_season = crate::season::overview(&students, &ambassadors, &alone_pairs, &rules);
        fn json(value: &impl serde::Serialize) -> serde_json::Value {
            serde_json::to_value(value).unwrap()
        }
        assert!(!source.unpaired.is_empty());
        assert_eq!(source.pairs, alone_pairs);
        assert_eq!(json(&source.unpaired), json(&alone_unpaired));
        assert_eq!(json(&source.season), json(&alone_season));
        assert_eq!(
            json(&source.students),
            json(&store.list_students(edition).unwrap())
        );
        assert_eq!(
            json(&source.ambassadors),
            json(&store.list_ambassadors(edition).unwrap())
        );
    }
}
