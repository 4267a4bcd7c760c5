//! A person typed by the organiser in the app (added by hand, or corrected), understood exactly
//! as a row of a sign-up file would be: the same e-mail check, the same commune lookup, the same
//! recognition of métiers and administrations. One understanding, wherever a person comes from.

use serde::{Deserialize, Serialize};

use super::fields::ColumnMatch;
use super::records::{self, Columns};
use super::table::{RawRow, Value};
use crate::model::{Ambassador, Field, Mobility, PersonRecord, Remembered, Role, Student};

/// One field of the person form, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FormValue {
    pub field: Field,
    pub value: String,
}

/// What the form gave: the person, and what is worth the organiser's eye (French, with the
/// field's label).
#[derive(Debug, Clone)]
pub enum Understood {
    Student(Student, Vec<String>),
    Ambassador(Ambassador, Vec<String>),
    /// The form names nobody, or gives an e-mail that is not one (French reason).
    Refused(String),
}

/// The fields of the form for a role, in the order the form shows them.
pub fn form_fields(role: Role) -> &'static [Field] {
    use Field::*;
    match role {
        Role::Student => &[
            Civility,
            LastName,
            FirstName,
            Email,
            Phone,
            PostalCode,
            Commune,
            School,
            Level,
            Curriculum,
            Job1,
            Job2,
            Job3,
            WishedAdministration,
            Mobility,
            ApplicationState,
            Comments,
        ],
        Role::Ambassador => &[
            Civility,
            LastName,
            FirstName,
            Email,
            Phone,
            PostalCode,
            Commune,
            Job,
            JobTitle,
            Administration,
            StructureType,
            Service,
            Capacity,
            PreferredLevels,
            Comments,
        ],
    }
}

/// Reads the typed values into a person of `role`.
pub fn understand(role: Role, values: &[FormValue], remembered: &Remembered) -> Understood {
    let matches: Vec<ColumnMatch> = values
        .iter()
        .enumerate()
        .map(|(index, v)| ColumnMatch {
            index: index as u32,
            header: v.field.label_fr().to_string(),
            field: Some(v.field),
            label: Some(v.field.label_fr().to_string()),
            chosen: true,
            confidence: 1.0,
        })
        .collect();
    let row = RawRow {
        number: 0,
        cells: values
            .iter()
            .map(|v| match v.value.trim() {
                "" => Value::Empty,
                text => Value::Text(text.to_string()),
            })
            .collect(),
    };
    let columns = Columns::new(&matches);
    let result = match role {
        Role::Student => records::student(&row, &columns, remembered),
        Role::Ambassador => records::ambassador(&row, &columns, remembered),
    };
    let typed_email = values
        .iter()
        .any(|v| v.field == Field::Email && !v.value.trim().is_empty());
    let mut notes = Vec::new();
    for warning in &result.warnings {
        let label = warning.column.clone().unwrap_or_default();
        if label == Field::Email.label_fr() && typed_email {
            // An address typed by hand that is not one is refused, not dropped.
            return Understood::Refused(format!("{label} : {}", warning.message));
        }
        notes.push(if label.is_empty() {
            warning.message.clone()
        } else {
            format!("{label} : {}", warning.message)
        });
    }
    match result.record {
        PersonRecord::Student(s) => Understood::Student(s, notes),
        PersonRecord::Ambassador(a) => Understood::Ambassador(a, notes),
        PersonRecord::Rejected(_) => Understood::Refused(
            "indiquez au moins un nom, un prénom ou une adresse e-mail".to_string(),
        ),
    }
}

/// A student's data as the form shows it.
pub fn student_values(s: &Student) -> Vec<FormValue> {
    let job = |i: usize| s.wished_jobs.get(i).cloned().unwrap_or_default();
    let values = [
        (
            Field::Civility,
            s.identity.civility.clone().unwrap_or_default(),
        ),
        (Field::LastName, s.identity.last_name.clone()),
        (Field::FirstName, s.identity.first_name.clone()),
        (Field::Email, s.identity.email.clone().unwrap_or_default()),
        (Field::Phone, s.identity.phone.clone().unwrap_or_default()),
        (
            Field::PostalCode,
            s.place.postal_code.clone().unwrap_or_default(),
        ),
        (Field::Commune, s.place.commune.clone().unwrap_or_default()),
        (Field::School, s.school.clone().unwrap_or_default()),
        (Field::Level, s.level.clone().unwrap_or_default()),
        (Field::Curriculum, s.curriculum.clone().unwrap_or_default()),
        (Field::Job1, job(0)),
        (Field::Job2, job(1)),
        (Field::Job3, job(2)),
        (
            Field::WishedAdministration,
            s.wished_administration.clone().unwrap_or_default(),
        ),
        (Field::Mobility, mobility_text(s.mobility).to_string()),
        (
            Field::ApplicationState,
            s.application_state
                .as_deref()
                .map(crate::model::state::label)
                .unwrap_or_default(),
        ),
        (Field::Comments, s.comments.clone().unwrap_or_default()),
    ];
    values
        .into_iter()
        .map(|(field, value)| FormValue { field, value })
        .collect()
}

/// An ambassador's data as the form shows it.
pub fn ambassador_values(a: &Ambassador) -> Vec<FormValue> {
    let values = [
        (
            Field::Civility,
            a.identity.civility.clone().unwrap_or_default(),
        ),
        (Field::LastName, a.identity.last_name.clone()),
        (Field::FirstName, a.identity.first_name.clone()),
        (Field::Email, a.identity.email.clone().unwrap_or_default()),
        (Field::Phone, a.identity.phone.clone().unwrap_or_default()),
        (
            Field::PostalCode,
            a.place.postal_code.clone().unwrap_or_default(),
        ),
        (Field::Commune, a.place.commune.clone().unwrap_or_default()),
        (Field::Job, a.job.clone().unwrap_or_default()),
        (Field::JobTitle, a.job_title.clone().unwrap_or_default()),
        (
            Field::Administration,
            a.administration.clone().unwrap_or_default(),
        ),
        (
            Field::StructureType,
            a.structure_type.clone().unwrap_or_default(),
        ),
        (Field::Service, a.service.clone().unwrap_or_default()),
        (Field::Capacity, a.capacity.to_string()),
        (Field::PreferredLevels, a.preferred_levels.join(", ")),
        (Field::Comments, a.comments.clone().unwrap_or_default()),
    ];
    values
        .into_iter()
        .map(|(field, value)| FormValue { field, value })
        .collect()
}

/// The words the form offers for a mobility, which the import reads back as the same.
pub fn mobility_text(mobility: Mobility) -> &'static str {
    match mobility {
        Mobility::Departement => "Département",
        Mobility::Region => "Région",
        Mobility::National => "National",
        Mobility::Unspecified => "",
    }
}
