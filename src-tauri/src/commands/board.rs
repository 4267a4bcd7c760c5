//! The pairing board: everything it shows in one call, and every change made on it (moves,
//! edits of pairs, forbidden pairs, undo and redo, withdrawals).

use binome::actions::board::{self, BoardChange, BoardData};
use binome::model::{AmbassadorId, EditionId, PairId, Role, StudentId};
use binome::store::{HistoryEntry, Move, PairEdit};
use binome::suggest::Candidate;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn load_board(state: State<'_, AppState>, edition: EditionId) -> Result<BoardData, IpcError> {
    let board = state.with_reader(|store| board::load(store, edition));
    crate::late_answers::hold_back("load_board");
    board
}

/// A student put with an ambassador, swapped, replaced or taken out of their pair.
#[tauri::command(async)]
pub fn move_student(
    state: State<'_, AppState>,
    edition: EditionId,
    student_move: Move,
) -> Result<BoardChange, IpcError> {
    state.with_store(|store| board::move_student(store, edition, &student_move))
}

/// Lock, status, note or agreed date of one pair or many.
#[tauri::command(async)]
pub fn edit_pairs(
    state: State<'_, AppState>,
    edition: EditionId,
    pairs: Vec<PairId>,
    edit: PairEdit,
) -> Result<BoardChange, IpcError> {
    state.with_store(|store| board::edit_pairs(store, edition, &pairs, &edit))
}

/// Rules a pair out (and undoes it if it exists).
#[tauri::command(async)]
pub fn forbid_pair(
    state: State<'_, AppState>,
    edition: EditionId,
    student: StudentId,
    ambassador: AmbassadorId,
    reason: Option<String>,
) -> Result<BoardChange, IpcError> {
    state.with_store(|store| board::forbid_pair(store, edition, student, ambassador, reason))
}

#[tauri::command(async)]
pub fn undo(state: State<'_, AppState>, edition: EditionId) -> Result<BoardChange, IpcError> {
    state.with_store(|store| board::undo(store, edition))
}

#[tauri::command(async)]
pub fn redo(state: State<'_, AppState>, edition: EditionId) -> Result<BoardChange, IpcError> {
    state.with_store(|store| board::redo(store, edition))
}

#[tauri::command(async)]
pub fn history(
    state: State<'_, AppState>,
    edition: EditionId,
) -> Result<Vec<HistoryEntry>, IpcError> {
    state.with_reader(|store| board::history(store, edition))
}

/// A student or an ambassador withdrew: their pair is undone (an undoable change).
#[tauri::command(async)]
pub fn withdraw(
    state: State<'_, AppState>,
    edition: EditionId,
    role: Role,
    person: i64,
    reason: Option<String>,
    date: String,
) -> Result<BoardChange, IpcError> {
    state
        .with_store(|store| board::withdraw(store, edition, role, person, reason.as_deref(), &date))
}

/// Who could take the place of an ambassador left alone, best first.
#[tauri::command(async)]
pub fn replacement_candidates(
    state: State<'_, AppState>,
    edition: EditionId,
    ambassador: AmbassadorId,
) -> Result<Vec<Candidate>, IpcError> {
    state.with_store(|store| board::replacement_candidates(store, edition, ambassador))
}
