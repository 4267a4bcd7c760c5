//! Pairs and forbidden pairs, with the rules that no write may break: a student in one pair at
//! most, an ambassador within capacity, never a forbidden pair, both people in the edition.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{Store, StoreError};
use crate::model::{
    AmbassadorId, EditionId, ForbiddenPair, Pair, PairId, PairOrigin, PairStatus, StudentId,
};

impl Store {
    /// Pairs a student with an ambassador (status "proposé", unlocked).
    pub fn add_pair(
        &mut self,
        edition: EditionId,
        student: StudentId,
        ambassador: AmbassadorId,
        origin: PairOrigin,
    ) -> Result<Pair, StoreError> {
        self.write(|tx| insert_pair(tx, edition, student, ambassador, origin))
    }

    /// Every pair of an edition.
    pub fn list_pairs(&self, edition: EditionId) -> Result<Vec<Pair>, StoreError> {
        pairs_of(&self.conn, edition)
    }

    /// Locks a pair (kept as it is when the suggestion runs again) or unlocks it.
    pub fn set_pair_locked(&mut self, pair: PairId, locked: bool) -> Result<Pair, StoreError> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE pair SET locked = ?1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?2",
                params![locked, pair],
            )?;
            if changed == 0 {
                return Err(StoreError::PairNotFound { pair });
            }
            load_pair(tx, pair)
        })
    }

    /// Moves a pair through proposé → validé → notifié (or back).
    pub fn set_pair_status(
        &mut self,
        pair: PairId,
        status: PairStatus,
    ) -> Result<Pair, StoreError> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE pair SET status = ?1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?2",
                params![status.as_str(), pair],
            )?;
            if changed == 0 {
                return Err(StoreError::PairNotFound { pair });
            }
            load_pair(tx, pair)
        })
    }

    /// Moves every "proposé" pair of the edition to "validé", in one transaction.
    pub fn validate_proposed(&mut self, edition: EditionId) -> Result<usize, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE pair SET status = 'validated', updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE edition_id = ?1 AND status = 'proposed'",
                [edition],
            )?)
        })
    }

    /// Rules a pair out for the suggestion (and undoes it if it exists).
    pub fn forbid_pair(&mut self, forbidden: &ForbiddenPair) -> Result<(), StoreError> {
        self.write(|tx| {
            ensure_student(tx, forbidden.edition_id, forbidden.student_id)?;
            ensure_ambassador(tx, forbidden.edition_id, forbidden.ambassador_id)?;
            tx.execute(
                "INSERT INTO forbidden_pair (edition_id, student_id, ambassador_id, reason)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (student_id, ambassador_id) DO UPDATE SET reason = excluded.reason",
                params![
                    forbidden.edition_id,
                    forbidden.student_id,
                    forbidden.ambassador_id,
                    forbidden.reason
                ],
            )?;
            tx.execute(
                "DELETE FROM pair WHERE student_id = ?1 AND ambassador_id = ?2",
                params![forbidden.student_id, forbidden.ambassador_id],
            )?;
            Ok(())
        })
    }
}

pub(super) fn pairs_of(conn: &Connection, edition: EditionId) -> Result<Vec<Pair>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAIR_COLUMNS} FROM pair WHERE edition_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([edition], |row| Ok(pair_from_row(row)))?;
    rows.map(|r| r?).collect()
}

/// Inserts a pair after checking every rule (membership, single pairing, forbidden, capacity).
pub(super) fn insert_pair(
    conn: &Connection,
    edition: EditionId,
    student: StudentId,
    ambassador: AmbassadorId,
    origin: PairOrigin,
) -> Result<Pair, StoreError> {
    check_pair_allowed(conn, edition, student, ambassador)?;
    conn.execute(
        "INSERT INTO pair (edition_id, student_id, ambassador_id, origin) VALUES (?1, ?2, ?3, ?4)",
        params![edition, student, ambassador, origin.as_str()],
    )?;
    load_pair(conn, PairId(conn.last_insert_rowid()))
}

const PAIR_COLUMNS: &str =
    "id, edition_id, student_id, ambassador_id, status, origin, locked, note, agreed_date";

fn check_pair_allowed(
    conn: &Connection,
    edition: EditionId,
    student: StudentId,
    ambassador: AmbassadorId,
) -> Result<(), StoreError> {
    ensure_student(conn, edition, student)?;
    let capacity = ensure_ambassador(conn, edition, ambassador)?;
    let already: Option<i64> = conn
        .query_row(
            "SELECT id FROM pair WHERE student_id = ?1",
            [student],
            |r| r.get(0),
        )
        .optional()?;
    if already.is_some() {
        return Err(StoreError::StudentAlreadyPaired { student });
    }
    let forbidden: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM forbidden_pair WHERE student_id = ?1 AND ambassador_id = ?2",
            params![student, ambassador],
            |r| r.get(0),
        )
        .optional()?;
    if forbidden.is_some() {
        return Err(StoreError::ForbiddenPair {
            student,
            ambassador,
        });
    }
    let hosted: u32 = conn.query_row(
        "SELECT count(*) FROM pair WHERE ambassador_id = ?1",
        [ambassador],
        |r| r.get(0),
    )?;
    if hosted >= capacity {
        return Err(StoreError::AmbassadorFull {
            ambassador,
            capacity,
        });
    }
    Ok(())
}

fn ensure_student(
    conn: &Connection,
    edition: EditionId,
    student: StudentId,
) -> Result<(), StoreError> {
    conn.query_row(
        "SELECT 1 FROM student WHERE id = ?1 AND edition_id = ?2",
        params![student, edition],
        |_| Ok(()),
    )
    .optional()?
    .ok_or(StoreError::StudentNotFound { student })
}

/// Returns the ambassador's capacity.
fn ensure_ambassador(
    conn: &Connection,
    edition: EditionId,
    ambassador: AmbassadorId,
) -> Result<u32, StoreError> {
    conn.query_row(
        "SELECT capacity FROM ambassador WHERE id = ?1 AND edition_id = ?2",
        params![ambassador, edition],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::AmbassadorNotFound { ambassador })
}

fn load_pair(conn: &Connection, id: PairId) -> Result<Pair, StoreError> {
    conn.query_row(
        &format!("SELECT {PAIR_COLUMNS} FROM pair WHERE id = ?1"),
        [id],
        |row| Ok(pair_from_row(row)),
    )?
}

fn pair_from_row(row: &Row<'_>) -> Result<Pair, StoreError> {
    let status: String = row.get("status")?;
    let origin: String = row.get("origin")?;
    Ok(Pair {
        id: row.get("id")?,
        edition_id: row.get("edition_id")?,
        student_id: row.get("student_id")?,
        ambassador_id: row.get("ambassador_id")?,
        status: PairStatus::parse(&status).ok_or(StoreError::Corrupt {
            table: "pair",
            column: "status",
            value: status.clone(),
        })?,
        origin: PairOrigin::parse(&origin).ok_or(StoreError::Corrupt {
            table: "pair",
            column: "origin",
            value: origin.clone(),
        })?,
        locked: row.get("locked")?,
        note: row.get("note")?,
        agreed_date: row.get("agreed_date")?,
    })
}
