//! One data row → one student or ambassador, with the notes of what was repaired or doubtful.

use serde::Serialize;

use super::fields::{ColumnMatch, Field};
use super::normalize::{self, text_of};
use super::table::{format_number, RawRow, Value};
use crate::model::{Ambassador, AmbassadorId, EditionId, Identity, Place, Student, StudentId};
use crate::model::{PersonRecord, Remembered, SynonymKind};
use crate::referentials::geography::{normalize_postal_code, Geography};
use crate::referentials::{Administrations, Jobs, Recognition};

/// Something to check in one cell: kept, but worth the organiser's eye.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RowWarning {
    pub row: u32,
    /// The column's header as it came, when the note is about one cell.
    pub column: Option<String>,
    pub message: String,
}

/// Which column holds each field.
pub struct Columns<'a> {
    matches: &'a [ColumnMatch],
}

impl<'a> Columns<'a> {
    pub fn new(matches: &'a [ColumnMatch]) -> Self {
        Columns { matches }
    }

    fn column(&self, field: Field) -> Option<&ColumnMatch> {
        self.matches.iter().find(|m| m.field == Some(field))
    }

    pub(super) fn value<'r>(&self, row: &'r RawRow, field: Field) -> &'r Value {
        match self.column(field) {
            Some(c) => row.get(c.index as usize),
            None => &Value::Empty,
        }
    }

    fn text(&self, row: &RawRow, field: Field) -> Option<String> {
        text_of(self.value(row, field))
    }

    fn header(&self, field: Field) -> Option<String> {
        self.column(field).map(|c| c.header.clone())
    }
}

/// What one row gave.
pub struct RowResult {
    pub record: PersonRecord,
    pub warnings: Vec<RowWarning>,
    /// Métiers and administrations the referentials do not know (yet), as written.
    pub unknown: Vec<(SynonymKind, String)>,
    /// Métiers and administrations recognised: as written, and what they were taken for.
    pub recognized: Vec<Recognized>,
}

/// A métier or administration as written, and the referential's entry it was taken for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognized {
    pub kind: SynonymKind,
    pub text: String,
    pub code: &'static str,
    pub label: &'static str,
    pub how: Recognition,
}

struct Notes<'a> {
    row: u32,
    columns: &'a Columns<'a>,
    warnings: Vec<RowWarning>,
    unknown: Vec<(SynonymKind, String)>,
    recognized: Vec<Recognized>,
}

impl Notes<'_> {
    fn result(self, record: PersonRecord) -> RowResult {
        RowResult {
            record,
            warnings: self.warnings,
            unknown: self.unknown,
            recognized: self.recognized,
        }
    }

    /// The métier's canonical label, or the text as written (noted as unknown).
    fn job(&mut self, text: String, remembered: &Remembered) -> String {
        let found = Jobs::get().recognize_with(&text, &remembered.jobs);
        match found.job {
            Some(job) => {
                self.recognized.push(Recognized {
                    kind: SynonymKind::Job,
                    text,
                    code: job.code,
                    label: job.label,
                    how: found.how,
                });
                job.label.to_string()
            }
            None => {
                self.unknown.push((SynonymKind::Job, text.clone()));
                text
            }
        }
    }

    /// The administration's canonical label, or the text as written (noted as unknown).
    fn administration(&mut self, text: String, remembered: &Remembered) -> String {
        let found = Administrations::get().recognize_with(&text, &remembered.administrations);
        match found.administration {
            Some(administration) => {
                self.recognized.push(Recognized {
                    kind: SynonymKind::Administration,
                    text,
                    code: administration.code,
                    label: administration.label,
                    how: found.how,
                });
                administration.label.to_string()
            }
            None => {
                self.unknown
                    .push((SynonymKind::Administration, text.clone()));
                text
            }
        }
    }
}

impl Notes<'_> {
    fn add(&mut self, field: Option<Field>, message: String) {
        self.warnings.push(RowWarning {
            row: self.row,
            column: field.and_then(|f| self.columns.header(f)),
            message,
        });
    }
}

/// The notes of a row, and the person and place it names; `Err` with the notes when the row
/// names nobody (the caller rejects it).
fn who_and_where<'a>(
    row: &RawRow,
    columns: &'a Columns<'a>,
) -> Result<(Notes<'a>, Identity, Place), Notes<'a>> {
    let mut notes = Notes {
        row: row.number,
        columns,
        warnings: Vec::new(),
        unknown: Vec::new(),
        recognized: Vec::new(),
    };
    let Some(identity) = identity(row, columns, &mut notes) else {
        return Err(notes);
    };
    let place = place(row, columns, &mut notes);
    Ok((notes, identity, place))
}

/// Reads a student; a row that names nobody is rejected.
pub fn student(row: &RawRow, columns: &Columns, remembered: &Remembered) -> RowResult {
    let (mut notes, identity, place) = match who_and_where(row, columns) {
        Ok(found) => found,
        Err(notes) => return notes.result(PersonRecord::Rejected(nobody())),
    };
    let mut wished_jobs: Vec<String> = Vec::new();
    for field in [Field::Job1, Field::Job2, Field::Job3] {
        // A single "métiers" column may hold several choices: "Data scientist; Développeur".
        for choice in normalize::choices(columns.value(row, field)) {
            let job = notes.job(choice, remembered);
            if !wished_jobs.contains(&job) {
                wished_jobs.push(job);
            }
        }
    }
    let (mobility, note) = normalize::mobility(columns.value(row, Field::Mobility));
    if let Some(note) = note {
        notes.add(Some(Field::Mobility), note);
    }
    let wished_administration = columns
        .text(row, Field::WishedAdministration)
        .filter(|a| !is_no_preference(a))
        .map(|a| notes.administration(a, remembered));
    let level = normalize::level(columns.value(row, Field::Level));
    if let Some(note) = normalize::level_outside_public(level.as_deref()) {
        notes.add(Some(Field::Level), note);
    }
    let student = Student {
        id: StudentId(0),
        edition_id: EditionId(0),
        identity,
        place,
        school: columns.text(row, Field::School),
        level,
        curriculum: columns.text(row, Field::Curriculum),
        wished_jobs,
        wished_administration,
        mobility,
        // Stored as its code, however the file spells it (« Accepté », `accepte`).
        application_state: columns
            .text(row, Field::ApplicationState)
            .map(|s| crate::model::state::normalize(&s)),
        comments: columns.text(row, Field::Comments),
        source_row: None,
    };
    notes.result(PersonRecord::Student(student))
}

/// Reads an ambassador; a row that names nobody is rejected.
pub fn ambassador(row: &RawRow, columns: &Columns, remembered: &Remembered) -> RowResult {
    let (mut notes, identity, place) = match who_and_where(row, columns) {
        Ok(found) => found,
        Err(notes) => return notes.result(PersonRecord::Rejected(nobody())),
    };
    let (capacity, note) = normalize::capacity(columns.value(row, Field::Capacity));
    if let Some(note) = note {
        notes.add(Some(Field::Capacity), note);
    }
    let (preferred_levels, unknown) =
        normalize::preferred_levels(columns.value(row, Field::PreferredLevels));
    for piece in unknown {
        notes.add(
            Some(Field::PreferredLevels),
            format!(
                "niveau « {piece} » non reconnu (attendu : Bac+2 à Bac+5, Licence, Master, indifférent) : ignoré, la personne est gardée"
            ),
        );
    }
    let ambassador = Ambassador {
        id: AmbassadorId(0),
        edition_id: EditionId(0),
        identity,
        place,
        job: columns
            .text(row, Field::Job)
            .map(|j| notes.job(j, remembered)),
        job_title: columns.text(row, Field::JobTitle),
        administration: columns
            .text(row, Field::Administration)
            .map(|a| notes.administration(a, remembered)),
        structure_type: columns.text(row, Field::StructureType),
        service: columns.text(row, Field::Service),
        capacity,
        preferred_levels,
        comments: columns.text(row, Field::Comments),
        source_row: None,
    };
    notes.result(PersonRecord::Ambassador(ambassador))
}

fn nobody() -> String {
    "ni nom, ni prénom, ni adresse e-mail : la ligne ne désigne personne".to_string()
}

fn is_no_preference(text: &str) -> bool {
    let key = crate::import::fields::normalize_header(text);
    [
        "sans preference",
        "peu importe",
        "indifferent",
        "aucune",
        "non",
        "pas de preference",
    ]
    .iter()
    .any(|w| key == *w)
}

fn identity(row: &RawRow, columns: &Columns, notes: &mut Notes) -> Option<Identity> {
    let last_name = columns.text(row, Field::LastName).unwrap_or_default();
    let first_name = columns.text(row, Field::FirstName).unwrap_or_default();
    let email = match normalize::email(columns.value(row, Field::Email)) {
        Ok(email) => email,
        Err(reason) => {
            notes.add(
                Some(Field::Email),
                format!("{reason} : à corriger, la personne est gardée sans e-mail"),
            );
            None
        }
    };
    if last_name.is_empty() && first_name.is_empty() && email.is_none() {
        return None;
    }
    if email.is_none() && text_of(columns.value(row, Field::Email)).is_none() {
        notes.add(
            Some(Field::Email),
            "pas d'adresse e-mail : impossible de prévenir cette personne".into(),
        );
    }
    Some(Identity {
        civility: normalize::civility(columns.value(row, Field::Civility)),
        last_name,
        first_name,
        email,
        phone: columns.text(row, Field::Phone),
    })
}

/// The place from whatever the row gives: INSEE code, postal code, commune name, département.
fn place(row: &RawRow, columns: &Columns, notes: &mut Notes) -> Place {
    let geography = Geography::get();
    let postal_raw = match columns.value(row, Field::PostalCode) {
        Value::Number(n) => Some(format_number(*n)),
        other => text_of(other),
    };
    let commune_raw = columns.text(row, Field::Commune);
    let insee_raw = columns.text(row, Field::InseeCode);
    let departement_given = normalize::departement_code(columns.value(row, Field::Departement));

    let postal = postal_raw.as_deref().and_then(normalize_postal_code);
    if let (Some(raw), None) = (&postal_raw, &postal) {
        notes.add(
            Some(Field::PostalCode),
            format!("« {raw} » n'est pas un code postal"),
        );
    }
    if let Some((code, true)) = &postal {
        notes.add(
            Some(Field::PostalCode),
            format!(
                "code postal « {} » complété en « {code} » (zéro initial perdu)",
                postal_raw.as_deref().unwrap_or("")
            ),
        );
    }
    let postal_code = postal.map(|(code, _)| code);

    // An INSEE code from the form is the surest.
    if let Some(commune) = insee_raw
        .as_deref()
        .and_then(|code| geography.commune(code))
    {
        return Place {
            postal_code,
            commune: Some(commune.name.to_string()),
            insee_code: Some(commune.code.to_string()),
            departement: Some(commune.departement.to_string()),
        };
    }
    if postal_code.is_none() && commune_raw.is_none() {
        return Place {
            postal_code: None,
            commune: None,
            insee_code: None,
            departement: departement_given,
        };
    }
    let resolution = geography.resolve(postal_code.as_deref(), commune_raw.as_deref());
    match resolution.commune {
        Some(commune) => {
            if resolution.conflict {
                notes.add(
                    Some(Field::Commune),
                    format!(
                        "le code postal et la commune ne concordent pas : {} retenue ({})",
                        commune.name,
                        resolution.how.label()
                    ),
                );
            }
            Place {
                postal_code,
                commune: Some(commune.name.to_string()),
                insee_code: Some(commune.code.to_string()),
                departement: Some(commune.departement.to_string()),
            }
        }
        None => {
            let names: Vec<String> = resolution
                .candidates
                .iter()
                .take(4)
                .map(|c| c.to_string())
                .collect();
            let message = if names.is_empty() {
                format!(
                    "commune introuvable ({}{})",
                    commune_raw.as_deref().unwrap_or("sans nom"),
                    postal_code
                        .as_deref()
                        .map(|p| format!(", {p}"))
                        .unwrap_or_default()
                )
            } else {
                format!("plusieurs communes possibles : {}", names.join(", "))
            };
            notes.add(Some(Field::Commune), message);
            Place {
                postal_code,
                commune: commune_raw,
                insee_code: None,
                departement: resolution
                    .departement
                    .map(str::to_string)
                    .or(departement_given),
            }
        }
    }
}
