//! What a suggestion reads besides people and pairs: the edition's settings (its rules and
//! message templates, stored as JSON and typed by their owners) and its forbidden pairs.

use rusqlite::{Connection, OptionalExtension};

use super::editions;
use super::{Store, StoreError};
use crate::model::{AmbassadorId, EditionId, ForbiddenPair, StudentId};

pub use super::editions::Setting;

impl Store {
    /// An edition's setting (the defaults until the organiser changes it).
    pub fn setting<T: serde::de::DeserializeOwned + Default>(
        &self,
        edition: EditionId,
        setting: Setting,
    ) -> Result<T, StoreError> {
        editions::setting(&self.conn, edition, setting)
    }

    pub fn set_setting<T: serde::Serialize>(
        &mut self,
        edition: EditionId,
        setting: Setting,
        value: &T,
    ) -> Result<(), StoreError> {
        self.write(|tx| editions::set_setting(tx, edition, setting, value))
    }

    /// The pairs the organiser ruled out in an edition.
    pub fn forbidden_pairs(&self, edition: EditionId) -> Result<Vec<ForbiddenPair>, StoreError> {
        forbidden_of(&self.conn, edition)
    }

    /// The ambassadors a student may not be paired with.
    pub fn forbidden_for(&self, student: StudentId) -> Result<HashSet<AmbassadorId>, StoreError> {
        forbidden_for(&self.conn, student)
    }
}

use std::collections::HashSet;

/// The ambassadors a student may not be paired with.
fn forbidden_for(
    conn: &Connection,
    student: StudentId,
) -> Result<HashSet<AmbassadorId>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT ambassador_id FROM forbidden_pair WHERE student_id = ?1")?;
    let rows = stmt.query_map([student], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The forbidden pair of a student and an ambassador, if there is one.
pub(super) fn find_forbidden(
    conn: &Connection,
    student: StudentId,
    ambassador: AmbassadorId,
) -> Result<Option<ForbiddenPair>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT edition_id, student_id, ambassador_id, reason FROM forbidden_pair
             WHERE student_id = ?1 AND ambassador_id = ?2",
            rusqlite::params![student, ambassador],
            |r| {
                Ok(ForbiddenPair {
                    edition_id: r.get(0)?,
                    student_id: r.get(1)?,
                    ambassador_id: r.get(2)?,
                    reason: r.get(3)?,
                })
            },
        )
        .optional()?)
}

pub(super) fn forbidden_of(
    conn: &Connection,
    edition: EditionId,
) -> Result<Vec<ForbiddenPair>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT edition_id, student_id, ambassador_id, reason FROM forbidden_pair
         WHERE edition_id = ?1 ORDER BY student_id, ambassador_id",
    )?;
    let rows = stmt.query_map([edition], |r| {
        Ok(ForbiddenPair {
            edition_id: r.get(0)?,
            student_id: r.get(1)?,
            ambassador_id: r.get(2)?,
            reason: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
