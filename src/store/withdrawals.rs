//! Late withdrawals: a student or an ambassador who will not come after all. Their pair is
//! undone in the same transaction (recorded in the history, so undoable), they stay in the
//! edition, and the person left alone gets replacements ranked by score.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};

use super::{pairs, people, Change, Store, StoreError};
use crate::model::{AmbassadorId, EditionId, Role, StudentId, Withdrawal};

impl Store {
    /// Records that a person withdrew (`date` AAAA-MM-JJ) and undoes their pair(s).
    pub fn withdraw(
        &mut self,
        edition: EditionId,
        role: Role,
        person: i64,
        reason: Option<&str>,
        date: &str,
    ) -> Result<Change, StoreError> {
        let date = super::editions::parse_iso_date(date.trim())?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let (_, change) = self.journaled(edition, |tx| {
            // The id comes from the window: it must be a person of this edition.
            let name = match role {
                Role::Student => {
                    pairs::ensure_student(tx, edition, StudentId(person))?;
                    people::student_name(tx, StudentId(person))?
                }
                Role::Ambassador => {
                    pairs::ensure_ambassador(tx, edition, AmbassadorId(person))?;
                    people::ambassador_name(tx, AmbassadorId(person))?
                }
            };
            tx.execute(
                "INSERT INTO withdrawal (edition_id, role, person_id, reason, withdrawn_on)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (role, person_id) DO UPDATE SET reason = excluded.reason,
                     withdrawn_on = excluded.withdrawn_on",
                params![edition, role.as_str(), person, reason, date],
            )?;
            let column = match role {
                Role::Student => "student_id",
                Role::Ambassador => "ambassador_id",
            };
            tx.execute(
                &format!("DELETE FROM pair WHERE edition_id = ?1 AND {column} = ?2"),
                params![edition, person],
            )?;
            let why = reason.map(|r| format!(" ({r})")).unwrap_or_default();
            Ok(((), format!("Retrait de {name}{why}")))
        })?;
        Ok(change)
    }

    /// The withdrawals of an edition.
    pub fn withdrawals(&self, edition: EditionId) -> Result<Vec<Withdrawal>, StoreError> {
        withdrawals_of(&self.conn, edition)
    }

    /// The ids of the students and of the ambassadors of the edition who withdrew.
    pub fn withdrawn(
        &self,
        edition: EditionId,
    ) -> Result<(HashSet<StudentId>, HashSet<AmbassadorId>), StoreError> {
        withdrawn_sets(&self.conn, edition)
    }
}

pub(super) fn withdrawals_of(
    conn: &Connection,
    edition: EditionId,
) -> Result<Vec<Withdrawal>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT role, person_id, reason, withdrawn_on FROM withdrawal WHERE edition_id = ?1
         ORDER BY withdrawn_on, role, person_id",
    )?;
    let rows = stmt.query_map([edition], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (role, person, reason, withdrawn_on) = row?;
        let role = Role::parse(&role).ok_or(StoreError::Corrupt {
            table: "withdrawal",
            column: "role",
            value: role.clone(),
        })?;
        out.push(Withdrawal {
            edition_id: edition,
            role,
            person,
            reason,
            withdrawn_on,
        });
    }
    Ok(out)
}

/// The ids of the students and of the ambassadors who withdrew.
pub(super) fn withdrawn_sets(
    conn: &Connection,
    edition: EditionId,
) -> Result<(HashSet<StudentId>, HashSet<AmbassadorId>), StoreError> {
    let mut students = HashSet::new();
    let mut ambassadors = HashSet::new();
    for w in withdrawals_of(conn, edition)? {
        match w.role {
            Role::Student => students.insert(StudentId(w.person)),
            Role::Ambassador => ambassadors.insert(AmbassadorId(w.person)),
        };
    }
    Ok((students, ambassadors))
}

/// A withdrawal, if the person has one.
pub(super) fn find_withdrawal(
    conn: &Connection,
    role: Role,
    person: i64,
) -> Result<Option<Withdrawal>, StoreError> {
    let found: Option<(EditionId, Option<String>, String)> = conn
        .query_row(
            "SELECT edition_id, reason, withdrawn_on FROM withdrawal WHERE role = ?1 AND person_id = ?2",
            params![role.as_str(), person],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(found.map(|(edition_id, reason, withdrawn_on)| Withdrawal {
        edition_id,
        role,
        person,
        reason,
        withdrawn_on,
    }))
}
