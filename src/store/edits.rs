//! People changed by hand in the app: added, edited, removed from the edition — each change in
//! the history, undoable like the board's — and erased for good on request.

use rusqlite::{params, Connection, Transaction};

use super::people::{self, PersonKey, StoredPerson, Write};
use super::{Change, Store, StoreError};
use crate::model::{Ambassador, AmbassadorId, EditionId, Role, Student, StudentId};

impl Store {
    /// Stores a student's data as the organiser typed it: a new student when `id` is `None`.
    /// `hand` is every value now changed by hand (field paths), kept over a re-imported file's.
    pub fn save_student(
        &mut self,
        edition: EditionId,
        student: &Student,
        new: bool,
        hand: &[String],
        label: &str,
    ) -> Result<(i64, Change), StoreError> {
        self.save_person(edition, Role::Student, student, new, hand, label)
    }

    /// Stores an ambassador's data as the organiser typed it (see [`Store::save_student`]).
    pub fn save_ambassador(
        &mut self,
        edition: EditionId,
        ambassador: &Ambassador,
        new: bool,
        hand: &[String],
        label: &str,
    ) -> Result<(i64, Change), StoreError> {
        self.save_person(edition, Role::Ambassador, ambassador, new, hand, label)
    }

    fn save_person<P: StoredPerson>(
        &mut self,
        edition: EditionId,
        role: Role,
        person: &P,
        new: bool,
        hand: &[String],
        label: &str,
    ) -> Result<(i64, Change), StoreError> {
        let existing = (!new).then(|| PersonKey {
            role,
            id: person.id(),
        });
        self.journaled_person(edition, existing, |tx| {
            if let Some(key) = existing {
                ensure_in_edition(tx, edition, key)?;
            }
            if let Some(email) = &person.identity().email {
                ensure_email_free(tx, edition, role, email, existing.map(|k| k.id))?;
            }
            let write = match existing {
                Some(key) => Write::Update(key.id),
                None => Write::Insert(edition),
            };
            let id = people::write_person(tx, write, person, person.source())?;
            let key = PersonKey { role, id };
            people::set_hand_edited(tx, role, id, hand)?;
            Ok((id, label.to_string(), key))
        })
    }

    /// The values of a person changed by hand (field paths).
    pub fn hand_edited(
        &self,
        edition: EditionId,
        key: PersonKey,
    ) -> Result<Vec<String>, StoreError> {
        ensure_in_edition(&self.conn, edition, key)?;
        people::hand_edited(&self.conn, key)
    }

    /// Removes a person from the edition, with their pairs, forbidden pairs and withdrawal — in
    /// the history, so that it can be undone (their imported row stays).
    pub fn remove_person(
        &mut self,
        edition: EditionId,
        key: PersonKey,
        label: &str,
    ) -> Result<Change, StoreError> {
        let (_, change) = self.journaled_person(edition, Some(key), |tx| {
            ensure_in_edition(tx, edition, key)?;
            people::delete_person(tx, key)?;
            Ok(((), label.to_string(), key))
        })?;
        Ok(change)
    }

    /// Erases a person for good, at their request: their row, the imported row they came from,
    /// every line of the history that named or touched them, then the same purge as an
    /// edition's deletion (rows overwritten, file rewritten, backups replaced by one copy
    /// without them). Cannot be undone; undo stops at it. `names` are the ways the history may
    /// have written them ("Camille Martin").
    pub fn erase_person(
        &mut self,
        edition: EditionId,
        key: PersonKey,
        names: &[String],
        label: &str,
    ) -> Result<(), StoreError> {
        self.mark_purge(&format!("{edition} {} {}", key.role.as_str(), key.id))?;
        self.write(|tx| {
            ensure_in_edition(tx, edition, key)?;
            forget_in_history(tx, edition, key, names)?;
            let (source, email): (Option<i64>, Option<String>) = tx.query_row(
                &format!(
                    "SELECT source_row_id, email FROM {} WHERE id = ?1",
                    key.role.as_str()
                ),
                [key.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            people::delete_person(tx, key)?;
            if let Some(source) = source {
                tx.execute("DELETE FROM source_row WHERE id = ?1", [source])?;
            }
            if let Some(email) = email.filter(|e| !e.is_empty()) {
                erase_rows_holding(tx, edition, key.role, &email)?;
            }
            Store::record_final(tx, edition, label)
        })?;
        self.finish_purge().map_err(|e| match e {
            StoreError::PurgeIncomplete { files } => StoreError::ErasureIncomplete { files },
            other => other,
        })
    }
}

impl Store {
    /// Merges student `other` into `kept`, whose data (`kept`, already completed with the
    /// other's values where it had none) is stored with `hand` as its values changed by hand:
    /// the other's pair moves to the kept one when that one has none, their forbidden pairs
    /// join the kept one's, and the other is removed — one transaction, in the history.
    pub fn merge_students(
        &mut self,
        edition: EditionId,
        kept: &Student,
        other: StudentId,
        hand: &[String],
        label: &str,
    ) -> Result<Change, StoreError> {
        self.merge_people(edition, Role::Student, kept, other.0, hand, label)
    }

    /// Merges ambassador `other` into `kept` (see [`Store::merge_students`]): all the other's
    /// pairs move to the kept one.
    pub fn merge_ambassadors(
        &mut self,
        edition: EditionId,
        kept: &Ambassador,
        other: AmbassadorId,
        hand: &[String],
        label: &str,
    ) -> Result<Change, StoreError> {
        self.merge_people(edition, Role::Ambassador, kept, other.0, hand, label)
    }

    fn merge_people<P: StoredPerson>(
        &mut self,
        edition: EditionId,
        role: Role,
        kept: &P,
        other: i64,
        hand: &[String],
        label: &str,
    ) -> Result<Change, StoreError> {
        let keys = [
            PersonKey {
                role,
                id: kept.id(),
            },
            PersonKey { role, id: other },
        ];
        let (_, change) = self.journaled_people(edition, &keys, |tx| {
            for key in keys {
                ensure_in_edition(tx, edition, key)?;
            }
            let kept_id = kept.id();
            // A student has one pair at most: the other's moves only to a kept one without.
            let pairs = match role {
                Role::Student => {
                    "UPDATE pair SET student_id = ?1 WHERE student_id = ?2
                     AND NOT EXISTS (SELECT 1 FROM pair WHERE student_id = ?1)"
                }
                Role::Ambassador => "UPDATE pair SET ambassador_id = ?1 WHERE ambassador_id = ?2",
            };
            tx.execute(pairs, params![kept_id, other])?;
            let (kept_side, other_side) = match role {
                Role::Student => ("?1, ambassador_id", "student_id"),
                Role::Ambassador => ("student_id, ?1", "ambassador_id"),
            };
            tx.execute(
                &format!(
                    "INSERT OR IGNORE INTO forbidden_pair (edition_id, student_id, ambassador_id, reason)
                     SELECT edition_id, {kept_side}, reason FROM forbidden_pair WHERE {other_side} = ?2"
                ),
                params![kept_id, other],
            )?;
            // The other goes first: the kept one may take their e-mail.
            people::delete_person(tx, keys[1])?;
            if let Some(email) = &kept.identity().email {
                ensure_email_free(tx, edition, role, email, Some(kept_id))?;
            }
            people::write_person(tx, Write::Update(kept_id), kept, kept.source())?;
            people::set_hand_edited(tx, role, kept_id, hand)?;
            Ok(((), label.to_string()))
        })?;
        Ok(change)
    }

    /// Remembers that two people listed as probable duplicates are two people: they are not
    /// listed again. Not in the history: a choice about the list, like a column matched by hand.
    pub fn keep_apart(
        &mut self,
        edition: EditionId,
        role: Role,
        first: i64,
        second: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            for id in [first, second] {
                ensure_in_edition(tx, edition, PersonKey { role, id })?;
            }
            tx.execute(
                "INSERT OR IGNORE INTO kept_apart (edition_id, role, first_id, second_id)
                 VALUES (?1, ?2, ?3, ?4)",
                params![edition, role.as_str(), first.min(second), first.max(second)],
            )?;
            Ok(())
        })
    }

    /// The pairs of people of `role` the organiser kept apart, smaller id first.
    pub fn kept_apart(
        &self,
        edition: EditionId,
        role: Role,
    ) -> Result<std::collections::HashSet<(i64, i64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT first_id, second_id FROM kept_apart WHERE edition_id = ?1 AND role = ?2",
        )?;
        let rows = stmt.query_map(params![edition, role.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn ensure_in_edition(
    conn: &Connection,
    edition: EditionId,
    key: PersonKey,
) -> Result<(), StoreError> {
    let found: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
        &format!(
            "SELECT id FROM {} WHERE id = ?1 AND edition_id = ?2",
            key.role.as_str()
        ),
        params![key.id, edition],
        |r| r.get(0),
    ))?;
    match (found, key.role) {
        (Some(_), _) => Ok(()),
        (None, Role::Student) => Err(StoreError::StudentNotFound {
            student: crate::model::StudentId(key.id),
        }),
        (None, Role::Ambassador) => Err(StoreError::AmbassadorNotFound {
            ambassador: crate::model::AmbassadorId(key.id),
        }),
    }
}

/// Refuses a second person of the same kind with the same e-mail in the edition, in French
/// (the store's unique index would refuse it in SQLite's words).
fn ensure_email_free(
    conn: &Connection,
    edition: EditionId,
    role: Role,
    email: &str,
    except: Option<i64>,
) -> Result<(), StoreError> {
    let taken: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
        &format!(
            "SELECT id FROM {} WHERE edition_id = ?1 AND email = ?2 AND id IS NOT ?3",
            role.as_str()
        ),
        params![edition, email, except],
        |r| r.get(0),
    ))?;
    match taken {
        Some(_) => Err(StoreError::EmailTaken {
            email: email.to_string(),
        }),
        None => Ok(()),
    }
}

/// Removes from the edition's history every change that touched the person (their pairs,
/// forbidden pairs, withdrawal or row) or names them in its label.
fn forget_in_history(
    tx: &Transaction<'_>,
    edition: EditionId,
    key: PersonKey,
    names: &[String],
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare("SELECT id, label, delta FROM change_log WHERE edition_id = ?1")?;
    let rows = stmt.query_map([edition], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut doomed = Vec::new();
    for row in rows {
        let (id, label, delta) = row?;
        let named = names
            .iter()
            .filter(|n| !n.trim().is_empty())
            .any(|n| label.to_lowercase().contains(&n.to_lowercase()));
        if named || touches(&delta, key) {
            doomed.push(id);
        }
    }
    drop(stmt);
    for id in doomed {
        tx.execute("DELETE FROM change_log WHERE id = ?1", [id])?;
    }
    Ok(())
}

/// Whether a recorded change's rows name the person. Read as plain JSON, so that a change
/// recorded by an older build is judged too.
fn touches(delta: &str, key: PersonKey) -> bool {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(delta) else {
        // Unreadable: it cannot be undone anyway, and may name them.
        return true;
    };
    let (id_field, role) = match key.role {
        Role::Student => ("studentId", "student"),
        Role::Ambassador => ("ambassadorId", "ambassador"),
    };
    let mentions = |row: &serde_json::Value| {
        row.get(id_field).and_then(|v| v.as_i64()) == Some(key.id)
            || (row.get("role").and_then(|v| v.as_str()) == Some(role)
                && row.get("person").and_then(|v| v.as_i64()) == Some(key.id))
            || row
                .get("person")
                .and_then(|p| p.get(role))
                .and_then(|p| p.get("id"))
                .and_then(|v| v.as_i64())
                == Some(key.id)
    };
    let touched = ["pairs", "forbidden", "withdrawals", "people"]
        .iter()
        .filter_map(|part| value.get(part).and_then(|v| v.as_array()))
        .flatten()
        .flat_map(|step| [step.get("before"), step.get("after")])
        .flatten()
        .any(mentions);
    touched
}

/// Deletes the edition's imported rows (of `role`'s files) that hold `email`: a file read again
/// each week keeps each week's row of the person, and only the last is linked to them. A row
/// holds the address when one of its cells does, whole (« Léa <lea@x.fr> » holds lea@x.fr;
/// « anna@x.fr » does not hold « a@x.fr »), case aside.
fn erase_rows_holding(
    tx: &Connection,
    edition: EditionId,
    role: Role,
    email: &str,
) -> Result<(), StoreError> {
    let email = email.to_lowercase();
    let candidates: Vec<(i64, String)> = tx
        .prepare(
            "SELECT r.id, r.cells FROM source_row r JOIN import_batch b ON b.id = r.batch_id
             WHERE b.edition_id = ?1 AND b.role = ?2 AND instr(lower(r.cells), ?3) > 0",
        )?
        .query_map(params![edition, role.as_str(), email], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    for (id, cells) in candidates {
        let cells: Vec<String> = serde_json::from_str(&cells).unwrap_or_default();
        if cells.iter().any(|cell| holds_address(cell, &email)) {
            tx.execute("DELETE FROM source_row WHERE id = ?1", [id])?;
        }
    }
    Ok(())
}

/// Whether `cell` holds the (lower-case) address `email` whole, not as part of a longer one.
fn holds_address(cell: &str, email: &str) -> bool {
    let cell = cell.to_lowercase();
    let part_of_an_address =
        |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "._%+-@".contains(c));
    cell.match_indices(email).any(|(at, _)| {
        !part_of_an_address(cell[..at].chars().next_back())
            && !part_of_an_address(cell[at + email.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::holds_address;

    #[test]
    fn a_cell_holds_an_address_whole_not_inside_another() {
        assert!(holds_address("  Lea@X.fr ", "lea@x.fr"));
        assert!(holds_address("Léa <lea@x.fr>", "lea@x.fr"));
        assert!(holds_address("mailto:lea@x.fr", "lea@x.fr"));
        assert!(!holds_address("anna@x.fr", "a@x.fr"));
        assert!(!holds_address("lea@x.fr.example", "lea@x.fr"));
        assert!(!holds_address("", "lea@x.fr"));
    }
}
