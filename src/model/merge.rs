//! What importing a file does to an edition: who is new, who changed (field by field), who is
//! no longer in the file.

use serde::Serialize;
use serde_json::Value;

/// One person, as the preview names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PersonRef {
    pub name: String,
    pub email: Option<String>,
    /// Row in the imported file, for people in it.
    pub row: Option<u32>,
}

/// One field that a re-import (or a change by hand) changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// Where the value sits in the person's data (`identity.email`, `capacity`).
    pub path: String,
    /// Its French label.
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PersonChange {
    pub person: PersonRef,
    pub changes: Vec<FieldChange>,
}

/// What importing a file does to an edition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergePreview {
    pub created: Vec<PersonRef>,
    pub updated: Vec<PersonChange>,
    pub unchanged: u32,
    /// In the edition but not in this file: kept, listed for the organiser to decide.
    pub gone: Vec<PersonRef>,
    /// Values the organiser changed by hand that the file gives otherwise: the hand's value is
    /// kept unless the organiser takes the file's.
    pub hand_edited: Vec<HandEdited>,
}

/// A value changed by hand in the app that a re-imported file gives otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HandEdited {
    pub person: PersonRef,
    /// Which value: the person's merge key and the field's path, as the organiser's choice
    /// names it back ([`TakeFromFile`]).
    pub choice: TakeFromFile,
    pub field: String,
    /// The value changed by hand, as the edition holds it.
    pub hand: String,
    /// The file's value.
    pub file: String,
    /// Whether the file's value is taken (the organiser chose so).
    pub taken: bool,
}

/// The organiser's choice to take the file's value over one changed by hand.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TakeFromFile {
    /// How the person is recognised across files (`@e-mail`, or `nom:…` without one).
    pub person: String,
    pub path: String,
}

impl MergePreview {
    /// People of the edition that this file holds (new, changed or unchanged).
    pub fn stored(&self) -> usize {
        self.created.len() + self.updated.len() + self.unchanged as usize
    }
}

/// What the store assigns to a person, not part of their data (as JSON keys).
pub const ASSIGNED_FIELDS: [&str; 3] = ["id", "editionId", "sourceRow"];

/// A person's data as JSON, without what the store assigns (ids, source row): what a re-import
/// or a change by hand compares.
pub fn person_data<T: Serialize>(person: &T) -> Value {
    let mut value = serde_json::to_value(person).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for assigned in ASSIGNED_FIELDS {
            map.remove(assigned);
        }
    }
    value
}

/// Field-by-field differences of two persons' data, flattened (`identity.phone`), with French
/// labels.
pub fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk("", before, after, &mut out);
    out
}

/// The value at a flattened path (`identity.email`), `Null` when absent.
pub fn value_at<'v>(data: &'v Value, path: &str) -> &'v Value {
    path.split('.')
        .try_fold(data, |value, key| value.get(key))
        .unwrap_or(&Value::Null)
}

/// Sets the value at a flattened path; does nothing when the path is not there.
pub fn set_value_at(data: &mut Value, path: &str, new: Value) {
    let found = path
        .split('.')
        .try_fold(data, |value, key| value.get_mut(key));
    if let Some(slot) = found {
        *slot = new;
    }
}

fn walk(path: &str, before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            for (key, after_value) in a {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(&child, b.get(key).unwrap_or(&Value::Null), after_value, out);
            }
        }
        _ if before != after => out.push(FieldChange {
            path: path.to_string(),
            field: field_label(path).to_string(),
            before: shown(before),
            after: shown(after),
        }),
        _ => {}
    }
}

/// A value as the organiser reads it.
pub fn shown(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(" ; "),
        other => other.to_string(),
    }
}

/// The French label of a field path.
pub fn field_label(path: &str) -> &str {
    match path {
        "identity.civility" => "Civilité",
        "identity.lastName" => "Nom",
        "identity.firstName" => "Prénom",
        "identity.email" => "E-mail",
        "identity.phone" => "Téléphone",
        "place.postalCode" => "Code postal",
        "place.commune" => "Commune",
        "place.inseeCode" => "Code INSEE",
        "place.departement" => "Département",
        "school" => "École",
        "level" => "Niveau d'études",
        "curriculum" => "Formation",
        "wishedJobs" => "Métiers souhaités",
        "wishedAdministration" => "Administration souhaitée",
        "mobility" => "Mobilité",
        "applicationState" => "État du dossier",
        "comments" => "Commentaires",
        "job" => "Métier",
        "jobTitle" => "Intitulé de poste",
        "administration" => "Administration",
        "structureType" => "Type de structure",
        "service" => "Service",
        "capacity" => "Capacité d'accueil",
        "preferredLevels" => "Niveaux d'études préférés",
        other => other,
    }
}
