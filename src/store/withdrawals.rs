//! Late withdrawals: a student or an ambassador who will not come after all. Their pair is
//! undone in the same transaction (recorded in the history, so undoable), they stay in the
//! edition, and the person left alone gets replacements ranked by score.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};

use super::{people, BoardChange, Store, StoreError};
use crate::model::{AmbassadorId, EditionId, Role, StudentId, Withdrawal};
use crate::suggest::score::{evaluate, AmbassadorProfile, StudentProfile};

/// A student who could take a place left free, with the score and reasons of that pair.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub student: StudentId,
    pub score: u32,
    pub reasons: Vec<String>,
}

/// How many replacements are proposed.
const CANDIDATES: usize = 5;

impl Store {
    /// Records that a person withdrew (`date` AAAA-MM-JJ) and undoes their pair(s).
    pub fn withdraw(
        &mut self,
        edition: EditionId,
        role: Role,
        person: i64,
        reason: Option<&str>,
        date: &str,
    ) -> Result<BoardChange, StoreError> {
        let date = super::editions::parse_iso_date(date.trim())?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let (_, change) = self.journaled(edition, |tx| {
            let name = match role {
                Role::Student => people::student_name(tx, StudentId(person))?,
                Role::Ambassador => people::ambassador_name(tx, AmbassadorId(person))?,
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

    /// Students without a pair who could take a place with `ambassador`, best score first:
    /// who to call when the ambassador's student withdrew.
    pub fn candidates_for(
        &self,
        edition: EditionId,
        ambassador: AmbassadorId,
    ) -> Result<Vec<Candidate>, StoreError> {
        let rules = self.rules(edition)?;
        let host = people::ambassador_by_id(&self.conn, edition, ambassador)?
            .ok_or(StoreError::AmbassadorNotFound { ambassador })?;
        let host = AmbassadorProfile::of(&host);
        let paired: HashSet<StudentId> = self
            .list_pairs(edition)?
            .iter()
            .map(|p| p.student_id)
            .collect();
        let (withdrawn_students, _) = withdrawn_sets(&self.conn, edition)?;
        let forbidden: HashSet<StudentId> = self
            .forbidden_pairs(edition)?
            .into_iter()
            .filter(|f| f.ambassador_id == ambassador)
            .map(|f| f.student_id)
            .collect();
        let mut all: Vec<Candidate> = self
            .list_students(edition)?
            .iter()
            .filter(|s| {
                !paired.contains(&s.id)
                    && !withdrawn_students.contains(&s.id)
                    && !forbidden.contains(&s.id)
                    && crate::suggest::takes_part(s, &rules)
            })
            .filter_map(|s| {
                let e = evaluate(&StudentProfile::of(s), &host, &rules).ok()?;
                Some(Candidate {
                    student: s.id,
                    score: e.score,
                    reasons: e.parts.into_iter().map(|p| p.reason).collect(),
                })
            })
            .collect();
        all.sort_by(|a, b| b.score.cmp(&a.score).then(a.student.cmp(&b.student)));
        all.truncate(CANDIDATES);
        Ok(all)
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
