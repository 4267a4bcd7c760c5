//! The pairing board: everything it shows in one call, and every change made on it (moves,
//! edits of pairs, forbidden pairs, withdrawals, undo and redo). Each change returns what
//! changed, explained, so that the window updates without reading the board again.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::rules::rules;
use crate::model::state::{self, StateChoice};
use crate::model::{
    Ambassador, AmbassadorId, EditionId, ForbiddenPair, Pair, PairId, Role, Student, StudentId,
    Withdrawal,
};
use crate::referentials::geography::Geography;
use crate::store::{Change, HistoryEntry, HistoryState, Move, PairEdit};
use crate::suggest::explain::{self, Candidate, Compatibility, ExplainedPair};
use crate::suggest::{self, Unpaired};
use crate::{Store, StoreError};

/// What a change did to the board, for the window to update without reading it all again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BoardChange {
    /// What was done, in French ("Camille Martin avec Jean Dupont"); empty when nothing changed.
    pub label: String,
    /// Pairs created or modified, explained.
    pub pairs: Vec<ExplainedPair>,
    /// Pairs that no longer exist.
    pub removed: Vec<PairId>,
    /// Whether forbidden pairs changed (the window then reads compatibilities again).
    pub forbidden_changed: bool,
    /// Whether someone withdrew or came back (the window then reads the board again).
    pub withdrawals_changed: bool,
    /// Whether a person was added, changed or removed (the window then reads the board again).
    pub people_changed: bool,
    pub history: HistoryState,
}

/// What the board shows when it opens.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BoardData {
    pub students: Vec<Student>,
    pub ambassadors: Vec<Ambassador>,
    pub pairs: Vec<ExplainedPair>,
    pub history: HistoryState,
    /// The départements where these people are, with their région, for the filters.
    pub departements: Vec<DepartementEntry>,
    /// People who withdrew: shown apart, out of the grid and the unpaired list.
    pub withdrawals: Vec<Withdrawal>,
    /// Students (present) whose application is outside the retained states, with why: shown
    /// apart from those without a pair, and a hand pairing of one is confirmed first.
    pub excluded: Vec<Unpaired>,
    /// Every application state known or held by a student, with its French label.
    pub states: Vec<StateChoice>,
    /// The codes of the states the rules retain.
    pub retained_states: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DepartementEntry {
    pub code: String,
    pub name: String,
    pub region: String,
    pub region_name: String,
}

/// The board of an edition.
pub fn load(store: &Store, edition: EditionId) -> Result<BoardData, StoreError> {
    let students = store.list_students(edition)?;
    let ambassadors = store.list_ambassadors(edition)?;
    let rules = rules(store, edition)?;
    let (gone, _) = store.withdrawn(edition)?;
    let excluded = students
        .iter()
        .filter(|s| !gone.contains(&s.id))
        .filter_map(|s| {
            Some(Unpaired {
                student: s.id,
                diagnosis: suggest::exclusion(s, &rules)?,
            })
        })
        .collect();
    Ok(BoardData {
        excluded,
        states: states_of(&students),
        retained_states: rules.accepted_states,
        departements: departements_of(&students, &ambassadors),
        pairs: explained_pairs(store, edition)?,
        history: store.history_state(edition)?,
        withdrawals: store.withdrawals(edition)?,
        students,
        ambassadors,
    })
}

/// The known states, then any other a student holds (as written), each with its label.
fn states_of(students: &[Student]) -> Vec<StateChoice> {
    let mut states = state::choices();
    let others: BTreeSet<&str> = students
        .iter()
        .filter_map(|s| s.application_state.as_deref())
        .filter(|s| state::code(s).is_none())
        .collect();
    states.extend(others.into_iter().map(|s| StateChoice {
        code: s.to_string(),
        label: state::label(s),
    }));
    states
}

fn departements_of(students: &[Student], ambassadors: &[Ambassador]) -> Vec<DepartementEntry> {
    let geography = Geography::get();
    let codes: BTreeSet<&str> = students
        .iter()
        .map(|s| &s.place)
        .chain(ambassadors.iter().map(|a| &a.place))
        .filter_map(|p| p.departement.as_deref())
        .collect();
    codes
        .into_iter()
        .filter_map(|code| {
            let d = geography.departement(code)?;
            let region = geography.region(d.region)?;
            Some(DepartementEntry {
                code: d.code.to_string(),
                name: d.name.to_string(),
                region: region.code.to_string(),
                region_name: region.name.to_string(),
            })
        })
        .collect()
}

/// Every pair of the edition with its explanation.
pub fn explained_pairs(
    store: &Store,
    edition: EditionId,
) -> Result<Vec<ExplainedPair>, StoreError> {
    explain_pairs(store, edition, store.list_pairs(edition)?)
}

/// Explains pairs under the edition's rules. Reads only the people concerned when they are few
/// (a change on the board), the whole edition otherwise.
pub(crate) fn explain_pairs(
    store: &Store,
    edition: EditionId,
    pairs: Vec<Pair>,
) -> Result<Vec<ExplainedPair>, StoreError> {
    const FEW: usize = 64;
    let rules = rules(store, edition)?;
    let (students, ambassadors) = if pairs.len() > FEW {
        store.people_by_id(edition)?
    } else {
        let mut students = HashMap::new();
        let mut ambassadors = HashMap::new();
        for pair in &pairs {
            if let Some(s) = store.student(edition, pair.student_id)? {
                students.insert(s.id, s);
            }
            if let Some(a) = store.ambassador(edition, pair.ambassador_id)? {
                ambassadors.insert(a.id, a);
            }
        }
        (students, ambassadors)
    };
    Ok(pairs
        .into_iter()
        .map(|pair| {
            let student = students.get(&pair.student_id);
            let ambassador = ambassadors.get(&pair.ambassador_id);
            explain::explain(pair, student, ambassador, &rules)
        })
        .collect())
}

/// A change recorded by the store, with its pairs explained for the window.
pub(crate) fn explained(
    store: &Store,
    edition: EditionId,
    change: Change,
) -> Result<BoardChange, StoreError> {
    Ok(BoardChange {
        pairs: explain_pairs(store, edition, change.pairs)?,
        label: change.label,
        removed: change.removed,
        forbidden_changed: change.forbidden_changed,
        withdrawals_changed: change.withdrawals_changed,
        people_changed: change.people_changed,
        history: change.history,
    })
}

/// A student put with an ambassador, swapped, replaced or taken out of their pair.
pub fn move_student(
    store: &mut Store,
    edition: EditionId,
    student_move: &Move,
) -> Result<BoardChange, StoreError> {
    let change = store.move_student(edition, student_move)?;
    explained(store, edition, change)
}

/// Lock, status, note or agreed date of one pair or many.
pub fn edit_pairs(
    store: &mut Store,
    edition: EditionId,
    pairs: &[PairId],
    edit: &PairEdit,
) -> Result<BoardChange, StoreError> {
    let change = store.edit_pairs(edition, pairs, edit)?;
    explained(store, edition, change)
}

/// Rules a pair out (and undoes it if it exists). A blank reason is no reason.
pub fn forbid_pair(
    store: &mut Store,
    edition: EditionId,
    student: StudentId,
    ambassador: AmbassadorId,
    reason: Option<String>,
) -> Result<BoardChange, StoreError> {
    let change = store.forbid_pair(&ForbiddenPair {
        edition_id: edition,
        student_id: student,
        ambassador_id: ambassador,
        reason: reason.filter(|r| !r.trim().is_empty()),
    })?;
    explained(store, edition, change)
}

pub fn undo(store: &mut Store, edition: EditionId) -> Result<BoardChange, StoreError> {
    let change = store.undo(edition)?;
    explained(store, edition, change)
}

pub fn redo(store: &mut Store, edition: EditionId) -> Result<BoardChange, StoreError> {
    let change = store.redo(edition)?;
    explained(store, edition, change)
}

/// The edition's history, newest first.
pub fn history(store: &Store, edition: EditionId) -> Result<Vec<HistoryEntry>, StoreError> {
    store.history(edition)
}

/// A student or an ambassador withdrew (`date` AAAA-MM-JJ): their pair is undone (an undoable
/// change).
pub fn withdraw(
    store: &mut Store,
    edition: EditionId,
    role: Role,
    person: i64,
    reason: Option<&str>,
    date: &str,
) -> Result<BoardChange, StoreError> {
    let change = store.withdraw(edition, role, person, reason, date)?;
    explained(store, edition, change)
}

/// The students and ambassadors of an edition who did not withdraw.
pub(crate) fn present(
    store: &Store,
    edition: EditionId,
) -> Result<(Vec<Student>, Vec<Ambassador>), StoreError> {
    let (gone_students, gone_ambassadors) = store.withdrawn(edition)?;
    let mut students = store.list_students(edition)?;
    students.retain(|s| !gone_students.contains(&s.id));
    let mut ambassadors = store.list_ambassadors(edition)?;
    ambassadors.retain(|a| !gone_ambassadors.contains(&a.id));
    Ok((students, ambassadors))
}

/// The whole edition read once, for what needs everyone (the workbook, the dashboard, the
/// diagnoses): each person read and each pair explained once, however many of those are made.
pub struct Everyone {
    /// Everyone who signed up, those who withdrew included.
    pub students: Vec<Student>,
    pub ambassadors: Vec<Ambassador>,
    pub pairs: Vec<Pair>,
    pub rules: crate::suggest::Rules,
    withdrawn: (
        std::collections::HashSet<StudentId>,
        std::collections::HashSet<AmbassadorId>,
    ),
}

impl Everyone {
    pub fn read(store: &Store, edition: EditionId) -> Result<Everyone, StoreError> {
        Ok(Everyone {
            students: store.list_students(edition)?,
            ambassadors: store.list_ambassadors(edition)?,
            pairs: store.list_pairs(edition)?,
            rules: rules(store, edition)?,
            withdrawn: store.withdrawn(edition)?,
        })
    }

    /// Those who have not withdrawn, as [`present`] gives them.
    pub fn present(&self) -> (Vec<Student>, Vec<Ambassador>) {
        let (gone_students, gone_ambassadors) = &self.withdrawn;
        (
            self.students
                .iter()
                .filter(|s| !gone_students.contains(&s.id))
                .cloned()
                .collect(),
            self.ambassadors
                .iter()
                .filter(|a| !gone_ambassadors.contains(&a.id))
                .cloned()
                .collect(),
        )
    }

    /// Every pair explained, in the store's order, as [`explained_pairs`] gives them.
    pub fn explained(&self) -> Vec<ExplainedPair> {
        let students: HashMap<StudentId, &Student> =
            self.students.iter().map(|s| (s.id, s)).collect();
        let ambassadors: HashMap<AmbassadorId, &Ambassador> =
            self.ambassadors.iter().map(|a| (a.id, a)).collect();
        self.pairs
            .iter()
            .map(|pair| {
                explain::explain(
                    pair.clone(),
                    students.get(&pair.student_id).copied(),
                    ambassadors.get(&pair.ambassador_id).copied(),
                    &self.rules,
                )
            })
            .collect()
    }

    /// Why each student present without a pair has none, as [`super::suggest::unpaired`].
    pub fn unpaired(
        &self,
        present: &(Vec<Student>, Vec<Ambassador>),
        forbidden: &[ForbiddenPair],
    ) -> Vec<Unpaired> {
        suggest::diagnoses(&suggest::Input {
            students: &present.0,
            ambassadors: &present.1,
            pairs: &self.pairs,
            forbidden,
            rules: &self.rules,
        })
    }
}

/// A student against every ambassador: the reasons of each allowed pair, why the others are
/// not ("Pourquoi ?", and the alternates).
pub fn compatibility(
    store: &Store,
    edition: EditionId,
    student: StudentId,
) -> Result<Vec<Compatibility>, StoreError> {
    // Only what this student's list needs is read: it is read again after every change on the
    // board.
    let found = store
        .student(edition, student)?
        .ok_or(StoreError::StudentNotFound { student })?;
    let rules = rules(store, edition)?;
    let pairs = store.list_pairs(edition)?;
    let forbidden = store.forbidden_for(found.id)?;
    let (_, withdrawn) = store.withdrawn(edition)?;
    let mut ambassadors = store.list_ambassadors(edition)?;
    ambassadors.retain(|a| !withdrawn.contains(&a.id));
    Ok(explain::compatibility(
        &found,
        &ambassadors,
        &pairs,
        &forbidden,
        &rules,
    ))
}

/// Who could take the place of an ambassador left alone, best first.
pub fn replacement_candidates(
    store: &Store,
    edition: EditionId,
    ambassador: AmbassadorId,
) -> Result<Vec<Candidate>, StoreError> {
    let rules = rules(store, edition)?;
    let host = store
        .ambassador(edition, ambassador)?
        .ok_or(StoreError::AmbassadorNotFound { ambassador })?;
    let (withdrawn_students, _) = store.withdrawn(edition)?;
    let mut students = store.list_students(edition)?;
    students.retain(|s| !withdrawn_students.contains(&s.id));
    let forbidden = store
        .forbidden_pairs(edition)?
        .into_iter()
        .filter(|f| f.ambassador_id == ambassador)
        .map(|f| f.student_id)
        .collect();
    Ok(explain::candidates(
        &host,
        &students,
        &store.list_pairs(edition)?,
        &forbidden,
        &rules,
    ))
}
