//! Import of sign-up sheets: read any format safely (`read`), find the header (`header`),
//! match columns to fields (`fields`), read each row into a person (`records`, `normalize`),
//! and account for every row. Nothing here touches the store: the use case
//! (`actions::import`) merges the result into an edition in one transaction.

pub mod duplicates;
pub mod error;
pub mod fields;
pub mod form;
pub mod header;
pub mod normalize;
pub mod progress;
pub mod read;
pub mod records;
mod streamed;
pub mod table;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

pub use error::ImportError;
pub use fields::{ColumnMatch, Field, FieldChoice};
pub use progress::Progress;
pub use read::{read_table, read_table_with, ReadOptions};
pub use records::RowWarning;

use crate::model::{state, NewBatch, Role};
use crate::model::{BatchRow, MergePreview, PersonRecord, Remembered, SourceCells, SynonymKind};
use duplicates::{probable_duplicates, probable_key_of, settle_duplicates, state_of, Standing};
pub use duplicates::{probable_key, Duplicate, FilledValue, ProbableDuplicate};
use records::Columns;
pub use table::RawTable;
use table::Value;

/// A row that could not become a person, and why (French).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Rejection {
    pub row: u32,
    pub reason: String,
}

/// A file read and understood, before anything is stored.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub role: Role,
    pub file_name: String,
    pub sheet: Option<String>,
    /// Every sheet of the workbook (empty for CSV).
    pub sheet_names: Vec<String>,
    pub header_row: u32,
    pub headers: Vec<String>,
    pub columns: Vec<ColumnMatch>,
    /// Non-blank rows above the header (titles), by number.
    pub title_rows: Vec<u32>,
    /// Blank rows between the header and the last data row.
    pub blank_rows: u32,
    /// Every data row below the header, with what it became.
    pub rows: Vec<BatchRow>,
    pub warnings: Vec<RowWarning>,
    /// Métiers and administrations the referentials do not know: kept as written, to be
    /// rattached once by the organiser.
    pub unknown_values: Vec<UnknownValue>,
    /// Métiers and administrations recognised, each distinct written value once; those not
    /// written as the entry's label first.
    pub recognized_values: Vec<RecognizedValue>,
    /// People found on several rows (same e-mail): the row kept and those set aside.
    pub duplicates: Vec<Duplicate>,
    /// Rows with different e-mails that may be one person, for the organiser to look at.
    pub probable_duplicates: Vec<ProbableDuplicate>,
}

/// A métier or administration as written in the file, and what it was recognised as: shown in
/// the preview so that no recognition goes unseen (« Analyste » → « Analyste fonctionnel »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RecognizedValue {
    pub kind: SynonymKind,
    /// As written in the file.
    pub text: String,
    /// The referential's entry it was taken for.
    pub code: String,
    pub label: String,
    /// How, in French (« synonyme connu », « reconnu dans un texte plus long »…).
    pub how: String,
    /// Written exactly as the entry's label (accents, case and punctuation aside).
    pub exact: bool,
    /// How many rows have it, and the first of them.
    pub count: u32,
    pub rows: Vec<u32>,
}

/// A métier or administration written in a way the referential does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnknownValue {
    pub kind: SynonymKind,
    /// As written in the file.
    pub text: String,
    /// How many rows have it, and the first of them.
    pub count: u32,
    pub rows: Vec<u32>,
}

impl Analysis {
    /// Data rows read (non-blank, below the header).
    pub fn rows_read(&self) -> usize {
        self.rows.len()
    }

    pub fn rejections(&self) -> Vec<Rejection> {
        self.rows
            .iter()
            .filter_map(|r| match &r.record {
                PersonRecord::Rejected(reason) => Some(Rejection {
                    row: r.row_number,
                    reason: reason.clone(),
                }),
                _ => None,
            })
            .collect()
    }

    /// The batch to store, describing this file.
    pub fn batch(&self) -> NewBatch {
        NewBatch {
            role: self.role,
            file_name: self.file_name.clone(),
            sheet: self.sheet.clone(),
            header_row: Some(self.header_row),
            headers: self.headers.clone(),
        }
    }
}

/// Sheets to read first when present, by role.
fn preferred_sheets(role: Role) -> Vec<String> {
    match role {
        Role::Student => vec!["Dossiers".into()],
        Role::Ambassador => vec![],
    }
}

/// Reads `path` as a sign-up sheet of `role`. Fails only when the file as a whole is unusable;
/// problems with single rows become rejections and warnings.
pub fn analyze(path: &Path, role: Role, sheet: Option<&str>) -> Result<Analysis, ImportError> {
    analyze_with(path, role, sheet, &Remembered::default(), &Progress::none())
}

/// Like [`analyze`], applying what the organiser taught on earlier files (column choices,
/// synonyms), reporting progress and stopping when asked.
pub fn analyze_with(
    path: &Path,
    role: Role,
    sheet: Option<&str>,
    remembered: &Remembered,
    progress: &Progress,
) -> Result<Analysis, ImportError> {
    let options = read_options(role, sheet);
    let file_name = ImportError::file_label(path);
    match streamed::analyze(path, &options, role, &file_name, remembered, progress)? {
        Some(analysis) => Ok(analysis),
        // Rows written out of order: read whole and sorted first.
        None => understand(
            read_table_with(path, &options, progress)?,
            role,
            &file_name,
            remembered,
        ),
    }
}

fn read_options(role: Role, sheet: Option<&str>) -> ReadOptions {
    ReadOptions {
        sheet: sheet.map(str::to_string),
        preferred_sheets: preferred_sheets(role),
    }
}

/// Reads the sheet of a sign-up file of `role` (the preferred sheet unless one is named): the
/// slow part of an import, and the one that refuses unusable files.
pub fn read_sheet(
    path: &Path,
    role: Role,
    sheet: Option<&str>,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    read_table_with(path, &read_options(role, sheet), progress)
}

/// Understands a sheet already read (`file_name` as messages name it): finds the header,
/// matches the columns, reads each row into a person, and accounts for every row.
pub fn understand(
    table: RawTable,
    role: Role,
    file_name: &str,
    remembered: &Remembered,
) -> Result<Analysis, ImportError> {
    let RawTable {
        sheet,
        sheet_names,
        rows,
        formula_rows,
    } = table;
    let formula: std::collections::HashSet<u32> = formula_rows.into_iter().collect();
    let rows = rows.into_iter().map(|row| {
        let held_formula = formula.contains(&row.number);
        (row, held_formula)
    });
    understand_rows(sheet, sheet_names, rows, role, file_name, remembered)
}

/// Understands the rows of a sheet as they come, in the sheet's order, each with whether it
/// held a formula: the header among the first ones, then each row below it.
fn understand_rows(
    sheet_read: Option<String>,
    sheet_names: Vec<String>,
    mut table_rows: impl Iterator<Item = (table::RawRow, bool)>,
    role: Role,
    file_name: &str,
    remembered: &Remembered,
) -> Result<Analysis, ImportError> {
    let file_name = file_name.to_string();
    let (first, first_formula): (Vec<table::RawRow>, Vec<bool>) =
        table_rows.by_ref().take(header::HEADER_SCAN_ROWS).unzip();
    let header = header::find_header_in(role, &first, &sheet_read, &file_name)?;
    let columns = fields::match_headers_with(role, &header.cells, &remembered.columns);
    let data_rows = first
        .into_iter()
        .zip(first_formula)
        .skip(header.index + 1)
        .chain(table_rows);
    // The last row's number, for the blank rows between the header and it.
    let mut last_row = header.row;

    let resolver = Columns::new(&columns);
    let mut rows: Vec<BatchRow> = Vec::new();
    // Each row's key for probable duplicates, worked out meanwhile.
    let mut probable_keys = Vec::new();
    let mut warnings = Vec::new();
    // The rows of each e-mail, and how each person row stands against a duplicate of it:
    // duplicates are settled once every row is read (the best may come last).
    let mut rows_of_email: HashMap<String, Vec<usize>> = HashMap::new();
    let mut standing: HashMap<usize, Standing> = HashMap::new();
    // Unknown métiers and administrations, with the rows they appear on.
    let mut unknown: std::collections::BTreeMap<(SynonymKind, String), Vec<u32>> =
        Default::default();
    let mut recognized: std::collections::BTreeMap<
        (SynonymKind, String),
        (records::Recognized, Vec<u32>),
    > = Default::default();
    // Rows are consumed one by one: their values move into the stored texts, so the sheet is
    // never held twice in memory.
    for (raw, held_formula) in data_rows {
        last_row = raw.number;
        let record = if header::is_totals_row(&raw, held_formula, &columns) {
            PersonRecord::Rejected("ligne de total ou de calcul, pas une personne : ignorée".into())
        } else {
            let result = match role {
                Role::Student => records::student(&raw, &resolver, remembered),
                Role::Ambassador => records::ambassador(&raw, &resolver, remembered),
            };
            warnings.extend(result.warnings);
            for (kind, text) in result.unknown {
                let entry = unknown.entry((kind, text)).or_default();
                entry.push(raw.number);
            }
            for found in result.recognized {
                let entry = recognized
                    .entry((found.kind, found.text.clone()))
                    .or_insert_with(|| (found, Vec::new()));
                entry.1.push(raw.number);
            }
            let record = result.record;
            if let Some(email) = email_of(&record) {
                rows_of_email.entry(email).or_default().push(rows.len());
                standing.insert(
                    rows.len(),
                    Standing {
                        rank: state::rank(state_of(&record)),
                        date: normalize::date_time(resolver.value(&raw, Field::ApplicationDate)),
                    },
                );
            }
            record
        };
        // The row as it came, one text per header column (and any beyond it).
        let missing = header.cells.len().saturating_sub(raw.cells.len());
        let cells = SourceCells::new(
            raw.cells
                .iter()
                .map(Value::as_text)
                .chain(std::iter::repeat_n(Cow::Borrowed(""), missing)),
        );
        probable_keys.push(probable_key_of(&record));
        rows.push(BatchRow {
            row_number: raw.number,
            cells,
            record,
        });
    }
    let blank_rows = last_row
        .saturating_sub(header.row)
        .saturating_sub(rows.len() as u32);
    let mut groups: Vec<Vec<usize>> = rows_of_email
        .into_values()
        .filter(|g| g.len() > 1)
        .collect();
    groups.sort();
    let duplicates = groups
        .iter()
        .map(|group| settle_duplicates(&mut rows, group, &standing))
        .collect();
    // Settling completed the kept rows and set the others aside: their keys again.
    for &i in groups.iter().flatten() {
        probable_keys[i] = probable_key_of(&rows[i].record);
    }
    let probable_duplicates = probable_duplicates(&rows, &probable_keys);
    Ok(Analysis {
        duplicates,
        probable_duplicates,
        role,
        file_name,
        sheet: sheet_read,
        sheet_names,
        header_row: header.row,
        headers: header.cells,
        columns,
        title_rows: header.title_rows,
        blank_rows,
        rows,
        warnings,
        unknown_values: unknown
            .into_iter()
            .map(|((kind, text), rows)| UnknownValue {
                kind,
                count: rows.len() as u32,
                rows: rows.into_iter().take(10).collect(),
                text,
            })
            .collect(),
        recognized_values: recognized_values(recognized),
    })
}

/// The recognised values as the preview lists them: not written as the label first, then by
/// kind and text.
fn recognized_values(
    found: std::collections::BTreeMap<(SynonymKind, String), (records::Recognized, Vec<u32>)>,
) -> Vec<RecognizedValue> {
    let mut values: Vec<RecognizedValue> = found
        .into_values()
        .map(|(r, rows)| RecognizedValue {
            kind: r.kind,
            exact: r.how == crate::referentials::Recognition::Exact,
            how: r.how.label().to_string(),
            code: r.code.to_string(),
            label: r.label.to_string(),
            count: rows.len() as u32,
            rows: rows.into_iter().take(10).collect(),
            text: r.text,
        })
        .collect();
    values.sort_by_key(|v| v.exact);
    values
}

fn email_of(record: &PersonRecord) -> Option<String> {
    match record {
        PersonRecord::Student(s) => s.identity.email.clone(),
        PersonRecord::Ambassador(a) => a.identity.email.clone(),
        PersonRecord::Rejected(_) => None,
    }
}

/// How many rows the report shows as they came.
pub const PREVIEW_ROWS: usize = 5;

/// A data row as it came, for the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewRow {
    pub row: u32,
    pub cells: Vec<String>,
}

/// What an import did (or would do), with the command line's field names (docs/contracts.md §1).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub file: String,
    pub sheet: Option<String>,
    pub sheet_names: Vec<String>,
    pub role: Role,
    pub header_row: u32,
    pub title_rows: Vec<u32>,
    pub blank_rows: u32,
    /// Data rows read below the header; always `stored + rejected.len()`.
    pub rows_read: usize,
    /// People of the edition from this file, new or updated (or unchanged).
    pub stored: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<RowWarning>,
    pub unknown_values: Vec<UnknownValue>,
    /// Métiers and administrations recognised, as written and as taken (see [`RecognizedValue`]).
    pub recognized_values: Vec<RecognizedValue>,
    pub columns: Vec<ColumnMatch>,
    /// The fields a column of this file can be matched to, for correcting the matching.
    pub fields: Vec<FieldChoice>,
    /// The first data rows as they came, for the organiser to check the columns.
    pub first_rows: Vec<PreviewRow>,
    pub changes: MergePreview,
    /// The copy of the database taken just before, when there was something to copy.
    pub backup: Option<String>,
    /// Students of this file by application state, most advanced first (empty for a file
    /// without states, and for ambassadors).
    pub states: Vec<StateCount>,
    /// Students of this file whose state is outside the edition's retained states: they take
    /// no part in the pairing until the rules retain it.
    pub not_taking_part: usize,
    /// The edition's retained states, by their French labels.
    pub retained_states: Vec<String>,
    /// People found on several rows (same e-mail): the row kept, why, and the rows set aside.
    pub duplicates: Vec<Duplicate>,
    /// Rows with different e-mails that may be one person, listed for the organiser.
    pub probable_duplicates: Vec<ProbableDuplicate>,
    /// `states_fr` and `not_taking_part_fr`: the window shows the command line's words.
    pub states_text: Option<String>,
    pub not_taking_part_text: Option<String>,
}

impl ImportReport {
    /// « Dossiers par état : 176 accepté · 41 en instruction », when the file has states.
    pub fn states_fr(&self) -> Option<String> {
        if self.states.is_empty() {
            return None;
        }
        let counts: Vec<String> = self
            .states
            .iter()
            .map(|s| format!("{} {}", s.students, s.label))
            .collect();
        Some(format!("Dossiers par état : {}", counts.join(" · ")))
    }

    /// Who will not take part under the retained states, plainly; `None` without states.
    pub fn not_taking_part_fr(&self) -> Option<String> {
        if self.states.is_empty() {
            return None;
        }
        let retained = self
            .retained_states
            .iter()
            .map(|l| format!("« {l} »"))
            .collect::<Vec<_>>()
            .join(" ou ");
        let retained = if retained.is_empty() {
            "aucun".to_string()
        } else {
            retained
        };
        Some(match self.not_taking_part {
            0 => format!("Tous les étudiants de ce fichier participeront à l'appariement (états retenus : {retained})."),
            n => format!(
                "{n} étudiant(s) de ce fichier ne participeront pas à l'appariement : leur dossier n'est pas dans les états retenus ({retained}). Changez les états retenus dans les règles pour les inclure."
            ),
        })
    }
}

/// How many students of a file are in one application state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StateCount {
    /// As stored (`en_instruction`).
    pub state: String,
    /// « en instruction ».
    pub label: String,
    pub students: usize,
    /// Whether the edition's rules retain this state.
    pub retained: bool,
}

/// The students of an analysis by state, and how many the retained states leave out.
fn state_counts(analysis: &Analysis, retained: &[String]) -> (Vec<StateCount>, usize) {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for row in &analysis.rows {
        if let PersonRecord::Student(student) = &row.record {
            if let Some(state) = &student.application_state {
                *counts.entry(state.clone()).or_default() += 1;
            }
        }
    }
    let mut states: Vec<StateCount> = counts
        .into_iter()
        .map(|(code, students)| StateCount {
            label: state::label(&code),
            retained: state::is_retained(Some(&code), retained),
            state: code,
            students,
        })
        .collect();
    // Most advanced state first (accepté), then the largest.
    states.sort_by(|a, b| {
        state::rank(Some(&b.state))
            .cmp(&state::rank(Some(&a.state)))
            .then(b.students.cmp(&a.students))
    });
    let left_out = states
        .iter()
        .filter(|s| !s.retained)
        .map(|s| s.students)
        .sum();
    (states, left_out)
}

/// The report of an analysis and its merge, under the edition's retained states.
pub fn report(
    analysis: &Analysis,
    changes: MergePreview,
    backup: Option<String>,
    retained: &[String],
) -> ImportReport {
    let (states, not_taking_part) = state_counts(analysis, retained);
    let mut report = ImportReport {
        states_text: None,
        not_taking_part_text: None,
        states,
        not_taking_part,
        retained_states: retained.iter().map(|s| state::label(s)).collect(),
        duplicates: analysis.duplicates.clone(),
        probable_duplicates: analysis.probable_duplicates.clone(),
        file: analysis.file_name.clone(),
        sheet: analysis.sheet.clone(),
        sheet_names: analysis.sheet_names.clone(),
        role: analysis.role,
        header_row: analysis.header_row,
        title_rows: analysis.title_rows.clone(),
        blank_rows: analysis.blank_rows,
        rows_read: analysis.rows_read(),
        stored: changes.stored(),
        created: changes.created.len(),
        updated: changes.updated.len(),
        unchanged: changes.unchanged as usize,
        rejected: analysis.rejections(),
        warnings: analysis.warnings.clone(),
        unknown_values: analysis.unknown_values.clone(),
        recognized_values: analysis.recognized_values.clone(),
        columns: analysis.columns.clone(),
        fields: Field::for_role(analysis.role)
            .into_iter()
            .map(|field| FieldChoice {
                field,
                label: field.label_fr().to_string(),
            })
            .collect(),
        first_rows: analysis
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|r| PreviewRow {
                row: r.row_number,
                cells: r.cells.texts(),
            })
            .collect(),
        changes,
        backup,
    };
    report.states_text = report.states_fr();
    report.not_taking_part_text = report.not_taking_part_fr();
    report
}
