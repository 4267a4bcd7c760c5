//! Pairs and forbidden pairs, with the rules that no write may break: a student in one pair at
//! most, an ambassador within capacity, never a forbidden pair, both people in the edition.

use rusqlite::{params, Connection, OptionalExtension};

use super::columns::{Columns, NamedRow};
use super::{people, Change, Store, StoreError};
use crate::model::{
    AmbassadorId, EditionId, ForbiddenPair, Pair, PairId, PairOrigin, PairStatus, StudentId,
};

impl Store {
    /// Pairs a student with an ambassador (status "proposé", unlocked), recorded in the history
    /// like every change to pairs.
    pub fn add_pair(
        &mut self,
        edition: EditionId,
        student: StudentId,
        ambassador: AmbassadorId,
        origin: PairOrigin,
    ) -> Result<Pair, StoreError> {
        let (pair, _) = self.journaled(edition, |tx| {
            let pair = insert_pair(tx, edition, student, ambassador, origin)?;
            let label = format!(
                "{} avec {}",
                people::student_name(tx, student)?,
                people::ambassador_name(tx, ambassador)?
            );
            Ok((pair, label))
        })?;
        Ok(pair)
    }

    /// Replaces pairs by others in one recorded change: the pairs `remove` go, the pairs `add`
    /// are made (suggested, "proposé", unlocked). What a suggestion keeps is the suggestion's
    /// business (`suggest::is_kept`); the store only checks that no rule is broken.
    pub fn replace_pairs(
        &mut self,
        edition: EditionId,
        remove: &[PairId],
        add: &[(StudentId, AmbassadorId)],
        label: &str,
    ) -> Result<Change, StoreError> {
        let (_, change) = self.journaled(edition, |tx| {
            super::editions::ensure_edition_exists(tx, edition)?;
            let mut delete =
                tx.prepare_cached("DELETE FROM pair WHERE id = ?1 AND edition_id = ?2")?;
            for &id in remove {
                if delete.execute(params![id, edition])? == 0 {
                    return Err(StoreError::PairNotFound { pair: id });
                }
            }
            for &(student, ambassador) in add {
                insert_pair(tx, edition, student, ambassador, PairOrigin::Suggested)?;
            }
            Ok(((), label.to_string()))
        })?;
        Ok(change)
    }

    /// Every pair of an edition.
    pub fn list_pairs(&self, edition: EditionId) -> Result<Vec<Pair>, StoreError> {
        pairs_of(&self.conn, edition)
    }

    /// Locks a pair (kept as it is when the suggestion runs again) or unlocks it.
    pub fn set_pair_locked(&mut self, pair: PairId, locked: bool) -> Result<Pair, StoreError> {
        self.edit_one(
            pair,
            &PairEdit {
                locked: Some(locked),
                ..PairEdit::default()
            },
        )
    }

    fn edit_one(&mut self, pair: PairId, edit: &PairEdit) -> Result<Pair, StoreError> {
        let edition = edition_of_pair(&self.conn, pair)?;
        self.edit_pairs(edition, &[pair], edit)?;
        find_pair(&self.conn, pair)?.ok_or(StoreError::PairNotFound { pair })
    }

    /// Changes the lock, status, note or agreed date of pairs of the edition — one or many —
    /// in one transaction recorded in the history.
    pub fn edit_pairs(
        &mut self,
        edition: EditionId,
        ids: &[PairId],
        edit: &PairEdit,
    ) -> Result<Change, StoreError> {
        // Some(None) clears, Some(Some(_)) sets, None leaves.
        let agreed_date = match edit.agreed_date.as_deref().map(str::trim) {
            Some("") => Some(None),
            Some(date) => Some(Some(super::editions::parse_iso_date(date)?)),
            None => None,
        };
        let note = edit.note.as_deref().map(str::trim).map(|t| {
            if t.is_empty() {
                None
            } else {
                Some(t.to_string())
            }
        });
        let (_, change) = self.journaled(edition, |tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE pair SET
                    locked = coalesce(?1, locked),
                    status = coalesce(?2, status),
                    note = CASE WHEN ?3 THEN ?4 ELSE note END,
                    agreed_date = CASE WHEN ?5 THEN ?6 ELSE agreed_date END,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?7 AND edition_id = ?8",
            )?;
            for &id in ids {
                let changed = stmt.execute(params![
                    edit.locked,
                    edit.status.map(PairStatus::as_str),
                    note.is_some(),
                    note.clone().flatten(),
                    agreed_date.is_some(),
                    agreed_date.clone().flatten(),
                    id,
                    edition
                ])?;
                if changed == 0 {
                    return Err(StoreError::PairNotFound { pair: id });
                }
            }
            // One pair is named in the history (#18: « 1 binôme : verrouillé » said not which).
            let whom = match ids {
                [one] => {
                    let (student, ambassador) = tx.query_row(
                        "SELECT student_id, ambassador_id FROM pair WHERE id = ?1",
                        [one],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                    format!(
                        "{} ↔ {}",
                        people::student_name(tx, student)?,
                        people::ambassador_name(tx, ambassador)?
                    )
                }
                _ => format!("{} binômes", ids.len()),
            };
            Ok(((), edit.label_fr(&whom)))
        })?;
        Ok(change)
    }

    /// Moves the pairs to "notifié", in one transaction.
    /// Pairs no longer in the edition (undone since the messages were written, or of another
    /// edition) are left out, and so are pairs already past notification (« confirmé »,
    /// « réalisé », « annulé », « absent »: the organiser's later word is kept); returns how many
    /// changed.
    pub fn mark_notified(
        &mut self,
        edition: EditionId,
        pairs: &[PairId],
    ) -> Result<usize, StoreError> {
        if pairs.is_empty() {
            return Ok(0);
        }
        let (changed, _) = self.journaled(edition, |tx| {
            let mut changed = 0;
            let mut stmt = tx.prepare_cached(
                "UPDATE pair SET status = 'notified', updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?1 AND edition_id = ?2 AND status IN ('proposed', 'validated')",
            )?;
            for pair in pairs {
                changed += stmt.execute(params![pair, edition])?;
            }
            Ok((changed, format!("{changed} binôme(s) passé(s) à « notifié » (messages envoyés)")))
        })?;
        Ok(changed)
    }

    /// Rules a pair out for the suggestion (and undoes it if it exists).
    pub fn forbid_pair(&mut self, forbidden: &ForbiddenPair) -> Result<Change, StoreError> {
        let (_, change) = self.journaled(forbidden.edition_id, |tx| {
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
            let label = format!(
                "Paire interdite : {} et {}",
                people::student_name(tx, forbidden.student_id)?,
                people::ambassador_name(tx, forbidden.ambassador_id)?
            );
            Ok(((), label))
        })?;
        Ok(change)
    }
}

/// What to change on pairs; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PairEdit {
    #[cfg_attr(feature = "ts", ts(optional))]
    pub locked: Option<bool>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub status: Option<PairStatus>,
    /// An empty text clears the note.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
    /// AAAA-MM-JJ, when the visit is not on the official day; an empty text clears it.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub agreed_date: Option<String>,
}

impl PairEdit {
    /// What the edit does to `whom` (the pair's names, or how many), in French, for the history.
    fn label_fr(&self, whom: &str) -> String {
        let mut what = Vec::new();
        match self.locked {
            Some(true) => what.push("verrouillé".to_string()),
            Some(false) => what.push("déverrouillé".to_string()),
            None => {}
        }
        if let Some(status) = self.status {
            what.push(format!("passé à « {} »", status.label_fr()));
        }
        if self.note.is_some() {
            what.push("note modifiée".to_string());
        }
        if self.agreed_date.is_some() {
            what.push("date convenue modifiée".to_string());
        }
        format!("{whom} : {}", what.join(", "))
    }
}

/// The edition a pair belongs to.
pub(super) fn edition_of_pair(conn: &Connection, pair: PairId) -> Result<EditionId, StoreError> {
    conn.query_row("SELECT edition_id FROM pair WHERE id = ?1", [pair], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or(StoreError::PairNotFound { pair })
}

/// A pair by id, if it exists.
pub(super) fn find_pair(conn: &Connection, id: PairId) -> Result<Option<Pair>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {PAIR_COLUMNS} FROM pair WHERE id = ?1"))?;
    let columns = Columns::of(&stmt);
    stmt.query_row([id], |row| Ok(pair_from_row(&columns.row(row))))
        .optional()?
        .transpose()
}

/// Writes a pair back exactly as it was (same id), as undo and redo do. The rules were checked
/// when the pair was first made and the history checks nothing changed since.
pub(super) fn restore_pair(conn: &Connection, pair: &Pair) -> Result<(), StoreError> {
    conn.prepare_cached(&format!(
        "INSERT INTO pair ({PAIR_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?
    .execute(params![
        pair.id,
        pair.edition_id,
        pair.student_id,
        pair.ambassador_id,
        pair.status.as_str(),
        pair.origin.as_str(),
        pair.locked,
        pair.note,
        pair.agreed_date
    ])?;
    Ok(())
}

pub(super) fn pairs_of(conn: &Connection, edition: EditionId) -> Result<Vec<Pair>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAIR_COLUMNS} FROM pair WHERE edition_id = ?1 ORDER BY id"
    ))?;
    let columns = Columns::of(&stmt);
    let rows = stmt.query_map([edition], |row| Ok(pair_from_row(&columns.row(row))))?;
    rows.map(|r| r?).collect()
}

/// Inserts a pair after checking every rule (membership, single pairing, forbidden, capacity).
/// Its statements are prepared once per connection: a suggestion inserts thousands of pairs.
pub(super) fn insert_pair(
    conn: &Connection,
    edition: EditionId,
    student: StudentId,
    ambassador: AmbassadorId,
    origin: PairOrigin,
) -> Result<Pair, StoreError> {
    check_pair_allowed(conn, edition, student, ambassador)?;
    conn.prepare_cached(
        "INSERT INTO pair (edition_id, student_id, ambassador_id, origin) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![edition, student, ambassador, origin.as_str()])?;
    let id = PairId(conn.last_insert_rowid());
    find_pair(conn, id)?.ok_or(StoreError::PairNotFound { pair: id })
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
        .prepare_cached("SELECT id FROM pair WHERE student_id = ?1")?
        .query_row([student], |r| r.get(0))
        .optional()?;
    if already.is_some() {
        return Err(StoreError::StudentAlreadyPaired { student });
    }
    let forbidden: Option<i64> = conn
        .prepare_cached(
            "SELECT 1 FROM forbidden_pair WHERE student_id = ?1 AND ambassador_id = ?2",
        )?
        .query_row(params![student, ambassador], |r| r.get(0))
        .optional()?;
    if forbidden.is_some() {
        return Err(StoreError::ForbiddenPair {
            student,
            ambassador,
        });
    }
    let hosted: u32 = conn
        .prepare_cached("SELECT count(*) FROM pair WHERE ambassador_id = ?1")?
        .query_row([ambassador], |r| r.get(0))?;
    if hosted >= capacity {
        return Err(StoreError::AmbassadorFull {
            ambassador,
            capacity,
        });
    }
    Ok(())
}

pub(super) fn ensure_student(
    conn: &Connection,
    edition: EditionId,
    student: StudentId,
) -> Result<(), StoreError> {
    conn.prepare_cached("SELECT 1 FROM student WHERE id = ?1 AND edition_id = ?2")?
        .query_row(params![student, edition], |_| Ok(()))
        .optional()?
        .ok_or(StoreError::StudentNotFound { student })
}

/// Returns the ambassador's capacity.
pub(super) fn ensure_ambassador(
    conn: &Connection,
    edition: EditionId,
    ambassador: AmbassadorId,
) -> Result<u32, StoreError> {
    conn.prepare_cached("SELECT capacity FROM ambassador WHERE id = ?1 AND edition_id = ?2")?
        .query_row(params![ambassador, edition], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::AmbassadorNotFound { ambassador })
}

fn pair_from_row(row: &NamedRow<'_>) -> Result<Pair, StoreError> {
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
