//! The history of an edition's board: every change to its pairs and forbidden pairs is recorded
//! with the rows before and after it, so that it can be undone and redone — across restarts,
//! since the record is in the store, written in the same transaction as the change.
//!
//! A change is recorded by difference: the pairs and forbidden pairs of the edition are read
//! before and after the work, and only the rows that differ are kept. Any operation on the
//! board is thereby undoable without writing its inverse by hand.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::people::{self, PersonKey, PersonRow};
use super::{pairs, settings, withdrawals, Store, StoreError};
use crate::model::{AmbassadorId, EditionId, ForbiddenPair, Pair, PairId, StudentId, Withdrawal};

/// How many changes an edition keeps in its history (the oldest go first).
const KEPT_CHANGES: i64 = 1000;

/// What a recorded change did to an edition's pairs (the use cases explain the pairs for the
/// window: `actions::BoardChange`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What was done, in French ("Camille Martin avec Jean Dupont"); empty when nothing changed.
    pub label: String,
    /// Pairs created or modified, as they now are, by id.
    pub pairs: Vec<Pair>,
    /// Pairs that no longer exist.
    pub removed: Vec<PairId>,
    /// Whether forbidden pairs changed (the window then reads compatibilities again).
    pub forbidden_changed: bool,
    /// Whether someone withdrew or came back (the window then reads the board again).
    pub withdrawals_changed: bool,
    /// Whether a person was added, changed or removed by hand (the window reads them again).
    pub people_changed: bool,
    pub history: HistoryState,
}

/// What "Annuler" and "Rétablir" would do now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HistoryState {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

/// One line of an edition's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// UTC, ISO 8601.
    pub at: String,
    pub author: String,
    pub label: String,
    /// Undone (and not redone since).
    pub undone: bool,
}

/// The rows a change touched, before and after it.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Delta {
    pairs: Vec<Step<Pair>>,
    forbidden: Vec<Step<ForbiddenPair>>,
    /// Absent from changes recorded before withdrawals existed.
    #[serde(default)]
    withdrawals: Vec<Step<Withdrawal>>,
    /// People added, changed or removed by hand (absent from older changes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    people: Vec<Step<PersonRow>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Step<T> {
    before: Option<T>,
    after: Option<T>,
}

impl<T> Step<T> {
    /// The rows as they are before and after replaying the step in `direction`.
    fn ends(&self, direction: Direction) -> (&Option<T>, &Option<T>) {
        match direction {
            Direction::Forward => (&self.before, &self.after),
            Direction::Backward => (&self.after, &self.before),
        }
    }
}

impl Delta {
    fn is_empty(&self) -> bool {
        self.pairs.is_empty()
            && self.forbidden.is_empty()
            && self.withdrawals.is_empty()
            && self.people.is_empty()
    }
}

/// The board of an edition as rows.
struct Snapshot {
    pairs: BTreeMap<PairId, Pair>,
    forbidden: BTreeMap<(StudentId, AmbassadorId), ForbiddenPair>,
    withdrawals: BTreeMap<(&'static str, i64), Withdrawal>,
}

fn snapshot(conn: &Connection, edition: EditionId) -> Result<Snapshot, StoreError> {
    Ok(Snapshot {
        pairs: pairs::pairs_of(conn, edition)?
            .into_iter()
            .map(|p| (p.id, p))
            .collect(),
        forbidden: settings::forbidden_of(conn, edition)?
            .into_iter()
            .map(|f| ((f.student_id, f.ambassador_id), f))
            .collect(),
        withdrawals: withdrawals::withdrawals_of(conn, edition)?
            .into_iter()
            .map(|w| ((w.role.as_str(), w.person), w))
            .collect(),
    })
}

/// The rows that differ between two snapshots, in key order (deterministic).
fn diff(mut before: Snapshot, after: &Snapshot) -> Delta {
    fn steps<K: Ord, T: Clone + PartialEq>(
        before: &mut BTreeMap<K, T>,
        after: &BTreeMap<K, T>,
    ) -> Vec<Step<T>> {
        let mut steps = Vec::new();
        for (key, now) in after {
            match before.remove(key) {
                Some(was) if &was == now => {}
                was => steps.push(Step {
                    before: was,
                    after: Some(now.clone()),
                }),
            }
        }
        steps.extend(before.values().map(|was| Step {
            before: Some(was.clone()),
            after: None,
        }));
        steps
    }
    Delta {
        pairs: steps(&mut before.pairs, &after.pairs),
        forbidden: steps(&mut before.forbidden, &after.forbidden),
        withdrawals: steps(&mut before.withdrawals, &after.withdrawals),
        people: Vec::new(),
    }
}

/// Who is making changes: the account's login name, as the history shows it.
fn author() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "organisateur".to_string())
}

impl Store {
    /// Runs `work` in one transaction and records what it changed on the edition's board in
    /// its history (the redo branch is dropped, as in every editor). `work` returns a value
    /// and the French label of the change.
    pub(super) fn journaled<T>(
        &mut self,
        edition: EditionId,
        work: impl FnOnce(&Transaction<'_>) -> Result<(T, String), StoreError>,
    ) -> Result<(T, Change), StoreError> {
        self.write(|tx| {
            let before = snapshot(tx, edition)?;
            let (value, label) = work(tx)?;
            let after = snapshot(tx, edition)?;
            let delta = diff(before, &after);
            if !delta.is_empty() {
                record(tx, edition, &label, &delta)?;
            }
            let change = change_of(tx, edition, label, &delta, Direction::Forward)?;
            Ok((value, change))
        })
    }

    /// Like [`Store::journaled`], for a change to one person by hand: `person` is who it is
    /// about when they already exist; `work` returns who it was about (a person it created).
    /// The person's row, before and after, goes into the history with the board's rows.
    pub(super) fn journaled_person<T>(
        &mut self,
        edition: EditionId,
        person: Option<PersonKey>,
        work: impl FnOnce(&Transaction<'_>) -> Result<(T, String, PersonKey), StoreError>,
    ) -> Result<(T, Change), StoreError> {
        self.write(|tx| {
            let before = snapshot(tx, edition)?;
            let was = match person {
                Some(key) => people::person_row(tx, edition, key)?,
                None => None,
            };
            let (value, label, key) = work(tx)?;
            let now = people::person_row(tx, edition, key)?;
            let after = snapshot(tx, edition)?;
            let mut delta = diff(before, &after);
            if was != now {
                delta.people.push(Step {
                    before: was,
                    after: now,
                });
            }
            if !delta.is_empty() {
                record(tx, edition, &label, &delta)?;
            }
            let change = change_of(tx, edition, label, &delta, Direction::Forward)?;
            Ok((value, change))
        })
    }

    /// Like [`Store::journaled_person`], for a change to several people who all exist before
    /// it (two people merged into one): each one's row, before and after, goes into the history.
    pub(super) fn journaled_people<T>(
        &mut self,
        edition: EditionId,
        keys: &[PersonKey],
        work: impl FnOnce(&Transaction<'_>) -> Result<(T, String), StoreError>,
    ) -> Result<(T, Change), StoreError> {
        self.write(|tx| {
            let before = snapshot(tx, edition)?;
            let was = keys
                .iter()
                .map(|key| people::person_row(tx, edition, *key))
                .collect::<Result<Vec<_>, _>>()?;
            let (value, label) = work(tx)?;
            let after = snapshot(tx, edition)?;
            let mut delta = diff(before, &after);
            for (key, was) in keys.iter().zip(was) {
                let now = people::person_row(tx, edition, *key)?;
                if was != now {
                    delta.people.push(Step {
                        before: was,
                        after: now,
                    });
                }
            }
            if !delta.is_empty() {
                record(tx, edition, &label, &delta)?;
            }
            let change = change_of(tx, edition, label, &delta, Direction::Forward)?;
            Ok((value, change))
        })
    }

    /// Records a change that cannot be undone (a person erased on request): undo stops there.
    pub(super) fn record_final(
        tx: &Transaction<'_>,
        edition: EditionId,
        label: &str,
    ) -> Result<(), StoreError> {
        record(tx, edition, label, &Delta::default())?;
        tx.execute(
            "UPDATE change_log SET final = 1 WHERE id = ?1",
            [tx.last_insert_rowid()],
        )?;
        Ok(())
    }

    /// Undoes the edition's last change still in effect.
    pub fn undo(&mut self, edition: EditionId) -> Result<Change, StoreError> {
        self.replay(edition, Direction::Backward)
    }

    /// Does again the last change undone (if nothing was changed since).
    pub fn redo(&mut self, edition: EditionId) -> Result<Change, StoreError> {
        self.replay(edition, Direction::Forward)
    }

    fn replay(&mut self, edition: EditionId, direction: Direction) -> Result<Change, StoreError> {
        self.write(|tx| {
            let query = match direction {
                // The newest change in effect…
                Direction::Backward => {
                    "SELECT id, label, delta, final FROM change_log
                     WHERE edition_id = ?1 AND undone = 0 ORDER BY id DESC LIMIT 1"
                }
                // …and the oldest undone one still redoable, as those are the newest (undone
                // changes a later change dropped are kept, final, for the history to list).
                Direction::Forward => {
                    "SELECT id, label, delta, final FROM change_log
                     WHERE edition_id = ?1 AND undone = 1 AND final = 0 ORDER BY id LIMIT 1"
                }
            };
            let found: Option<(i64, String, String, bool)> = tx
                .query_row(query, [edition], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?;
            let Some((id, label, json, _)) = found.filter(|(_, _, _, last)| !last) else {
                return Err(match direction {
                    Direction::Backward => StoreError::NothingToUndo,
                    Direction::Forward => StoreError::NothingToRedo,
                });
            };
            let delta: Delta = serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
                table: "change_log",
                column: "delta",
                value: format!("changement n° {id}"),
            })?;
            apply(tx, &delta, direction, &label)?;
            tx.execute(
                "UPDATE change_log SET undone = ?1 WHERE id = ?2",
                params![direction == Direction::Backward, id],
            )?;
            let label = match direction {
                Direction::Backward => format!("Annulé : {label}"),
                Direction::Forward => format!("Rétabli : {label}"),
            };
            change_of(tx, edition, label, &delta, direction)
        })
    }

    /// The edition's history, newest first.
    pub fn history(&self, edition: EditionId) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, author, label, undone FROM change_log WHERE edition_id = ?1
             ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([edition], |r| {
            Ok(HistoryEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                author: r.get(2)?,
                label: r.get(3)?,
                undone: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What undo and redo would do now.
    pub fn history_state(&self, edition: EditionId) -> Result<HistoryState, StoreError> {
        history_state(&self.conn, edition)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Forward,
    Backward,
}

fn record(
    tx: &Transaction<'_>,
    edition: EditionId,
    label: &str,
    delta: &Delta,
) -> Result<(), StoreError> {
    // The redo branch is dropped, as in every editor — but its changes stay listed, undone
    // (#18: a drag and its undo vanished from the history at the next change): they can no
    // longer be redone, which `final` says.
    tx.execute(
        "UPDATE change_log SET final = 1 WHERE edition_id = ?1 AND undone = 1",
        [edition],
    )?;
    let json = serde_json::to_string(delta).map_err(|e| StoreError::Corrupt {
        table: "change_log",
        column: "delta",
        value: e.to_string(),
    })?;
    tx.execute(
        "INSERT INTO change_log (edition_id, author, label, delta) VALUES (?1, ?2, ?3, ?4)",
        params![edition, author(), label, json],
    )?;
    tx.execute(
        "DELETE FROM change_log WHERE edition_id = ?1 AND id <= (
             SELECT id FROM change_log WHERE edition_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)",
        params![edition, KEPT_CHANGES],
    )?;
    Ok(())
}

/// Puts the rows a change touched back as they were before it (backward) or after it
/// (forward) — after checking that they are still as the change left them.
fn apply(
    tx: &Transaction<'_>,
    delta: &Delta,
    direction: Direction,
    label: &str,
) -> Result<(), StoreError> {
    let diverged = || StoreError::HistoryDiverged {
        label: label.to_string(),
    };
    for step in &delta.pairs {
        let (from, _) = step.ends(direction);
        let Some(id) = step.before.as_ref().or(step.after.as_ref()).map(|p| p.id) else {
            continue;
        };
        if pairs::find_pair(tx, id)?.as_ref() != from.as_ref() {
            return Err(diverged());
        }
    }
    for step in &delta.forbidden {
        let (from, _) = step.ends(direction);
        let Some(key) = step.before.as_ref().or(step.after.as_ref()) else {
            continue;
        };
        let now = settings::find_forbidden(tx, key.student_id, key.ambassador_id)?;
        if now.as_ref() != from.as_ref() {
            return Err(diverged());
        }
    }
    for step in &delta.withdrawals {
        let (from, _) = step.ends(direction);
        let Some(key) = step.before.as_ref().or(step.after.as_ref()) else {
            continue;
        };
        if withdrawals::find_withdrawal(tx, key.role, key.person)?.as_ref() != from.as_ref() {
            return Err(diverged());
        }
    }
    for step in &delta.people {
        let (from, _) = step.ends(direction);
        let Some(key) = step
            .before
            .as_ref()
            .or(step.after.as_ref())
            .map(PersonRow::key)
        else {
            continue;
        };
        let edition = step
            .before
            .as_ref()
            .or(step.after.as_ref())
            .map(PersonRow::edition);
        let now = match edition {
            Some(edition) => people::person_row(tx, edition, key)?,
            None => None,
        };
        if now.as_ref() != from.as_ref() {
            return Err(diverged());
        }
    }
    // Every row out first, then the wanted ones in: a student moving between two pairs of the
    // same change must not meet themselves.
    for step in &delta.pairs {
        if let Some(p) = step.before.as_ref().or(step.after.as_ref()) {
            tx.execute("DELETE FROM pair WHERE id = ?1", [p.id])?;
        }
    }
    for step in &delta.forbidden {
        if let Some(f) = step.before.as_ref().or(step.after.as_ref()) {
            tx.execute(
                "DELETE FROM forbidden_pair WHERE student_id = ?1 AND ambassador_id = ?2",
                params![f.student_id, f.ambassador_id],
            )?;
        }
    }
    for step in &delta.withdrawals {
        if let Some(w) = step.before.as_ref().or(step.after.as_ref()) {
            tx.execute(
                "DELETE FROM withdrawal WHERE role = ?1 AND person_id = ?2",
                params![w.role.as_str(), w.person],
            )?;
        }
    }
    // People after what refers to them went, before what refers to them comes back.
    for step in &delta.people {
        let (from, to) = step.ends(direction);
        match (from, to) {
            (Some(was), None) => people::delete_person(tx, was.key())?,
            (_, Some(row)) => {
                people::put_person_row(tx, row, from.is_some()).map_err(|e| match e {
                    StoreError::Sqlite(_) => diverged(),
                    other => other,
                })?
            }
            (None, None) => {}
        }
    }
    for step in &delta.withdrawals {
        if let (_, Some(w)) = step.ends(direction) {
            tx.execute(
                "INSERT INTO withdrawal (edition_id, role, person_id, reason, withdrawn_on)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    w.edition_id,
                    w.role.as_str(),
                    w.person,
                    w.reason,
                    w.withdrawn_on
                ],
            )
            .map_err(|_| diverged())?;
        }
    }
    for step in &delta.pairs {
        if let (_, Some(pair)) = step.ends(direction) {
            pairs::restore_pair(tx, pair).map_err(|e| match e {
                StoreError::Sqlite(_) => diverged(),
                other => other,
            })?;
        }
    }
    for step in &delta.forbidden {
        if let (_, Some(f)) = step.ends(direction) {
            tx.execute(
                "INSERT INTO forbidden_pair (edition_id, student_id, ambassador_id, reason)
                 VALUES (?1, ?2, ?3, ?4)",
                params![f.edition_id, f.student_id, f.ambassador_id, f.reason],
            )
            .map_err(|_| diverged())?;
        }
    }
    Ok(())
}

/// The change as the window needs it, once `delta` is in the state `direction` leads to.
fn change_of(
    conn: &Connection,
    edition: EditionId,
    label: String,
    delta: &Delta,
    direction: Direction,
) -> Result<Change, StoreError> {
    let mut present: HashMap<PairId, Pair> = HashMap::new();
    let mut removed = Vec::new();
    for step in &delta.pairs {
        match step.ends(direction).1 {
            Some(pair) => {
                present.insert(pair.id, pair.clone());
            }
            None => {
                if let Some(p) = step.before.as_ref().or(step.after.as_ref()) {
                    removed.push(p.id);
                }
            }
        }
    }
    let mut pairs: Vec<Pair> = present.into_values().collect();
    pairs.sort_by_key(|p| p.id);
    Ok(Change {
        label: if delta.is_empty() {
            String::new()
        } else {
            label
        },
        pairs,
        removed,
        forbidden_changed: !delta.forbidden.is_empty(),
        withdrawals_changed: !delta.withdrawals.is_empty(),
        people_changed: !delta.people.is_empty(),
        history: history_state(conn, edition)?,
    })
}

fn history_state(conn: &Connection, edition: EditionId) -> Result<HistoryState, StoreError> {
    let label = |sql: &str| -> Result<Option<String>, StoreError> {
        Ok(conn.query_row(sql, [edition], |r| r.get(0)).optional()?)
    };
    Ok(HistoryState {
        undo: label(
            "SELECT label FROM (SELECT label, final FROM change_log WHERE edition_id = ?1
             AND undone = 0 ORDER BY id DESC LIMIT 1) WHERE final = 0",
        )?,
        redo: label(
            "SELECT label FROM change_log WHERE edition_id = ?1 AND undone = 1 AND final = 0
             ORDER BY id LIMIT 1",
        )?,
    })
}
