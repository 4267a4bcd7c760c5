//! One person on several rows of a file. Rows with the same e-mail are one person: the row
//! whose application is the strongest is kept — by state (accepté > en instruction > en
//! construction > classé sans suite, refusé), then by filing date (the latest), then the
//! first — and completed with what the others have where it has nothing; the others are set
//! aside with the reason. Rows with different e-mails but the same name and phone are only
//! listed: they may be two people, the organiser decides.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{fill_gaps, state, BatchRow, Field, Identity, PersonRecord};
use crate::text::header_key;

/// How a person row stands against a duplicate of it.
pub(super) struct Standing {
    /// `state::rank` of its application state (0 for none).
    pub rank: u8,
    /// Its filing date, `AAAA-MM-JJ HH:MM:SS` (sorts in time order), when the file has one.
    pub date: Option<String>,
}

/// Rows of one e-mail, settled: which was kept, why, and what came from the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Duplicate {
    pub email: String,
    pub kept_row: u32,
    /// Why this row was kept, in French.
    pub reason: String,
    pub set_aside: Vec<u32>,
    /// Values the kept row lacked, taken from a row set aside.
    pub filled: Vec<FilledValue>,
}

/// A value the kept row had not, and the row it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FilledValue {
    /// The field's French label (« Téléphone »).
    pub field: String,
    pub row: u32,
}

/// Rows with different e-mails that may be one person, for the organiser to look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProbableDuplicate {
    pub rows: Vec<u32>,
    /// Each row's person: « Camille MARTIN (camille@example.fr) ».
    pub people: Vec<String>,
    /// What they share, in French (« même nom et même téléphone »).
    pub reason: String,
}

/// The application state of a record, if it is a student's.
pub(super) fn state_of(record: &PersonRecord) -> Option<&str> {
    match record {
        PersonRecord::Student(s) => s.application_state.as_deref(),
        _ => None,
    }
}

/// « 12/10/2026 à 14:03 » from `2026-10-12 14:03:00`.
fn date_fr(date: &str) -> String {
    let (day, time) = date.split_once(' ').unwrap_or((date, ""));
    let mut parts = day.split('-');
    let (y, m, d) = (parts.next(), parts.next(), parts.next());
    let day = match (y, m, d) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => day.to_string(),
    };
    match time.get(..5) {
        Some(hm) if hm != "00:00" => format!("{day} à {}", hm.replace(':', "h")),
        _ => day,
    }
}

fn state_label(record: &PersonRecord) -> String {
    state_of(record).map_or_else(|| "sans état".to_string(), state::label)
}

/// Keeps the strongest row of `group` (indices into `rows`, in file order), completes it with
/// the others' values and sets them aside, each with its reason.
pub(super) fn settle_duplicates(
    rows: &mut [BatchRow],
    group: &[usize],
    standing: &HashMap<usize, Standing>,
) -> Duplicate {
    let key = |i: &usize| standing.get(i).map(|s| (s.rank, s.date.clone()));
    let mut order = group.to_vec();
    // Best first: the highest state, then the latest date (a missing date last), then the
    // earliest row (a stable sort keeps file order among equals).
    order.sort_by_key(|i| std::cmp::Reverse(key(i)));
    let kept = order[0];
    let kept_row = rows[kept].row_number;
    let kept_standing = standing.get(&kept);
    let mut record = std::mem::replace(
        &mut rows[kept].record,
        PersonRecord::Rejected(String::new()),
    );
    let mut filled = Vec::new();
    let mut set_aside = Vec::new();
    let mut beaten_by_state = false;
    let mut beaten_by_date = false;
    for &other in &order[1..] {
        let row = rows[other].row_number;
        let other_standing = standing.get(&other);
        let why = match (kept_standing, other_standing) {
            (Some(k), Some(o)) if k.rank > o.rank => {
                beaten_by_state = true;
                format!(
                    "la ligne {kept_row} est « {} », celle-ci « {} »",
                    state_label(&record),
                    state_label(&rows[other].record)
                )
            }
            (Some(k), Some(o)) if k.date > o.date => {
                beaten_by_date = true;
                format!(
                    "même état, la ligne {kept_row} a été déposée plus tard ({})",
                    date_fr(k.date.as_deref().unwrap_or(""))
                )
            }
            _ => format!("même état et pas de date plus récente : la ligne {kept_row}, la première, est gardée"),
        };
        let taken = complete(&mut record, &rows[other].record);
        let mut reason =
            format!("doublon de la ligne {kept_row} (même adresse e-mail), écarté : {why}");
        if !taken.is_empty() {
            reason.push_str(&format!(
                " ; valeurs reprises de cette ligne : {}",
                taken.join(", ")
            ));
        }
        filled.extend(taken.into_iter().map(|field| FilledValue { field, row }));
        rows[other].record = PersonRecord::Rejected(reason);
        set_aside.push(row);
    }
    set_aside.sort_unstable();
    let reason = if beaten_by_state {
        format!(
            "son dossier est « {} », le plus avancé",
            state_label(&record)
        )
    } else if beaten_by_date {
        format!(
            "dossier déposé le plus tard ({})",
            kept_standing
                .and_then(|s| s.date.as_deref())
                .map(date_fr)
                .unwrap_or_default()
        )
    } else {
        "même état et pas de date plus récente : la première ligne est gardée".to_string()
    };
    let email = email_of(&record).unwrap_or_default();
    rows[kept].record = record;
    Duplicate {
        email,
        kept_row,
        reason,
        set_aside,
        filled,
    }
}

fn email_of(record: &PersonRecord) -> Option<String> {
    identity_of(record).and_then(|i| i.email.clone())
}

fn identity_of(record: &PersonRecord) -> Option<&Identity> {
    match record {
        PersonRecord::Student(s) => Some(&s.identity),
        PersonRecord::Ambassador(a) => Some(&a.identity),
        PersonRecord::Rejected(_) => None,
    }
}

/// Fills `kept`'s gaps from `other` (never erasing), and says which fields were filled.
fn complete(kept: &mut PersonRecord, other: &PersonRecord) -> Vec<String> {
    match (kept, other) {
        (PersonRecord::Student(a), PersonRecord::Student(b)) => filled_from(a, b),
        (PersonRecord::Ambassador(a), PersonRecord::Ambassador(b)) => filled_from(a, b),
        _ => Vec::new(),
    }
}

fn filled_from<T: Serialize + serde::de::DeserializeOwned>(kept: &mut T, other: &T) -> Vec<String> {
    let before = serde_json::to_value(&*kept);
    fill_gaps(kept, other);
    let (Ok(before), Ok(after)) = (before, serde_json::to_value(&*kept)) else {
        return Vec::new();
    };
    let mut changed = Vec::new();
    changed_keys(&before, &after, "", &mut changed);
    changed.into_iter().map(|key| field_label(&key)).collect()
}

/// The leaf keys whose value differs between `a` and `b`.
fn changed_keys(a: &serde_json::Value, b: &serde_json::Value, key: &str, out: &mut Vec<String>) {
    match (a, b) {
        (serde_json::Value::Object(x), serde_json::Value::Object(y)) => {
            for (k, v) in y {
                match x.get(k) {
                    Some(old) => changed_keys(old, v, k, out),
                    None => out.push(k.clone()),
                }
            }
        }
        _ if a != b => out.push(key.to_string()),
        _ => {}
    }
}

/// The French label of a record's key (`phone` → « Téléphone »).
fn field_label(key: &str) -> String {
    match Field::parse(key) {
        Some(field) => field.label_fr().to_string(),
        None if key == "wishedJobs" => "Métiers souhaités".to_string(),
        None => key.to_string(),
    }
}

/// A phone number's comparison key: its last nine digits (`+33 6 12…` and `06 12…` alike);
/// `None` for too few digits to mean anything.
fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 9).then(|| digits[digits.len() - 9..].to_string())
}

/// A name's comparison key: its words without accents or case, sorted (first and last names
/// swapped between columns still match).
fn name_key(identity: &Identity) -> Option<String> {
    let mut words: Vec<String> =
        header_key(&format!("{} {}", identity.first_name, identity.last_name))
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
    words.sort();
    (!words.is_empty()).then(|| words.join(" "))
}

/// What two people share when they are probably one under different e-mails: their name
/// (words in any order, without accents or case) and their phone number; `None` without both.
/// The sign-up files have no birth date field to compare, so the phone is the only proof.
pub fn probable_key(identity: &Identity) -> Option<(String, String)> {
    Some((
        name_key(identity)?,
        identity.phone.as_deref().and_then(phone_key)?,
    ))
}

/// A row's [`probable_key`], worked out as the row is understood (while the rest of the file
/// is still being read).
pub(super) fn probable_key_of(record: &PersonRecord) -> Option<(String, String)> {
    identity_of(record).and_then(probable_key)
}

/// People stored from this file under different e-mails (or none) who share a name and a
/// phone number ([`probable_key`]), in the order of their keys; `keys` are the rows' keys, as
/// they stand once the duplicates are settled.
pub(super) fn probable_duplicates(
    rows: &[BatchRow],
    keys: &[Option<(String, String)>],
) -> Vec<ProbableDuplicate> {
    let mut by_key: HashMap<&(String, String), Vec<usize>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            by_key.entry(key).or_default().push(i);
        }
    }
    let mut groups: Vec<(&(String, String), Vec<usize>)> = by_key
        .into_iter()
        .filter(|(_, people)| people.len() > 1)
        .collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(b.0));
    groups
        .into_iter()
        .map(|(_, people)| {
            let people: Vec<(u32, &Identity)> = people
                .into_iter()
                .filter_map(|i| Some((rows[i].row_number, identity_of(&rows[i].record)?)))
                .collect();
            ProbableDuplicate {
                rows: people.iter().map(|(row, _)| *row).collect(),
                people: people
                    .iter()
                    .map(|(_, who)| {
                        format!(
                            "{} {} ({})",
                            who.first_name,
                            who.last_name.to_uppercase(),
                            who.email.as_deref().unwrap_or("sans e-mail")
                        )
                    })
                    .collect(),
                reason: "même nom et même téléphone, adresses e-mail différentes".to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_names_compare_loosely() {
        assert_eq!(phone_key("+33 6 12 34 56 78"), phone_key("06.12.34.56.78"));
        assert_eq!(phone_key("12 34"), None);
        let a = Identity {
            first_name: "Élodie".into(),
            last_name: "MARTIN".into(),
            ..Identity::default()
        };
        let b = Identity {
            first_name: "martin".into(),
            last_name: "elodie".into(),
            ..Identity::default()
        };
        assert_eq!(name_key(&a), name_key(&b));
    }

    #[test]
    fn dates_are_said_in_french() {
        assert_eq!(date_fr("2026-10-12 14:03:00"), "12/10/2026 à 14h03");
        assert_eq!(date_fr("2026-10-12 00:00:00"), "12/10/2026");
    }
}
