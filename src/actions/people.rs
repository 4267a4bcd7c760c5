//! The people of an edition: listed, shown with the row they came from, added and corrected by
//! hand (each change in the history, undoable, and kept over a re-imported file's value),
//! removed from the edition, and — at their request — erased for good or given their data.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::ActionError;
use crate::import::form::{self, FormValue, Understood};
use crate::model::{
    field_changes, person_data, set_value_at, value_at, Ambassador, AmbassadorId, EditionId, Field,
    Role, SourceRow, SourceRowId, Student, StudentId,
};
use crate::store::{HistoryState, PersonKey};
use crate::{Store, StoreError};

pub fn students(store: &Store, edition: EditionId) -> Result<Vec<Student>, StoreError> {
    store.list_students(edition)
}

pub fn ambassadors(store: &Store, edition: EditionId) -> Result<Vec<Ambassador>, StoreError> {
    store.list_ambassadors(edition)
}

/// An imported row as it came, with the header of its file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OriginalRow {
    pub headers: Vec<String>,
    pub row: SourceRow,
}

/// The row a person of the edition came from; `None` once it no longer exists (or is not of
/// this edition).
pub fn original_row(
    store: &Store,
    edition: EditionId,
    id: SourceRowId,
) -> Result<Option<OriginalRow>, StoreError> {
    Ok(store
        .source_row(edition, id)?
        .map(|(headers, row)| OriginalRow { headers, row }))
}

/// One field of the person form.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FormField {
    pub field: Field,
    pub label: String,
    pub value: String,
    /// Changed by hand in the app: a re-imported file's value will not replace it unasked.
    pub hand_edited: bool,
    /// The values to choose from, when the field takes one of a few (empty: free text).
    pub options: Vec<String>,
}

/// The form to add a person of `role`, or to correct one (`id`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PersonForm {
    pub role: Role,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub id: Option<i64>,
    pub fields: Vec<FormField>,
    /// The row the person came from, as it was written (the form shows what it was
    /// recognised as); `None` for a person added by hand.
    pub original: Option<OriginalRow>,
}

/// What saving or removing a person did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PersonSaved {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// What was done, in French, as the history says it; empty when nothing changed.
    pub label: String,
    /// What is worth checking in what was typed (French, with the field's label).
    pub notes: Vec<String>,
    pub history: HistoryState,
}

/// The form for a person: empty for a new one, or their values with those changed by hand.
pub fn person_form(
    store: &Store,
    edition: EditionId,
    role: Role,
    id: Option<i64>,
) -> Result<PersonForm, StoreError> {
    let mut original = None;
    let (values, hand) = match id {
        None => (
            form::form_fields(role)
                .iter()
                .map(|&field| FormValue {
                    field,
                    value: match field {
                        Field::Capacity => "1".to_string(),
                        _ => String::new(),
                    },
                })
                .collect(),
            Vec::new(),
        ),
        Some(id) => {
            let key = PersonKey { role, id };
            let found = stored(store, edition, key)?;
            if let Some(source) = found.source {
                original = original_row(store, edition, source)?;
            }
            (found.values, store.hand_edited(edition, key)?)
        }
    };
    let fields = values
        .into_iter()
        .map(|v| FormField {
            hand_edited: paths_of(v.field)
                .iter()
                .any(|p| hand.iter().any(|h| h == p)),
            label: v.field.label_fr().to_string(),
            options: options_of(v.field),
            field: v.field,
            value: v.value,
        })
        .collect();
    Ok(PersonForm {
        role,
        id,
        fields,
        original,
    })
}

/// Adds a person typed by hand (`id` `None`) or corrects one: understood as a sign-up row would
/// be, stored in one transaction, in the history. Only the fields the organiser changed are
/// taken from the form, and they are marked as changed by hand.
pub fn save_person(
    store: &mut Store,
    edition: EditionId,
    role: Role,
    id: Option<i64>,
    values: &[FormValue],
) -> Result<PersonSaved, ActionError> {
    let remembered = store.remembered(role)?;
    let (typed, notes) = match form::understand(role, values, &remembered) {
        Understood::Student(s, notes) => (person_data(&s), notes),
        Understood::Ambassador(a, notes) => (person_data(&a), notes),
        Understood::Refused(reason) => {
            return Err(ActionError::Invalid(format!(
                "La personne n'a pas été enregistrée : {reason}."
            )))
        }
    };
    let (data, hand, label, source) = match id {
        None => {
            // Everything given for a person added by hand is the organiser's.
            let hand = filled_paths(&typed);
            let label = format!("Ajout à la main : {}", name_of(&typed));
            (typed, hand, label, None)
        }
        Some(id) => {
            let key = PersonKey { role, id };
            let Stored {
                values: shown,
                data: stored,
                source,
            } = stored(store, edition, key)?;
            let mut data = stored.clone();
            let mut labels = Vec::new();
            for field in changed_fields(&shown, values) {
                let mut changed = false;
                for path in paths_of(field) {
                    let now = value_at(&typed, path).clone();
                    changed |= value_at(&stored, path) != &now;
                    set_value_at(&mut data, path, now);
                }
                if changed {
                    labels.push(match field {
                        Field::PostalCode => "Code postal et commune",
                        Field::Job1 => "Métiers souhaités",
                        other => other.label_fr(),
                    });
                }
            }
            let changes = field_changes(&stored, &data);
            if changes.is_empty() {
                return Ok(PersonSaved {
                    id,
                    label: String::new(),
                    notes,
                    history: store.history_state(edition)?,
                });
            }
            let mut hand = store.hand_edited(edition, key)?;
            for change in &changes {
                if !hand.contains(&change.path) {
                    hand.push(change.path.clone());
                }
            }
            let label = format!(
                "Modification à la main : {} ({})",
                name_of(&data),
                labels.join(", ")
            );
            (data, hand, label, source)
        }
    };
    let (saved, change) = match role {
        Role::Student => {
            let student: Student = person_from(data, id, edition, source)?;
            store.save_student(edition, &student, id.is_none(), &hand, &label)?
        }
        Role::Ambassador => {
            let ambassador: Ambassador = person_from(data, id, edition, source)?;
            store.save_ambassador(edition, &ambassador, id.is_none(), &hand, &label)?
        }
    };
    Ok(PersonSaved {
        id: saved,
        label: change.label,
        notes,
        history: change.history,
    })
}

/// Removes a person from the edition, with their pairs — undoable from the history.
pub fn remove_person(
    store: &mut Store,
    edition: EditionId,
    role: Role,
    id: i64,
) -> Result<PersonSaved, ActionError> {
    let key = PersonKey { role, id };
    let data = stored(store, edition, key)?.data;
    let label = format!("Retrait de l'édition : {}", name_of(&data));
    let change = store.remove_person(edition, key, &label)?;
    Ok(PersonSaved {
        id,
        label: change.label,
        notes: Vec::new(),
        history: change.history,
    })
}

/// Erases a person for good at their request (RGPD, right to erasure): nothing of them is left
/// in the data folder, backups included. Cannot be undone.
pub fn erase_person(
    store: &mut Store,
    edition: EditionId,
    role: Role,
    id: i64,
) -> Result<(), StoreError> {
    let key = PersonKey { role, id };
    let data = stored(store, edition, key)?.data;
    let first = value_at(&data, "identity.firstName").as_str().unwrap_or("");
    let last = value_at(&data, "identity.lastName").as_str().unwrap_or("");
    let mut names = vec![
        format!("{first} {last}").trim().to_string(),
        format!("{last} {first}").trim().to_string(),
    ];
    if let Some(email) = value_at(&data, "identity.email").as_str() {
        names.push(email.to_string());
    }
    let label = match role {
        Role::Student => "Effacement d'un étudiant à sa demande (RGPD)",
        Role::Ambassador => "Effacement d'un ambassadeur à sa demande (RGPD)",
    };
    store.erase_person(edition, key, &names, label)
}

/// Writes what the edition holds about a person (RGPD, right of access) as a plain French text
/// file: their data, the row they came from, their pairs, their withdrawal, the history's lines
/// about them.
pub fn export_person_data(
    store: &Store,
    edition: EditionId,
    role: Role,
    id: i64,
    out: &Path,
) -> Result<(), ActionError> {
    let text = person_data_text(store, edition, role, id)?;
    crate::export::write_atomically(out, &store.files(), |tmp| {
        std::fs::write(tmp, text.as_bytes()).map_err(rust_xlsxwriter::XlsxError::IoError)
    })?;
    Ok(())
}

/// The file name offered for a person's data: `donnees-prenom-nom.txt`.
pub fn person_data_file_name(
    store: &Store,
    edition: EditionId,
    role: Role,
    id: i64,
) -> Result<String, StoreError> {
    let data = stored(store, edition, PersonKey { role, id })?.data;
    let slug: String = crate::text::header_key(&name_of(&data))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    Ok(format!("donnees-{slug}.txt"))
}

/// The text [`export_person_data`] writes.
pub fn person_data_text(
    store: &Store,
    edition: EditionId,
    role: Role,
    id: i64,
) -> Result<String, StoreError> {
    let key = PersonKey { role, id };
    let Stored {
        values,
        data,
        source,
    } = stored(store, edition, key)?;
    let summary = store.edition(edition)?;
    let name = name_of(&data);
    let mut out = String::new();
    // Both begin with a vowel: « en tant qu'… ».
    let kind = match role {
        Role::Student => "étudiant(e)",
        Role::Ambassador => "ambassadeur / ambassadrice",
    };
    out.push_str(&format!(
        "Données personnelles de {name}\n\
         Opération « Vis mon job », édition « {} », en tant qu'{kind}.\n\
         Document établi à la demande de la personne (droit d'accès, article 15 du RGPD).\n\n",
        summary.edition.name
    ));
    out.push_str("1. Informations enregistrées\n");
    let hand = store.hand_edited(edition, key)?;
    for v in &values {
        if v.value.trim().is_empty() {
            continue;
        }
        let by_hand = paths_of(v.field)
            .iter()
            .any(|p| hand.iter().any(|h| h == p));
        out.push_str(&format!(
            "   {} : {}{}\n",
            v.field.label_fr(),
            v.value,
            if by_hand {
                " (corrigé par l'organisateur)"
            } else {
                ""
            }
        ));
    }
    out.push_str("\n2. Ligne du fichier d'inscription\n");
    match source.map(|r| original_row(store, edition, r)) {
        Some(Ok(Some(original))) => {
            out.push_str(&format!(
                "   (ligne {} du fichier importé)\n",
                original.row.row_number
            ));
            for (header, cell) in original.headers.iter().zip(&original.row.cells) {
                if !cell.trim().is_empty() {
                    out.push_str(&format!("   {header} : {cell}\n"));
                }
            }
        }
        Some(Err(e)) => return Err(e),
        _ => out.push_str("   Ajouté(e) à la main par l'organisateur, sans ligne de fichier.\n"),
    }
    out.push_str("\n3. Binômes\n");
    let (students, ambassadors) = store.people_by_id(edition)?;
    let mut any = false;
    for pair in store.list_pairs(edition)? {
        let other = match role {
            Role::Student if pair.student_id.0 == id => ambassadors
                .get(&pair.ambassador_id)
                .map(|a| format!("{} {}", a.identity.first_name, a.identity.last_name)),
            Role::Ambassador if pair.ambassador_id.0 == id => students
                .get(&pair.student_id)
                .map(|s| format!("{} {}", s.identity.first_name, s.identity.last_name)),
            _ => None,
        };
        if let Some(other) = other {
            any = true;
            out.push_str(&format!(
                "   Avec {} — {}{}\n",
                other.trim(),
                pair.status.label_fr(),
                pair.agreed_date
                    .map(|d| format!(", date convenue : {d}"))
                    .unwrap_or_default()
            ));
        }
    }
    if !any {
        out.push_str("   Aucun binôme.\n");
    }
    if let Some(w) = store
        .withdrawals(edition)?
        .into_iter()
        .find(|w| w.role == role && w.person == id)
    {
        out.push_str(&format!(
            "\n4. Désistement\n   Le {}{}\n",
            w.withdrawn_on,
            w.reason.map(|r| format!(" : {r}")).unwrap_or_default()
        ));
    }
    out.push_str(
        "\nLes binômes sont proposés par un traitement algorithmique (rapprochement des métiers, \
         des lieux et des administrations souhaités), puis ajustés par l'organisateur.\n",
    );
    Ok(out)
}

/// Where a person is, found by e-mail: one line per edition and role.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Found {
    pub edition: EditionId,
    pub edition_name: String,
    pub role: Role,
    pub id: i64,
    pub name: String,
}

/// Every edition and role where someone signed up with this e-mail (as the import normalises
/// it: trimmed, lower-case) — what a request to see or erase one's data is about.
pub fn find_by_email(store: &Store, email: &str) -> Result<Vec<Found>, StoreError> {
    let wanted = email.trim().to_lowercase();
    let mut found = Vec::new();
    for summary in store.list_editions()? {
        let edition = summary.edition;
        for s in store.list_students(edition.id)? {
            if s.identity.email.as_deref() == Some(wanted.as_str()) {
                found.push(Found {
                    edition: edition.id,
                    edition_name: edition.name.clone(),
                    role: Role::Student,
                    id: s.id.0,
                    name: name_of(&person_data(&s)),
                });
            }
        }
        for a in store.list_ambassadors(edition.id)? {
            if a.identity.email.as_deref() == Some(wanted.as_str()) {
                found.push(Found {
                    edition: edition.id,
                    edition_name: edition.name.clone(),
                    role: Role::Ambassador,
                    id: a.id.0,
                    name: name_of(&person_data(&a)),
                });
            }
        }
    }
    Ok(found)
}

/// `binome person --email`: where the person with this e-mail signed up; nobody is an error, as
/// for `--data` and `--erase`, so that a script can tell.
pub fn lookup_by_email(store: &Store, email: &str) -> Result<Vec<Found>, ActionError> {
    let found = find_by_email(store, email)?;
    if found.is_empty() {
        return Err(nobody_with(email));
    }
    Ok(found)
}

/// `binome person --data`: what every edition holds about the person with this e-mail, in one
/// French text file. Returns where they were found.
pub fn export_data_by_email(
    store: &Store,
    email: &str,
    out: &Path,
) -> Result<Vec<Found>, ActionError> {
    let found = lookup_by_email(store, email)?;
    let mut text = String::new();
    for (i, f) in found.iter().enumerate() {
        if i > 0 {
            text.push_str("\n----------------------------------------\n\n");
        }
        text.push_str(&person_data_text(store, f.edition, f.role, f.id)?);
    }
    crate::export::write_atomically(out, &store.files(), |tmp| {
        std::fs::write(tmp, text.as_bytes()).map_err(rust_xlsxwriter::XlsxError::IoError)
    })?;
    Ok(found)
}

/// `binome person --erase`: erases the person with this e-mail from every edition, for good.
pub fn erase_by_email(store: &mut Store, email: &str) -> Result<Vec<Found>, ActionError> {
    let found = lookup_by_email(store, email)?;
    for f in &found {
        erase_person(store, f.edition, f.role, f.id)?;
    }
    Ok(found)
}

fn nobody_with(email: &str) -> ActionError {
    ActionError::Invalid(format!(
        "Personne n'est inscrit avec l'adresse « {} » dans cette base.",
        email.trim()
    ))
}

/// Two people of an edition who are probably one: the same name and phone number under
/// different e-mails. For the organiser to merge or to keep apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StoredDuplicate {
    pub role: Role,
    /// The two, in the store's order (by name, then id).
    pub first: DuplicatePerson,
    pub second: DuplicatePerson,
    /// What they share, in French.
    pub reason: String,
}

/// One of two probable duplicates, as the organiser tells them apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DuplicatePerson {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// « Camille MARTIN ».
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// What else tells them apart (« Bac+3 · accepté », « Data scientist · Ministère… »).
    pub details: String,
    /// Has a pair (a student) or hosts someone (an ambassador).
    pub paired: bool,
}

/// The edition's probable duplicates ([`crate::import::probable_key`]), students first, those
/// the organiser kept apart left out.
pub fn probable_duplicates(
    store: &Store,
    edition: EditionId,
) -> Result<Vec<StoredDuplicate>, StoreError> {
    let pairs = store.list_pairs(edition)?;
    let students = store.list_students(edition)?;
    let ambassadors = store.list_ambassadors(edition)?;
    let paired_students: std::collections::HashSet<StudentId> =
        pairs.iter().map(|p| p.student_id).collect();
    let hosting: std::collections::HashSet<AmbassadorId> =
        pairs.iter().map(|p| p.ambassador_id).collect();
    let student_people: Vec<(&crate::model::Identity, DuplicatePerson)> = students
        .iter()
        .map(|s| {
            let details = [
                s.level.clone(),
                s.school.clone(),
                s.application_state
                    .as_deref()
                    .map(crate::model::state::label),
            ];
            (
                &s.identity,
                duplicate_person(
                    &s.identity,
                    s.id.0,
                    &details,
                    paired_students.contains(&s.id),
                ),
            )
        })
        .collect();
    let ambassador_people: Vec<(&crate::model::Identity, DuplicatePerson)> = ambassadors
        .iter()
        .map(|a| {
            let details = [
                a.job.clone(),
                a.administration.clone(),
                a.place.commune.clone(),
            ];
            (
                &a.identity,
                duplicate_person(&a.identity, a.id.0, &details, hosting.contains(&a.id)),
            )
        })
        .collect();
    let mut found = Vec::new();
    for (role, people) in [
        (Role::Student, student_people),
        (Role::Ambassador, ambassador_people),
    ] {
        let apart = store.kept_apart(edition, role)?;
        let mut groups: std::collections::BTreeMap<(String, String), Vec<&DuplicatePerson>> =
            Default::default();
        for (identity, person) in &people {
            if let Some(key) = crate::import::probable_key(identity) {
                groups.entry(key).or_default().push(person);
            }
        }
        for group in groups.values() {
            for (i, first) in group.iter().enumerate() {
                for second in &group[i + 1..] {
                    if apart.contains(&(first.id.min(second.id), first.id.max(second.id))) {
                        continue;
                    }
                    found.push(StoredDuplicate {
                        role,
                        first: (*first).clone(),
                        second: (*second).clone(),
                        reason: "même nom et même téléphone, adresses e-mail différentes"
                            .to_string(),
                    });
                }
            }
        }
    }
    Ok(found)
}

fn duplicate_person(
    identity: &crate::model::Identity,
    id: i64,
    details: &[Option<String>],
    paired: bool,
) -> DuplicatePerson {
    DuplicatePerson {
        id,
        name: crate::text::clean(&format!(
            "{} {}",
            identity.first_name,
            identity.last_name.to_uppercase()
        )),
        email: identity.email.clone(),
        phone: identity.phone.clone(),
        details: details
            .iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · "),
        paired,
    }
}

/// « Fusionner »: keeps person `kept`, completed with `other`'s values where it has none (those
/// become values changed by hand, so that a re-import of the kept one's row keeps them), moves
/// the other's pair (a student's, when the kept one has none; all of an ambassador's) and
/// forbidden pairs, and removes the other — one transaction, in the history, undoable.
pub fn merge_people(
    store: &mut Store,
    edition: EditionId,
    role: Role,
    kept: i64,
    other: i64,
) -> Result<PersonSaved, ActionError> {
    if kept == other {
        return Err(ActionError::Invalid(
            "Choisissez deux personnes différentes à fusionner.".into(),
        ));
    }
    let key = PersonKey { role, id: kept };
    let Stored {
        data: kept_data,
        source,
        ..
    } = stored(store, edition, key)?;
    let other_data = stored(store, edition, PersonKey { role, id: other })?.data;
    let mut data = kept_data.clone();
    crate::model::fill_gaps(&mut data, &other_data);
    let filled = field_changes(&kept_data, &data);
    let mut hand = store.hand_edited(edition, key)?;
    for change in &filled {
        // The other's imported row stays theirs.
        if change.path != "sourceRow" && !hand.contains(&change.path) {
            hand.push(change.path.clone());
        }
    }
    let taken: Vec<&str> = filled
        .iter()
        .filter(|c| c.path != "sourceRow")
        .map(|c| c.field.as_str())
        .collect();
    let label = format!(
        "Fusion de {} dans {}{}",
        name_of(&other_data),
        name_of(&kept_data),
        if taken.is_empty() {
            String::new()
        } else {
            format!(" ({} repris)", taken.join(", "))
        }
    );
    let change = match role {
        Role::Student => {
            let student: Student = person_from(data, Some(kept), edition, source)?;
            store.merge_students(edition, &student, StudentId(other), &hand, &label)?
        }
        Role::Ambassador => {
            let ambassador: Ambassador = person_from(data, Some(kept), edition, source)?;
            store.merge_ambassadors(edition, &ambassador, AmbassadorId(other), &hand, &label)?
        }
    };
    Ok(PersonSaved {
        id: kept,
        label: change.label,
        notes: Vec::new(),
        history: change.history,
    })
}

/// « Ce sont deux personnes »: two probable duplicates are not listed again.
pub fn keep_apart(
    store: &mut Store,
    edition: EditionId,
    role: Role,
    first: i64,
    second: i64,
) -> Result<(), ActionError> {
    if first == second {
        return Err(ActionError::Invalid(
            "Choisissez deux personnes différentes.".into(),
        ));
    }
    Ok(store.keep_apart(edition, role, first, second)?)
}

/// A person as the form shows them, with their data as stored.
struct Stored {
    values: Vec<FormValue>,
    data: Value,
    source: Option<SourceRowId>,
}

fn stored(store: &Store, edition: EditionId, key: PersonKey) -> Result<Stored, StoreError> {
    match key.role {
        Role::Student => {
            let s =
                store
                    .student(edition, StudentId(key.id))?
                    .ok_or(StoreError::StudentNotFound {
                        student: StudentId(key.id),
                    })?;
            Ok(Stored {
                values: form::student_values(&s),
                data: person_data(&s),
                source: s.source_row,
            })
        }
        Role::Ambassador => {
            let a = store.ambassador(edition, AmbassadorId(key.id))?.ok_or(
                StoreError::AmbassadorNotFound {
                    ambassador: AmbassadorId(key.id),
                },
            )?;
            Ok(Stored {
                values: form::ambassador_values(&a),
                data: person_data(&a),
                source: a.source_row,
            })
        }
    }
}

/// The fields whose typed value differs from what the form showed.
fn changed_fields(shown: &[FormValue], typed: &[FormValue]) -> Vec<Field> {
    let mut changed: Vec<Field> = typed
        .iter()
        .filter(|t| {
            let before = shown
                .iter()
                .find(|s| s.field == t.field)
                .map(|s| s.value.trim())
                .unwrap_or("");
            before != t.value.trim()
        })
        .map(|t| t.field)
        .collect();
    // The commune is found from the postal code and the name together; the wished métiers
    // are one list.
    for (group, first) in [
        (&[Field::PostalCode, Field::Commune][..], Field::PostalCode),
        (&[Field::Job1, Field::Job2, Field::Job3][..], Field::Job1),
    ] {
        if changed.iter().any(|f| group.contains(f)) {
            changed.retain(|f| !group.contains(f));
            changed.push(first);
        }
    }
    changed
}

/// Where a form field's value sits in a person's data.
fn paths_of(field: Field) -> &'static [&'static str] {
    match field {
        Field::Civility => &["identity.civility"],
        Field::LastName => &["identity.lastName"],
        Field::FirstName => &["identity.firstName"],
        Field::Email => &["identity.email"],
        Field::Phone => &["identity.phone"],
        Field::PostalCode | Field::Commune | Field::InseeCode | Field::Departement => &[
            "place.postalCode",
            "place.commune",
            "place.inseeCode",
            "place.departement",
        ],
        Field::Comments => &["comments"],
        Field::School => &["school"],
        Field::Level => &["level"],
        Field::Curriculum => &["curriculum"],
        Field::Job1 | Field::Job2 | Field::Job3 => &["wishedJobs"],
        Field::WishedAdministration => &["wishedAdministration"],
        Field::Mobility => &["mobility"],
        Field::ApplicationState => &["applicationState"],
        Field::Job => &["job"],
        Field::JobTitle => &["jobTitle"],
        Field::Administration => &["administration"],
        Field::StructureType => &["structureType"],
        Field::Service => &["service"],
        Field::Capacity => &["capacity"],
        Field::PreferredLevels => &["preferredLevels"],
        // Read to settle duplicates, not kept on the person.
        Field::ApplicationDate => &[],
    }
}

/// The choices a field offers in the form.
fn options_of(field: Field) -> Vec<String> {
    let list: &[&str] = match field {
        Field::Mobility => &["", "Département", "Région", "National"],
        Field::ApplicationState => {
            return std::iter::once(String::new())
                .chain(crate::model::state::choices().into_iter().map(|c| c.label))
                .collect()
        }
        Field::Level => &["", "Bac+2", "Bac+3", "Bac+4", "Bac+5"],
        Field::Civility => &["", "Madame", "Monsieur"],
        _ => &[],
    };
    list.iter().map(|s| s.to_string()).collect()
}

/// Every path of a person's data that holds something the organiser gave (a mobility left
/// unsaid is not one).
fn filled_paths(data: &Value) -> Vec<String> {
    field_changes(&empty_like(data), data)
        .into_iter()
        .filter(|c| !(c.path == "mobility" && value_at(data, "mobility") == "unspecified"))
        .map(|c| c.path)
        .collect()
}

/// The same shape with nothing in it.
fn empty_like(data: &Value) -> Value {
    match data {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), empty_like(v)))
                .collect(),
        ),
        Value::Array(_) => Value::Array(Vec::new()),
        _ => Value::Null,
    }
}

/// « Prénom NOM » from a person's data, for the history.
fn name_of(data: &Value) -> String {
    let first = value_at(data, "identity.firstName").as_str().unwrap_or("");
    let last = value_at(data, "identity.lastName").as_str().unwrap_or("");
    let name = crate::text::clean(&format!("{first} {}", last.to_uppercase()));
    if name.is_empty() {
        value_at(data, "identity.email")
            .as_str()
            .unwrap_or("(sans nom)")
            .to_string()
    } else {
        name
    }
}

/// A person from their data, with the ids the store knows them by.
fn person_from<P: serde::de::DeserializeOwned>(
    mut data: Value,
    id: Option<i64>,
    edition: EditionId,
    source: Option<SourceRowId>,
) -> Result<P, ActionError> {
    if let Value::Object(map) = &mut data {
        map.insert("id".into(), Value::from(id.unwrap_or(0)));
        map.insert("editionId".into(), Value::from(edition.0));
        map.insert(
            "sourceRow".into(),
            source.map_or(Value::Null, |r| r.0.into()),
        );
    }
    serde_json::from_value(data).map_err(|e| {
        ActionError::Invalid(format!(
            "La personne n'a pas été enregistrée : donnée inattendue ({e})."
        ))
    })
}
