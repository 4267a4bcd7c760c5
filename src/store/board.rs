//! What the organiser does by hand on the board: put a student with an ambassador (from the
//! unpaired list or from another ambassador), swap or replace when the ambassador is full, or
//! take the student out of their pair. Every move is one transaction recorded in the history.

use rusqlite::{params, Connection, OptionalExtension};

use super::{pairs, people, Change, Store, StoreError};
use crate::model::{AmbassadorId, EditionId, Pair, PairOrigin, StudentId};

/// A student moved on the board.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Move {
    pub student: StudentId,
    /// The ambassador to pair the student with; none takes the student out of their pair.
    pub to: Option<AmbassadorId>,
    /// When the ambassador is full: the student of theirs who gives up the place.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub displace: Option<StudentId>,
    /// The displaced student takes the moving student's former ambassador (a swap) rather
    /// than going back to the unpaired list (a replacement).
    #[serde(default)]
    pub swap: bool,
}

impl Store {
    /// Applies a move. A pair made by hand is locked: the organiser chose it, and the next
    /// suggestion keeps it. Refused, with nothing changed, when the ambassador is full and no
    /// one is displaced, or when the pair is forbidden.
    pub fn move_student(&mut self, edition: EditionId, mv: &Move) -> Result<Change, StoreError> {
        let (_, change) = self.journaled(edition, |tx| {
            let student_name = people::student_name(tx, mv.student)?;
            let current = pair_of_student(tx, edition, mv.student)?;
            let Some(to) = mv.to else {
                let Some(pair) = current else {
                    return Ok(((), String::new()));
                };
                delete(tx, &pair)?;
                let label = format!(
                    "{student_name} retiré(e) du binôme avec {}",
                    people::ambassador_name(tx, pair.ambassador_id)?
                );
                return Ok(((), label));
            };
            if current.as_ref().is_some_and(|p| p.ambassador_id == to) {
                return Ok(((), String::new()));
            }
            let to_name = people::ambassador_name(tx, to)?;
            if let Some(pair) = &current {
                delete(tx, pair)?;
            }
            let mut label = format!("{student_name} avec {to_name}");
            if let Some(displaced) = mv.displace {
                let taken = pair_of_student(tx, edition, displaced)?
                    .filter(|p| p.ambassador_id == to)
                    .ok_or(StoreError::NotPairedWith {
                        student: displaced,
                        ambassador: to,
                    })?;
                delete(tx, &taken)?;
                let displaced_name = people::student_name(tx, displaced)?;
                match current.as_ref().filter(|_| mv.swap) {
                    Some(former) => {
                        pair_by_hand(tx, edition, displaced, former.ambassador_id)?;
                        label = format!(
                            "Échange : {student_name} avec {to_name}, {displaced_name} avec {}",
                            people::ambassador_name(tx, former.ambassador_id)?
                        );
                    }
                    None => {
                        label =
                            format!("{student_name} avec {to_name} à la place de {displaced_name}");
                    }
                }
            }
            pair_by_hand(tx, edition, mv.student, to)?;
            Ok(((), label))
        })?;
        Ok(change)
    }
}

fn pair_by_hand(
    conn: &Connection,
    edition: EditionId,
    student: StudentId,
    ambassador: AmbassadorId,
) -> Result<(), StoreError> {
    let pair = pairs::insert_pair(conn, edition, student, ambassador, PairOrigin::Manual)?;
    conn.execute("UPDATE pair SET locked = 1 WHERE id = ?1", [pair.id])?;
    Ok(())
}

fn delete(conn: &Connection, pair: &Pair) -> Result<(), StoreError> {
    conn.execute("DELETE FROM pair WHERE id = ?1", [pair.id])?;
    Ok(())
}

fn pair_of_student(
    conn: &Connection,
    edition: EditionId,
    student: StudentId,
) -> Result<Option<Pair>, StoreError> {
    let id: Option<crate::model::PairId> = conn
        .query_row(
            "SELECT id FROM pair WHERE student_id = ?1 AND edition_id = ?2",
            params![student, edition],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => pairs::find_pair(conn, id),
        None => Ok(None),
    }
}
