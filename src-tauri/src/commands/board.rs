//! The pairing board: everything it shows in one call, and every change made on it (moves,
//! edits of pairs, forbidden pairs, undo and redo). Each change returns what changed, so the
//! window updates without reading the board again.

use binome::model::{
    Ambassador, AmbassadorId, EditionId, ForbiddenPair, PairId, Student, StudentId,
};
use binome::store::{BoardChange, ExplainedPair, HistoryEntry, HistoryState, Move, PairEdit};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// What the board shows when it opens.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardData {
    pub students: Vec<Student>,
    pub ambassadors: Vec<Ambassador>,
    pub pairs: Vec<ExplainedPair>,
    pub history: HistoryState,
    /// The départements where these people are, with their région, for the filters.
    pub departements: Vec<DepartementEntry>,
    /// People who withdrew: shown apart, out of the grid and the unpaired list.
    pub withdrawals: Vec<binome::model::Withdrawal>,
}

#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DepartementEntry {
    pub code: String,
    pub name: String,
    pub region: String,
    pub region_name: String,
}

fn departements_of(students: &[Student], ambassadors: &[Ambassador]) -> Vec<DepartementEntry> {
    let geography = binome::referentials::geography::Geography::get();
    let codes: std::collections::BTreeSet<&str> = students
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

#[tauri::command]
pub fn load_board(state: State<'_, AppState>, edition: EditionId) -> Result<BoardData, IpcError> {
    state.with_store(|store| {
        let students = store.list_students(edition)?;
        let ambassadors = store.list_ambassadors(edition)?;
        Ok(BoardData {
            departements: departements_of(&students, &ambassadors),
            pairs: store.explained_pairs(edition)?,
            history: store.history_state(edition)?,
            withdrawals: store.withdrawals(edition)?,
            students,
            ambassadors,
        })
    })
}

/// A student put with an ambassador, swapped, replaced or taken out of their pair.
#[tauri::command]
pub fn move_student(
    state: State<'_, AppState>,
    edition: EditionId,
    student_move: Move,
) -> Result<BoardChange, IpcError> {
    state.with_store(|store| store.move_student(edition, &student_move))
}

/// Lock, status, note or agreed date of one pair or many.
#[tauri::command]
pub fn edit_pairs(
    state: State<'_, AppState>,
    edition: EditionId,
    pairs: Vec<PairId>,
    edit: PairEdit,
) -> Result<BoardChange, IpcError> {
    state.with_store(|store| store.edit_pairs(edition, &pairs, &edit))
}

/// Rules a pair out (and undoes it if it exists).
#[tauri::command]
pub fn forbid_pair(
    state: State<'_, AppState>,
    edition: EditionId,
    student: StudentId,
    ambassador: AmbassadorId,
    reason: Option<String>,
) -> Result<BoardChange, IpcError> {
    state.with_store(|store| {
        store.forbid_pair(&ForbiddenPair {
            edition_id: edition,
            student_id: student,
            ambassador_id: ambassador,
            reason: reason.filter(|r| !r.trim().is_empty()),
        })
    })
}

#[tauri::command]
pub fn undo(state: State<'_, AppState>, edition: EditionId) -> Result<BoardChange, IpcError> {
    state.with_store(|store| store.undo(edition))
}

#[tauri::command]
pub fn redo(state: State<'_, AppState>, edition: EditionId) -> Result<BoardChange, IpcError> {
    state.with_store(|store| store.redo(edition))
}

#[tauri::command]
pub fn history(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<HistoryEntry>, IpcError> {
    state.with_store(|store| store.history(edition))
}

/// A student or an ambassador withdrew: their pair is undone (an undoable change).
#[tauri::command]
pub fn withdraw(
    state: State<'_, AppState>,
    edition: EditionId,
    role: binome::model::Role,
    person: i64,
    reason: Option<String>,
    date: String,
) -> Result<BoardChange, IpcError> {
    state.with_store(|store| store.withdraw(edition, role, person, reason.as_deref(), &date))
}

/// Who could take the place of an ambassador left alone, best first.
#[tauri::command]
pub fn replacement_candidates(
    state: State<'_, AppState>,
    edition: EditionId,
    ambassador: AmbassadorId,
) -> Result<Vec<binome::store::Candidate>, IpcError> {
    state.with_store(|store| store.candidates_for(edition, ambassador))
}
