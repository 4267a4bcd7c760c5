//! Merging an imported file into an edition: who is new, who changed (field by field), who is
//! no longer in the file — shown first, then applied in one transaction. People are matched by
//! normalised e-mail (or, without one, by name), so their ids — and their pairs, locks and
//! notes — survive a re-import. A blank in the new file never erases what the edition knows.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use serde_json::Value;

use super::import::insert_batch_with;
use super::people::{self, StoredPerson, Write};
use super::{editions, Store, StoreError};
use crate::model::{
    field_changes, field_label, fill_value_gaps, person_data, set_value_at, shown, value_at,
    BatchId, BatchRow, EditionId, HandEdited, MergePreview, NewBatch, PersonChange, PersonRecord,
    PersonRef, Role, TakeFromFile, ASSIGNED_FIELDS,
};

/// The preview, and for each row of the batch how it is written.
struct Plan {
    preview: MergePreview,
    writes: Vec<Option<Write>>,
    /// Records of people already in the edition, completed with what the edition knew.
    merged: HashMap<usize, PersonRecord>,
    /// People whose values changed by hand are now the file's (the mark goes): id → paths
    /// still changed by hand.
    hand_marks: Vec<(i64, Vec<String>)>,
}

/// A person of the edition as a re-import sees them.
struct Known {
    id: i64,
    /// As stored (a student or an ambassador).
    stored: PersonRecord,
    reference: PersonRef,
    /// Paths of the values changed by hand in the app.
    hand: Vec<String>,
}

impl Store {
    /// What importing `rows` into the edition would do, without doing it. `take` lists the
    /// values changed by hand for which the organiser takes the file's value.
    pub fn preview_import(
        &self,
        edition: EditionId,
        role: Role,
        rows: &[BatchRow],
        take: &[TakeFromFile],
    ) -> Result<MergePreview, StoreError> {
        editions::ensure_edition_exists(&self.conn, edition)?;
        Ok(plan(&self.conn, edition, role, rows, take)?.preview)
    }

    /// Imports `rows` into the edition in one transaction and returns what it did.
    pub fn apply_import(
        &mut self,
        edition: EditionId,
        batch: &NewBatch,
        rows: &[BatchRow],
        take: &[TakeFromFile],
    ) -> Result<(BatchId, MergePreview), StoreError> {
        self.write_in_bulk(|tx| {
            editions::ensure_edition_exists(tx, edition)?;
            let plan = plan(tx, edition, batch.role, rows, take)?;
            let batch_id = insert_batch_with(tx, edition, batch, rows, |i| {
                (plan.writes[i], plan.merged.get(&i))
            })?;
            for (id, paths) in &plan.hand_marks {
                people::set_hand_edited(tx, batch.role, *id, paths)?;
            }
            Ok((batch_id, plan.preview))
        })
    }
}

/// How a person is recognised across files.
pub(super) fn key(email: &Option<String>, last: &str, first: &str) -> String {
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
    take: &[TakeFromFile],
) -> Result<Plan, StoreError> {
    let take: HashSet<&TakeFromFile> = take.iter().collect();
    let hand = people::hand_edited_of_edition(conn, edition, role)?;
    let mut existing: HashMap<String, Known> = HashMap::new();
    match role {
        Role::Student => index(
            people::students_of(conn, edition)?,
            |s| s.id.0,
            PersonRecord::Student,
            &hand,
            &mut existing,
        ),
        Role::Ambassador => index(
            people::ambassadors_of(conn, edition)?,
            |a| a.id.0,
            PersonRecord::Ambassador,
            &hand,
            &mut existing,
        ),
    }
    let mut preview = MergePreview::default();
    let mut writes = Vec::with_capacity(rows.len());
    let mut merged = HashMap::new();
    let mut hand_marks = Vec::new();
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
        let person_key = key(&who.email, &who.last_name, &who.first_name);
        match existing.remove(&person_key) {
            None => {
                preview.created.push(reference);
                writes.push(Some(Write::Insert(edition)));
            }
            Some(known) if known.hand.is_empty() && same_data(&row.record, &known.stored) => {
                // Most of a file read again: the person as stored. Nothing to complete or
                // compare (what the longer way below would find, without going through JSON).
                preview.unchanged += 1;
                writes.push(Some(Write::Update(known.id)));
                merged.insert(i, row.record.clone());
            }
            Some(known) => {
                let before = stored_data(&known.stored);
                // A blank in the new file keeps what the edition knew.
                let mut record = row.record.clone();
                let mut after = match &mut record {
                    PersonRecord::Student(s) => completed(s, &before),
                    PersonRecord::Ambassador(a) => completed(a, &before),
                    PersonRecord::Rejected(_) => Value::Null,
                };
                // A value changed by hand stays, unless the organiser takes the file's.
                let mut still_by_hand = Vec::new();
                for path in &known.hand {
                    let (was, file) = (value_at(&before, path), value_at(&after, path));
                    if was == file {
                        still_by_hand.push(path.clone());
                        continue;
                    }
                    let choice = TakeFromFile {
                        person: person_key.clone(),
                        path: path.clone(),
                    };
                    let taken = take.contains(&choice);
                    preview.hand_edited.push(HandEdited {
                        person: reference.clone(),
                        field: field_label(path).to_string(),
                        hand: shown(was),
                        file: shown(file),
                        taken,
                        choice,
                    });
                    if !taken {
                        set_value_at(&mut after, path, was.clone());
                        still_by_hand.push(path.clone());
                    }
                }
                if still_by_hand.len() != known.hand.len() {
                    hand_marks.push((known.id, still_by_hand));
                }
                if !known.hand.is_empty() {
                    record = with_data(record, &after);
                }
                let changes = field_changes(&before, &after);
                if changes.is_empty() {
                    preview.unchanged += 1;
                } else {
                    preview.updated.push(PersonChange {
                        person: reference,
                        changes,
                    });
                }
                writes.push(Some(Write::Update(known.id)));
                merged.insert(i, record);
            }
        }
    }
    let mut gone: Vec<PersonRef> = existing.into_values().map(|k| k.reference).collect();
    gone.sort_by(|a, b| a.name.cmp(&b.name));
    preview.gone = gone;
    Ok(Plan {
        preview,
        writes,
        merged,
        hand_marks,
    })
}

/// Indexes the people of the edition by their merge key.
fn index<P: StoredPerson>(
    people: Vec<P>,
    id: impl Fn(&P) -> i64,
    record: impl Fn(P) -> PersonRecord,
    hand: &HashMap<i64, Vec<String>>,
    existing: &mut HashMap<String, Known>,
) {
    for person in people {
        let who = person.identity();
        let reference = PersonRef {
            name: display_name(&who.last_name, &who.first_name),
            email: who.email.clone(),
            row: None,
        };
        let id = id(&person);
        existing.insert(
            key(&who.email, &who.last_name, &who.first_name),
            Known {
                id,
                stored: record(person),
                reference,
                hand: hand.get(&id).cloned().unwrap_or_default(),
            },
        );
    }
}

/// Whether the file's person has the same data as the stored one.
fn same_data(file: &PersonRecord, stored: &PersonRecord) -> bool {
    match (file, stored) {
        (PersonRecord::Student(file), PersonRecord::Student(stored)) => file.same_data(stored),
        (PersonRecord::Ambassador(file), PersonRecord::Ambassador(stored)) => {
            file.same_data(stored)
        }
        _ => false,
    }
}

/// A stored person's data as JSON (what the store assigns left out).
fn stored_data(stored: &PersonRecord) -> Value {
    match stored {
        PersonRecord::Student(s) => person_data(s),
        PersonRecord::Ambassador(a) => person_data(a),
        PersonRecord::Rejected(_) => Value::Null,
    }
}

/// The person with their data replaced by `data` (what the store assigns is kept).
fn replaced<P: serde::Serialize + serde::de::DeserializeOwned>(person: P, data: &Value) -> P {
    let Ok(mut full) = serde_json::to_value(&person) else {
        return person;
    };
    if let (Value::Object(full), Value::Object(data)) = (&mut full, data) {
        for (key, value) in data {
            full.insert(key.clone(), value.clone());
        }
    }
    serde_json::from_value(full).unwrap_or(person)
}

/// The record with its data replaced by `data`.
fn with_data(record: PersonRecord, data: &Value) -> PersonRecord {
    match record {
        PersonRecord::Student(s) => PersonRecord::Student(replaced(s, data)),
        PersonRecord::Ambassador(a) => PersonRecord::Ambassador(replaced(a, data)),
        rejected => rejected,
    }
}

/// Completes an imported person with what the edition knew (`before`, as JSON); returns the
/// completed data as JSON. Worked on the JSON once, in and out: a re-import compares every
/// person of the file with the stored one, and it was six conversions each (#21).
fn completed<P: serde::Serialize + serde::de::DeserializeOwned>(
    person: &mut P,
    before: &Value,
) -> Value {
    // As `fill_gaps` does, a person that does not go through JSON is left as it is.
    let Ok(mut merged) = serde_json::to_value(&*person) else {
        return person_data(person);
    };
    // `before` lacks what the store assigns: those keep the file's person's values.
    fill_value_gaps(&mut merged, before);
    match serde_json::from_value(merged.clone()) {
        Ok(filled) => *person = filled,
        Err(_) => return person_data(person),
    }
    if let Value::Object(map) = &mut merged {
        for assigned in ASSIGNED_FIELDS {
            map.remove(assigned);
        }
    }
    merged
}
