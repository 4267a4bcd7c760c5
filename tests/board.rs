//! The board, through the store on a real SQLite file: moves by hand (assign, swap, replace,
//! unpair), edits of pairs one by one and in bulk, and undo / redo of all of it — surviving a
//! restart of the application.

use binome::model::{
    Ambassador, AmbassadorId, EditionId, ForbiddenPair, PairOrigin, PairStatus, StudentId,
};
use binome::store::{Move, PairEdit, StoreError};
use binome::Store;

struct Board {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    edition: EditionId,
}

/// The demo edition, suggested.
fn suggested_board() -> Board {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binomes.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let edition = binome::actions::demo::open_demo_edition(&mut store)
        .unwrap()
        .id;
    binome::actions::suggest::suggest(&mut store, edition).unwrap();
    Board {
        _dir: dir,
        path,
        store,
        edition,
    }
}

impl Board {
    fn ambassador_of(&self, student: StudentId) -> Option<AmbassadorId> {
        self.store
            .list_pairs(self.edition)
            .unwrap()
            .into_iter()
            .find(|p| p.student_id == student)
            .map(|p| p.ambassador_id)
    }
    fn unpaired_student(&self) -> StudentId {
        let paired: Vec<_> = self
            .store
            .list_pairs(self.edition)
            .unwrap()
            .iter()
            .map(|p| p.student_id)
            .collect();
        self.store
            .list_students(self.edition)
            .unwrap()
            .into_iter()
            .find(|s| !paired.contains(&s.id))
            .expect("the demo leaves students unpaired")
            .id
    }
    /// Ambassadors of capacity 1 hosting one student, with that student.
    fn full_single_places(&self) -> Vec<(Ambassador, StudentId)> {
        let pairs = self.store.list_pairs(self.edition).unwrap();
        self.store
            .list_ambassadors(self.edition)
            .unwrap()
            .into_iter()
            .filter(|a| a.capacity == 1)
            .filter_map(|a| {
                let student = pairs.iter().find(|p| p.ambassador_id == a.id)?.student_id;
                Some((a, student))
            })
            .collect()
    }
    fn free_ambassador(&self) -> Ambassador {
        let pairs = self.store.list_pairs(self.edition).unwrap();
        self.store
            .list_ambassadors(self.edition)
            .unwrap()
            .into_iter()
            .find(|a| a.capacity > pairs.iter().filter(|p| p.ambassador_id == a.id).count() as u32)
            .expect("the demo has free places")
    }
    fn snapshot(&self) -> Vec<binome::model::Pair> {
        self.store.list_pairs(self.edition).unwrap()
    }
}

fn to(student: StudentId, ambassador: AmbassadorId) -> Move {
    Move {
        student,
        to: Some(ambassador),
        displace: None,
        swap: false,
    }
}

fn unpair(student: StudentId) -> Move {
    Move {
        student,
        to: None,
        displace: None,
        swap: false,
    }
}

fn displacing(
    student: StudentId,
    ambassador: AmbassadorId,
    displaced: StudentId,
    swap: bool,
) -> Move {
    Move {
        student,
        to: Some(ambassador),
        displace: Some(displaced),
        swap,
    }
}

#[test]
fn a_student_dropped_on_a_free_ambassador_is_paired_by_hand_locked_and_undoable() {
    let mut b = suggested_board();
    let before = b.snapshot();
    let student = b.unpaired_student();
    let ambassador = b.free_ambassador();
    let change =
        binome::actions::board::move_student(&mut b.store, b.edition, &to(student, ambassador.id))
            .unwrap();
    assert_eq!(change.pairs.len(), 1);
    let made = &change.pairs[0];
    assert_eq!(
        (made.pair.student_id, made.pair.ambassador_id),
        (student, ambassador.id)
    );
    assert_eq!(made.pair.origin, PairOrigin::Manual);
    assert!(
        made.pair.locked,
        "a pair made by hand is kept by the next suggestion"
    );
    assert!(change.label.contains(" avec "), "{}", change.label);
    assert_eq!(change.history.undo.as_deref(), Some(change.label.as_str()));
    assert_eq!(change.history.redo, None);

    let undone = binome::actions::board::undo(&mut b.store, b.edition).unwrap();
    assert_eq!(undone.removed, vec![made.pair.id]);
    assert_eq!(b.snapshot(), before);
    assert!(undone.history.redo.is_some());

    let redone = binome::actions::board::redo(&mut b.store, b.edition).unwrap();
    assert_eq!(redone.pairs[0].pair, made.pair, "the same pair, same id");
    assert_eq!(b.ambassador_of(student), Some(ambassador.id));
}

#[test]
fn a_full_ambassador_refuses_a_drop_unless_someone_is_swapped_or_replaced() {
    let mut b = suggested_board();
    let places = b.full_single_places();
    let (x, a) = (&places[0].0, places[0].1);
    let (y, c) = (&places[1].0, places[1].1);
    let history_before = b.store.history(b.edition).unwrap().len();

    // Dropping A on Y (full) with nobody to displace: refused, nothing changed.
    let refused = binome::actions::board::move_student(&mut b.store, b.edition, &to(a, y.id));
    assert!(matches!(refused, Err(StoreError::AmbassadorFull { .. })));
    assert_eq!(b.ambassador_of(a), Some(x.id));
    assert_eq!(b.store.history(b.edition).unwrap().len(), history_before);

    // Swap: A goes to Y, C takes A's place with X.
    let before = b.snapshot();
    let change = binome::actions::board::move_student(
        &mut b.store,
        b.edition,
        &displacing(a, y.id, c, true),
    )
    .unwrap();
    assert!(change.label.starts_with("Échange"), "{}", change.label);
    assert_eq!(b.ambassador_of(a), Some(y.id));
    assert_eq!(b.ambassador_of(c), Some(x.id));
    binome::actions::board::undo(&mut b.store, b.edition).unwrap();
    assert_eq!(b.snapshot(), before, "one undo undoes the whole swap");

    // Replace: A goes to Y, C goes back to the unpaired list.
    binome::actions::board::move_student(&mut b.store, b.edition, &displacing(a, y.id, c, false))
        .unwrap();
    assert_eq!(b.ambassador_of(a), Some(y.id));
    assert_eq!(b.ambassador_of(c), None);
    assert_eq!(b.ambassador_of(places[0].1), Some(y.id));
    // X is free now.
    assert!(!b.snapshot().iter().any(|p| p.ambassador_id == x.id));
}

#[test]
fn dragging_back_to_the_list_unpairs_and_a_forbidden_pair_is_never_made() {
    let mut b = suggested_board();
    let (x, a) = b.full_single_places().remove(0);
    let change = binome::actions::board::move_student(&mut b.store, b.edition, &unpair(a)).unwrap();
    assert_eq!(change.removed.len(), 1);
    assert!(change.label.contains("retiré"), "{}", change.label);
    assert_eq!(b.ambassador_of(a), None);

    let forbidden = b.store.forbid_pair(&ForbiddenPair {
        edition_id: b.edition,
        student_id: a,
        ambassador_id: x.id,
        reason: Some("conflit d'intérêts".into()),
    });
    assert!(forbidden.unwrap().forbidden_changed);
    let refused = binome::actions::board::move_student(&mut b.store, b.edition, &to(a, x.id));
    assert!(matches!(refused, Err(StoreError::ForbiddenPair { .. })));
    // Undoing the ban allows the pair again.
    binome::actions::board::undo(&mut b.store, b.edition).unwrap();
    assert!(b.store.forbidden_pairs(b.edition).unwrap().is_empty());
    binome::actions::board::move_student(&mut b.store, b.edition, &to(a, x.id)).unwrap();
    assert_eq!(b.ambassador_of(a), Some(x.id));
}

#[test]
fn pairs_are_edited_in_bulk_with_note_and_agreed_date_and_bad_dates_are_refused() {
    let mut b = suggested_board();
    let ids: Vec<_> = b.snapshot().iter().take(3).map(|p| p.id).collect();
    let change = binome::actions::board::edit_pairs(
        &mut b.store,
        b.edition,
        &ids,
        &PairEdit {
            status: Some(PairStatus::Validated),
            ..PairEdit::default()
        },
    )
    .unwrap();
    assert_eq!(change.pairs.len(), 3);
    assert!(change
        .pairs
        .iter()
        .all(|p| p.pair.status == PairStatus::Validated));
    assert_eq!(change.label, "3 binômes : passé à « validé »");

    let one = &ids[..1];
    binome::actions::board::edit_pairs(
        &mut b.store,
        b.edition,
        one,
        &PairEdit {
            note: Some("  Vient avec son tuteur  ".into()),
            agreed_date: Some("2027-03-12".into()),
            ..PairEdit::default()
        },
    )
    .unwrap();
    let pair = b.snapshot().into_iter().find(|p| p.id == ids[0]).unwrap();
    assert_eq!(pair.note.as_deref(), Some("Vient avec son tuteur"));
    assert_eq!(pair.agreed_date.as_deref(), Some("2027-03-12"));

    let bad = binome::actions::board::edit_pairs(
        &mut b.store,
        b.edition,
        one,
        &PairEdit {
            agreed_date: Some("12/03/2027".into()),
            ..PairEdit::default()
        },
    );
    let message = bad.unwrap_err().to_string();
    assert!(
        message.contains("12/03/2027") && message.contains("AAAA-MM-JJ"),
        "{message}"
    );

    // Clearing with empty texts.
    binome::actions::board::edit_pairs(
        &mut b.store,
        b.edition,
        one,
        &PairEdit {
            note: Some(String::new()),
            agreed_date: Some(" ".into()),
            ..PairEdit::default()
        },
    )
    .unwrap();
    let pair = b.snapshot().into_iter().find(|p| p.id == ids[0]).unwrap();
    assert_eq!((pair.note, pair.agreed_date), (None, None));
}

#[test]
fn undo_and_redo_survive_a_restart_and_a_new_change_drops_the_redo_which_the_history_keeps() {
    let mut b = suggested_board();
    let suggested = b.snapshot();
    let (_, a) = b.full_single_places().remove(0);
    binome::actions::board::move_student(&mut b.store, b.edition, &unpair(a)).unwrap();
    let after_move = b.snapshot();

    // Restart: a new store on the same file.
    drop(b.store);
    let mut store = Store::open(&b.path).unwrap();
    assert_eq!(store.list_pairs(b.edition).unwrap(), after_move);
    let state = store.history_state(b.edition).unwrap();
    assert!(state.undo.unwrap().contains("retiré"));
    binome::actions::board::undo(&mut store, b.edition).unwrap();
    assert_eq!(store.list_pairs(b.edition).unwrap(), suggested);

    // The suggestion itself is a change: undoing it empties the board.
    binome::actions::board::undo(&mut store, b.edition).unwrap();
    assert!(store.list_pairs(b.edition).unwrap().is_empty());
    assert!(matches!(
        binome::actions::board::undo(&mut store, b.edition),
        Err(StoreError::NothingToUndo)
    ));
    binome::actions::board::redo(&mut store, b.edition).unwrap();
    assert_eq!(store.list_pairs(b.edition).unwrap(), suggested);

    // A new change after an undo: nothing left to redo.
    binome::actions::board::edit_pairs(
        &mut store,
        b.edition,
        &[suggested[0].id],
        &PairEdit {
            locked: Some(true),
            ..PairEdit::default()
        },
    )
    .unwrap();
    assert!(matches!(
        binome::actions::board::redo(&mut store, b.edition),
        Err(StoreError::NothingToRedo)
    ));

    // Every change is listed, the one undone and dropped from redo too (#18), and a change to
    // one pair names it.
    let history = store.history(b.edition).unwrap();
    assert_eq!(
        history.len(),
        3,
        "the suggestion, the move undone, the lock"
    );
    let name = |first: &str, last: &str| format!("{first} {last}").trim().to_string();
    let student = store
        .list_students(b.edition)
        .unwrap()
        .into_iter()
        .find(|s| s.id == suggested[0].student_id)
        .unwrap();
    let ambassador = store
        .list_ambassadors(b.edition)
        .unwrap()
        .into_iter()
        .find(|a| a.id == suggested[0].ambassador_id)
        .unwrap();
    assert_eq!(
        history[0].label,
        format!(
            "{} ↔ {} : verrouillé",
            name(&student.identity.first_name, &student.identity.last_name),
            name(
                &ambassador.identity.first_name,
                &ambassador.identity.last_name
            )
        )
    );
    assert!(!history[0].undone);
    assert!(history[1].label.contains("retiré"), "{}", history[1].label);
    assert!(history[1].undone, "the move, undone, still listed");
    assert!(history[2].label.starts_with("Proposition des binômes"));
    assert!(!history[2].undone);
    assert!(history.iter().all(|h| !h.author.is_empty()));
    // Undo goes back over the lock only: the dropped move is not redone or undone again.
    binome::actions::board::undo(&mut store, b.edition).unwrap();
    binome::actions::board::redo(&mut store, b.edition).unwrap();
    assert!(matches!(
        binome::actions::board::redo(&mut store, b.edition),
        Err(StoreError::NothingToRedo)
    ));
}

#[test]
fn a_locked_pair_holds_when_the_rest_is_suggested_again() {
    let mut b = suggested_board();
    let student = b.unpaired_student();
    let ambassador = b.free_ambassador();
    binome::actions::board::move_student(&mut b.store, b.edition, &to(student, ambassador.id))
        .unwrap();
    let (suggestion, change) =
        binome::actions::suggest::suggest_on_board(&mut b.store, b.edition).unwrap();
    assert_eq!(suggestion.kept.len(), 1);
    assert_eq!(b.ambassador_of(student), Some(ambassador.id));
    assert!(change.history.undo.is_some());
}

/// What a suggestion answers the board is exactly what changed on it: the pairs shown before,
/// with it applied, are the pairs read again afterwards — a locked pair kept, the others replaced.
#[test]
fn a_suggestion_from_the_board_answers_with_exactly_what_changed_on_it() {
    let mut b = suggested_board();
    // A pair made by hand (locked), which the next suggestion keeps.
    let student = b.unpaired_student();
    let ambassador = b.free_ambassador();
    binome::actions::board::move_student(&mut b.store, b.edition, &to(student, ambassador.id))
        .unwrap();
    let shown: std::collections::BTreeMap<_, _> =
        binome::actions::board::explained_pairs(&b.store, b.edition)
            .unwrap()
            .into_iter()
            .map(|p| (p.pair.id, p))
            .collect();
    let backups = binome::store::list_backups(b.path.parent().unwrap()).len();

    let change = binome::actions::suggest::suggest_from_board(&mut b.store, b.edition).unwrap();

    let mut applied = shown.clone();
    for id in &change.removed {
        assert!(applied.remove(id).is_some(), "removed {id:?} was not shown");
    }
    for pair in &change.pairs {
        applied.insert(pair.pair.id, pair.clone());
    }
    let read_again: std::collections::BTreeMap<_, _> =
        binome::actions::board::explained_pairs(&b.store, b.edition)
            .unwrap()
            .into_iter()
            .map(|p| (p.pair.id, p))
            .collect();
    assert_eq!(applied, read_again);
    assert!(!change.pairs.is_empty() || !change.removed.is_empty());
    assert_eq!(
        b.ambassador_of(student),
        Some(ambassador.id),
        "the hand-made pair is kept"
    );
    assert!(change.history.undo.is_some());
    assert!(!change.withdrawals_changed && !change.people_changed);
    assert_eq!(
        binome::store::list_backups(b.path.parent().unwrap()).len(),
        backups + 1,
        "a backup first"
    );
}

/// Many random changes of every kind, then undo all the way back — each step must find the board
/// exactly as it was at that point — then redo all the way forward.
#[test]
fn undoing_every_change_walks_back_through_every_state_and_redo_walks_forward() {
    let mut b = suggested_board();
    let students: Vec<StudentId> = b
        .store
        .list_students(b.edition)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    let ambassadors: Vec<AmbassadorId> = b
        .store
        .list_ambassadors(b.edition)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    // A small deterministic generator: the same run every time.
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize % n
    };
    let mut states = vec![b.snapshot()];
    let mut made = 0;
    while made < 60 {
        let student = students[next(students.len())];
        let ambassador = ambassadors[next(ambassadors.len())];
        let pairs = b.snapshot();
        let result = match next(5) {
            0 | 1 => binome::actions::board::move_student(
                &mut b.store,
                b.edition,
                &to(student, ambassador),
            ),
            2 => binome::actions::board::move_student(&mut b.store, b.edition, &unpair(student)),
            3 => match pairs.iter().find(|p| p.ambassador_id == ambassador) {
                Some(taken) => binome::actions::board::move_student(
                    &mut b.store,
                    b.edition,
                    &displacing(student, ambassador, taken.student_id, next(2) == 0),
                ),
                None => continue,
            },
            _ => {
                let some: Vec<_> = pairs.iter().take(next(4) + 1).map(|p| p.id).collect();
                binome::actions::board::edit_pairs(
                    &mut b.store,
                    b.edition,
                    &some,
                    &PairEdit {
                        locked: Some(next(2) == 0),
                        status: Some(PairStatus::Validated),
                        note: Some(format!("note {made}")),
                        ..PairEdit::default()
                    },
                )
            }
        };
        // Refusals (full, forbidden, nothing to do) change nothing and record nothing.
        match result {
            Ok(change) if !change.label.is_empty() => {
                states.push(b.snapshot());
                made += 1;
            }
            _ => assert_eq!(&b.snapshot(), states.last().unwrap()),
        }
    }
    for state in states.iter().rev().skip(1) {
        binome::actions::board::undo(&mut b.store, b.edition).unwrap();
        assert_eq!(&b.snapshot(), state);
    }
    for state in states.iter().skip(1) {
        binome::actions::board::redo(&mut b.store, b.edition).unwrap();
        assert_eq!(&b.snapshot(), state);
    }
    assert!(matches!(
        binome::actions::board::redo(&mut b.store, b.edition),
        Err(StoreError::NothingToRedo)
    ));
}

#[test]
fn a_withdrawal_undoes_the_pair_proposes_replacements_and_is_undoable() {
    let mut b = suggested_board();
    // An ambassador some unpaired student could go to, had they room.
    let (a, s) = b
        .full_single_places()
        .into_iter()
        .find(|(a, _)| {
            !binome::actions::board::replacement_candidates(&b.store, b.edition, a.id)
                .unwrap()
                .is_empty()
        })
        .expect("a full ambassador with would-be candidates");
    let before = b.snapshot();
    let change = binome::actions::board::withdraw(
        &mut b.store,
        b.edition,
        binome::model::Role::Student,
        s.0,
        Some("malade"),
        "2026-11-20",
    )
    .unwrap();
    assert!(change.withdrawals_changed);
    assert!(
        change.label.starts_with("Retrait de") && change.label.contains("malade"),
        "{}",
        change.label
    );
    assert_eq!(change.removed.len(), 1);
    assert_eq!(b.ambassador_of(s), None);
    let withdrawals = b.store.withdrawals(b.edition).unwrap();
    assert_eq!(
        (withdrawals[0].person, withdrawals[0].withdrawn_on.as_str()),
        (s.0, "2026-11-20")
    );

    // Who could take the place: unpaired students, best score first, never the one who left.
    let candidates =
        binome::actions::board::replacement_candidates(&b.store, b.edition, a.id).unwrap();
    assert!(!candidates.is_empty());
    assert!(candidates.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(candidates
        .iter()
        .all(|c| c.student != s && b.ambassador_of(c.student).is_none()));
    binome::actions::board::move_student(&mut b.store, b.edition, &to(candidates[0].student, a.id))
        .unwrap();
    assert_eq!(b.ambassador_of(candidates[0].student), Some(a.id));

    // Left out of what follows: the suggestion, the unpaired diagnoses, the alternates.
    let suggestion = binome::actions::suggest::suggest(&mut b.store, b.edition).unwrap();
    assert!(suggestion.proposed.iter().all(|p| p.student != s));
    assert!(binome::actions::suggest::unpaired(&b.store, b.edition)
        .unwrap()
        .iter()
        .all(|u| u.student != s));
    assert_eq!(b.ambassador_of(s), None);

    // Undone in the history like any change: the suggestion, the replacement, the withdrawal.
    for _ in 0..3 {
        binome::actions::board::undo(&mut b.store, b.edition).unwrap();
    }
    assert_eq!(b.snapshot(), before);
    assert!(b.store.withdrawals(b.edition).unwrap().is_empty());
}

#[test]
fn an_ambassador_who_withdraws_leaves_their_students_and_every_suggestion() {
    let mut b = suggested_board();
    let (a, s) = b.full_single_places().remove(0);
    let bad_date = binome::actions::board::withdraw(
        &mut b.store,
        b.edition,
        binome::model::Role::Ambassador,
        a.id.0,
        None,
        "demain",
    );
    assert!(bad_date.unwrap_err().to_string().contains("demain"));
    binome::actions::board::withdraw(
        &mut b.store,
        b.edition,
        binome::model::Role::Ambassador,
        a.id.0,
        None,
        "2026-11-21",
    )
    .unwrap();
    assert_eq!(b.ambassador_of(s), None);
    assert!(
        binome::actions::board::compatibility(&b.store, b.edition, s)
            .unwrap()
            .iter()
            .all(|c| c.ambassador != a.id)
    );
    let suggestion = binome::actions::suggest::suggest(&mut b.store, b.edition).unwrap();
    assert!(suggestion.proposed.iter().all(|p| p.ambassador != a.id));
}

#[test]
fn a_withdrawal_is_of_a_person_of_the_edition_and_goes_with_them() {
    let mut b = suggested_board();
    // Another edition, with people of its own.
    let other = b
        .store
        .create_edition(&binome::model::NewEdition {
            name: "Vis mon job 2025".into(),
            event_date: None,
        })
        .unwrap()
        .id;
    let student = b.store.list_students(b.edition).unwrap()[0].id;
    let ambassador = b.store.list_ambassadors(b.edition).unwrap()[0].id;
    let history = binome::actions::board::history(&b.store, b.edition)
        .unwrap()
        .len();
    // The window sends the edition and a person's id: a person of another edition is refused.
    for (role, id) in [
        (binome::model::Role::Student, student.0),
        (binome::model::Role::Ambassador, ambassador.0),
    ] {
        let refused =
            binome::actions::board::withdraw(&mut b.store, other, role, id, None, "2026-11-20");
        assert!(refused.is_err(), "{role:?} of another edition withdrew");
    }
    assert!(b.store.withdrawals(other).unwrap().is_empty());
    assert!(b.store.withdrawals(b.edition).unwrap().is_empty());
    assert_eq!(
        binome::actions::board::history(&b.store, b.edition)
            .unwrap()
            .len(),
        history,
        "a refused withdrawal is no change"
    );
    // In the database itself: no withdrawal of a person who is not in its edition.
    binome::actions::board::withdraw(
        &mut b.store,
        b.edition,
        binome::model::Role::Student,
        student.0,
        None,
        "2026-11-20",
    )
    .unwrap();
    let conn = rusqlite::Connection::open(&b.path).unwrap();
    let forged = conn.execute(
        "INSERT INTO withdrawal (edition_id, role, person_id, reason, withdrawn_on)
         VALUES (?1, 'student', ?2, NULL, '2026-11-20')",
        rusqlite::params![other, 999_999],
    );
    assert!(forged.is_err(), "a withdrawal of nobody was stored");
    // A person removed takes their withdrawal with them.
    conn.execute("PRAGMA foreign_keys = ON", []).unwrap();
    conn.execute("DELETE FROM pair WHERE student_id = ?1", [student])
        .unwrap();
    conn.execute("DELETE FROM student WHERE id = ?1", [student])
        .unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM withdrawal WHERE role = 'student' AND person_id = ?1",
            [student],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}
