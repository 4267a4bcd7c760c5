//! Merging an imported file into an edition: who is new, who changed (field by field), who is
//! no longer in the file — shown first, then applied in one transaction. People are matched by
//! normalised e-mail (or, without one, by name), so their ids — and their pairs, locks and
//! notes — survive a re-import. A blank in the new file never erases what the edition knows.

use std::collections::HashMap;

use rusqlite::Connection;
use serde_json::Value;

use super::import::insert_batch_with;
use super::people::{self, StoredPerson, Write};
use super::{editions, Store, StoreError};
use crate::model::{
    fill_gaps, BatchId, BatchRow, EditionId, FieldChange, MergePreview, NewBatch, PersonChange,
    PersonRecord, PersonRef, Role,
};

/// The preview, and for each row of the batch how it is written.
struct Plan {
    preview: MergePreview,
    writes: Vec<Option<Write>>,
    /// Records of people already in the edition, completed with what the edition knew.
    merged: HashMap<usize, PersonRecord>,
}

impl Store {
    /// What importing `rows` into the edition would do, without doing it.
    pub fn preview_import(
        &self,
        edition: EditionId,
        role: Role,
        rows: &[BatchRow],
    ) -> Result<MergePreview, StoreError> {
        editions::ensure_edition_exists(&self.conn, edition)?;
        Ok(plan(&self.conn, edition, role, rows)?.preview)
    }

    /// Imports `rows` into the edition in one transaction and returns what it did.
    pub fn apply_import(
        &mut self,
        edition: EditionId,
        batch: &NewBatch,
        rows: &[BatchRow],
    ) -> Result<(BatchId, MergePreview), StoreError> {
        self.write(|tx| {
            editions::ensure_edition_exists(tx, edition)?;
            let plan = plan(tx, edition, batch.role, rows)?;
            let batch_id = insert_batch_with(tx, edition, batch, rows, |i| {
                (plan.writes[i], plan.merged.get(&i))
            })?;
            Ok((batch_id, plan.preview))
        })
    }
}

/// How a person is recognised across files.
fn key(email: &Option<String>, last: &str, first: &str) -> String {
    match email {
        Some(email) => format!("@{email}"),
        None => format!(
            "nom:{}|{}",
            crate::text::clean(last).to_lowercase(),
            crate::text::clean(first).to_lowercase()
        ),
    }
}

fn display_name(last: &str, first: &str) -> String {
    crate::text::clean(&format!("{first} {}", last.to_uppercase()))
}

fn plan(
    conn: &Connection,
    edition: EditionId,
    role: Role,
    rows: &[BatchRow],
) -> Result<Plan, StoreError> {
    // Existing people of this role: key → (id, JSON of their data, name, email).
    let mut existing: HashMap<String, (i64, Value, PersonRef)> = HashMap::new();
    match role {
        Role::Student => index(
            people::students_of(conn, edition)?,
            |s| s.id.0,
            &mut existing,
        ),
        Role::Ambassador => index(
            people::ambassadors_of(conn, edition)?,
            |a| a.id.0,
            &mut existing,
        ),
    }
    let mut preview = MergePreview::default();
    let mut writes = Vec::with_capacity(rows.len());
    let mut merged = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let who = match &row.record {
            PersonRecord::Student(s) => &s.identity,
            PersonRecord::Ambassador(a) => &a.identity,
            PersonRecord::Rejected(_) => {
                writes.push(None);
                continue;
            }
        };
        let reference = PersonRef {
            name: display_name(&who.last_name, &who.first_name),
            email: who.email.clone(),
            row: Some(row.row_number),
        };
        match existing.remove(&key(&who.email, &who.last_name, &who.first_name)) {
            None => {
                preview.created.push(reference);
                writes.push(Some(Write::Insert(edition)));
            }
            Some((id, before, _)) => {
                // A blank in the new file keeps what the edition knew.
                let mut record = row.record.clone();
                let after = match &mut record {
                    PersonRecord::Student(s) => completed(s, &before),
                    PersonRecord::Ambassador(a) => completed(a, &before),
                    PersonRecord::Rejected(_) => Value::Null,
                };
                let changes = diff(&before, &after);
                if changes.is_empty() {
                    preview.unchanged += 1;
                } else {
                    preview.updated.push(PersonChange {
                        person: reference,
                        changes,
                    });
                }
                writes.push(Some(Write::Update(id)));
                merged.insert(i, record);
            }
        }
    }
    let mut gone: Vec<PersonRef> = existing.into_values().map(|(_, _, r)| r).collect();
    gone.sort_by(|a, b| a.name.cmp(&b.name));
    preview.gone = gone;
    Ok(Plan {
        preview,
        writes,
        merged,
    })
}

/// Indexes the people of the edition by their merge key.
fn index<P: StoredPerson + serde::Serialize>(
    people: Vec<P>,
    id: impl Fn(&P) -> i64,
    existing: &mut HashMap<String, (i64, Value, PersonRef)>,
) {
    for person in people {
        let who = person.identity();
        let reference = PersonRef {
            name: display_name(&who.last_name, &who.first_name),
            email: who.email.clone(),
            row: None,
        };
        existing.insert(
            key(&who.email, &who.last_name, &who.first_name),
            (id(&person), data_json(&person), reference),
        );
    }
}

/// Completes an imported person with what the edition knew (`before`, as JSON); returns the
/// completed data as JSON.
fn completed<P: serde::Serialize + serde::de::DeserializeOwned>(
    person: &mut P,
    before: &Value,
) -> Value {
    if let Ok(old) = serde_json::from_value(before.clone()) {
        fill_gaps(person, &old);
    }
    data_json(person)
}

/// A person's data as JSON, without what the store assigns (ids, source row).
fn data_json<T: serde::Serialize>(person: &T) -> Value {
    let mut value = serde_json::to_value(person).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for assigned in ["id", "editionId", "sourceRow"] {
            map.remove(assigned);
        }
    }
    value
}

/// Field-by-field differences, flattened (`identity.phone`), with French labels.
fn diff(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk("", before, after, &mut out);
    out
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
            field: label(path).to_string(),
            before: show(before),
            after: show(after),
        }),
        _ => {}
    }
}

fn show(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(" ; "),
        other => other.to_string(),
    }
}

fn label(path: &str) -> &str {
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
        other => other,
    }
}
