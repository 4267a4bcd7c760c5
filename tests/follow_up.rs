//! The follow-up after notification (#17): « confirmé », « réalisé », « annulé », « absent » set on
//! pairs through the journal (undoable, in the history) and never moved back by the log; a pair
//! « annulé » owes both people a cancellation as a withdrawal would; reminders and thanks only to
//! visits that take place; the view by date; and the workbook carrying all of it, read back.

mod common;
mod messaging;

use messaging::{ambassador, small_edition, student};

use std::collections::HashSet;

use binome::actions::board;
use binome::actions::messages::{self as msg, Audience};
use binome::export::ExportOptions;
use binome::model::{EditionId, MessageKind, Pair, PairStatus, Role, StudentId};
use binome::store::PairEdit;
use binome::Store;
use calamine::{open_workbook_auto, Data, Reader};

fn all_owed() -> Audience {
    Audience::Owed {
        people: None,
        finals: false,
    }
}

fn now() -> time::OffsetDateTime {
    time::macros::datetime!(2026-10-01 09:30:00 UTC)
}

fn pair_of(store: &Store, edition: EditionId, student: StudentId) -> Pair {
    store
        .list_pairs(edition)
        .unwrap()
        .into_iter()
        .find(|p| p.student_id == student)
        .unwrap()
}

fn set(store: &mut Store, edition: EditionId, pair: &Pair, edit: PairEdit) {
    board::edit_pairs(store, edition, &[pair.id], &edit).unwrap();
}

fn status(status: PairStatus) -> PairEdit {
    PairEdit {
        status: Some(status),
        ..PairEdit::default()
    }
}

/// The small edition with its first wave drafted and confirmed: every pair « notifié ».
fn notified(dir: &std::path::Path) -> (Store, EditionId) {
    let (mut store, edition) = small_edition(dir);
    let wave = msg::write_wave(
        &mut store,
        edition,
        &dir.join("brouillons"),
        &all_owed(),
        now(),
    )
    .unwrap();
    msg::confirm_drafts(&mut store, edition, &wave.logged).unwrap();
    assert!(store
        .list_pairs(edition)
        .unwrap()
        .iter()
        .all(|p| p.status == PairStatus::Notified));
    (store, edition)
}

#[test]
fn follow_up_statuses_go_through_the_journal_and_the_log_never_moves_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = notified(dir.path());
    let zoe = pair_of(&store, edition, student(&store, edition, "Zoé"));
    let leo = pair_of(&store, edition, student(&store, edition, "Léo"));

    set(&mut store, edition, &zoe, status(PairStatus::Confirmed));
    // In bulk, as « Passer les N binômes affichés à … » does: one change for both.
    let change = board::edit_pairs(
        &mut store,
        edition,
        &[zoe.id, leo.id],
        &status(PairStatus::Done),
    )
    .unwrap();
    assert_eq!(change.label, "2 binômes : passé à « réalisé »");
    assert_eq!(change.pairs.len(), 2);
    let history = board::history(&store, edition).unwrap();
    let labels: Vec<&str> = history.iter().map(|h| h.label.as_str()).collect();
    assert!(
        labels.contains(&"Zoé Martin ↔ Claire Durand : passé à « confirmé »"),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"2 binômes : passé à « réalisé »"),
        "{labels:?}"
    );

    // Undone: back to « confirmé » and « notifié »; redone: « réalisé » again.
    board::undo(&mut store, edition).unwrap();
    assert_eq!(
        pair_of(&store, edition, zoe.student_id).status,
        PairStatus::Confirmed
    );
    assert_eq!(
        pair_of(&store, edition, leo.student_id).status,
        PairStatus::Notified
    );
    board::redo(&mut store, edition).unwrap();
    assert_eq!(
        pair_of(&store, edition, leo.student_id).status,
        PairStatus::Done
    );

    // The log says both people were told: « notifié » would follow from it, but the organiser's
    // later word stays, whichever way the pairs are marked again.
    assert_eq!(msg::sync_pair_status(&mut store, edition).unwrap(), 0);
    assert_eq!(
        msg::mark_notified(&mut store, edition, &[zoe.id]).unwrap(),
        0
    );
    assert_eq!(
        pair_of(&store, edition, zoe.student_id).status,
        PairStatus::Done
    );
    // Nothing is owed for a visit that happened.
    assert!(msg::to_notify(&store, edition, false).unwrap().is_empty());

    // Written as SQLite holds it, read back the same (the schema accepts the new statuses).
    drop(store);
    let store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    assert_eq!(
        pair_of(&store, edition, leo.student_id).status,
        PairStatus::Done
    );
}

#[test]
fn a_cancelled_pair_owes_both_people_a_cancellation_and_is_left_out_of_reminders() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = notified(dir.path());
    let ines = student(&store, edition, "Inès");
    let leo = student(&store, edition, "Léo");
    let marc = ambassador(&store, edition, "Marc");
    let claire = ambassador(&store, edition, "Claire");
    let cancelled = pair_of(&store, edition, ines);
    assert_eq!(cancelled.ambassador_id, marc);

    set(
        &mut store,
        edition,
        &cancelled,
        status(PairStatus::Cancelled),
    );
    // The pair stays on record, « annulé »…
    assert_eq!(pair_of(&store, edition, ines).status, PairStatus::Cancelled);
    // …and both people, told of it, are owed a cancellation that says why.
    let owed = msg::to_notify(&store, edition, false).unwrap();
    let who: HashSet<(Role, i64)> = owed.iter().map(|o| (o.role, o.person)).collect();
    assert_eq!(
        who,
        HashSet::from([(Role::Student, ines.0), (Role::Ambassador, marc.0)]),
        "{owed:?}"
    );
    assert!(owed.iter().all(|o| o.kind == MessageKind::Cancellation));
    assert!(
        owed.iter().all(|o| o.reason.contains("« annulé »")),
        "{owed:?}"
    );
    let plan = msg::plan(&store, edition, &all_owed()).unwrap();
    let to_ines = plan
        .messages
        .iter()
        .find(|m| m.role == Role::Student && m.person == ines.0)
        .unwrap();
    assert!(to_ines.body.contains("Marc ROUX"), "{}", to_ines.body);
    assert!(to_ines.pairs.is_empty());

    // Sent: nothing owed any more, and the pair is still « annulé » (not « notifié »).
    let wave = msg::write_wave(
        &mut store,
        edition,
        &dir.path().join("brouillons"),
        &all_owed(),
        now(),
    )
    .unwrap();
    assert_eq!(wave.drafts, 2);
    msg::confirm_drafts(&mut store, edition, &wave.logged).unwrap();
    assert!(msg::to_notify(&store, edition, false).unwrap().is_empty());
    assert_eq!(pair_of(&store, edition, ines).status, PairStatus::Cancelled);

    // Léo was absent on the day: no thanks to him; Claire is thanked for Zoé.
    let leo_pair = pair_of(&store, edition, leo);
    set(&mut store, edition, &leo_pair, status(PairStatus::Absent));
    assert!(msg::to_notify(&store, edition, false).unwrap().is_empty());
    for kind in [MessageKind::Reminder, MessageKind::Thanks] {
        let plan = msg::plan(&store, edition, &Audience::Paired { kind, people: None }).unwrap();
        let to: HashSet<(Role, i64)> = plan.messages.iter().map(|m| (m.role, m.person)).collect();
        assert!(to.contains(&(Role::Ambassador, claire.0)), "{kind:?}");
        assert!(!to.contains(&(Role::Student, ines.0)), "{kind:?}");
        assert!(!to.contains(&(Role::Ambassador, marc.0)), "{kind:?}");
        assert!(!to.contains(&(Role::Student, leo.0)), "{kind:?}");
    }

    // Undoing the cancellation puts the pair back as it was, told: nothing owed.
    board::undo(&mut store, edition).unwrap(); // Léo's absence
    board::undo(&mut store, edition).unwrap(); // the cancellation
    assert_eq!(pair_of(&store, edition, ines).status, PairStatus::Notified);
}

#[test]
fn a_cancelled_pair_never_told_owes_nothing_and_is_kept_by_the_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let ines = student(&store, edition, "Inès");
    let pair = pair_of(&store, edition, ines);
    set(&mut store, edition, &pair, status(PairStatus::Cancelled));
    let owed = msg::to_notify(&store, edition, false).unwrap();
    assert!(
        !owed
            .iter()
            .any(|o| o.role == Role::Student && o.person == ines.0),
        "{owed:?}"
    );
    // Never announced as a new pair to Marc either.
    assert!(!owed.iter().any(|o| o.role == Role::Ambassador
        && o.person == pair.ambassador_id.0
        && o.kind == MessageKind::NewPair));
    // A new suggestion keeps it as it is (the organiser's record).
    binome::actions::suggest::suggest(&mut store, edition).unwrap();
    let again = pair_of(&store, edition, ines);
    assert_eq!((again.id, again.status), (pair.id, PairStatus::Cancelled));
}

#[test]
fn the_view_by_date_groups_visits_by_agreed_day() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = notified(dir.path());
    let (zoe, leo, ines) = (
        pair_of(&store, edition, student(&store, edition, "Zoé")),
        pair_of(&store, edition, student(&store, edition, "Léo")),
        pair_of(&store, edition, student(&store, edition, "Inès")),
    );
    let date = |d: &str| PairEdit {
        agreed_date: Some(d.into()),
        ..PairEdit::default()
    };
    set(&mut store, edition, &zoe, date("2026-11-26"));
    set(&mut store, edition, &leo, date("2026-11-24"));
    set(
        &mut store,
        edition,
        &zoe,
        PairEdit {
            status: Some(PairStatus::Confirmed),
            ..PairEdit::default()
        },
    );

    let view = binome::actions::follow_up::by_date(&store, edition).unwrap();
    assert_eq!(view.official_day.as_deref(), Some("mardi 24 novembre 2026"));
    let days: Vec<(&str, &str, bool)> = view
        .days
        .iter()
        .map(|d| (d.date.as_str(), d.label.as_str(), d.official))
        .collect();
    assert_eq!(
        days,
        [
            ("2026-11-24", "mardi 24 novembre 2026", true),
            ("2026-11-26", "jeudi 26 novembre 2026", false)
        ]
    );
    assert_eq!(view.days[0].pairs[0].student, "Léo BERNARD");
    assert_eq!(view.days[0].pairs[0].ambassador, "Claire DURAND");
    assert_eq!(
        view.days[0].pairs[0].administration.as_deref(),
        // As the referential names it.
        Some("Ministère du Travail, de la Santé et des Solidarités")
    );
    assert_eq!(view.days[1].pairs[0].student, "Zoé MARTIN");
    assert_eq!(view.days[1].pairs[0].status_label, "confirmé");
    // Inès has no agreed date: apart.
    assert_eq!(view.undated.len(), 1);
    assert_eq!(view.undated[0].student, "Inès PETIT");
    assert!(view.cancelled.is_empty());
    assert_eq!(view.visits(), 3);

    // Cancelled, she leaves the undated visits for the cancelled ones, even with a date.
    set(&mut store, edition, &ines, date("2026-11-24"));
    set(&mut store, edition, &ines, status(PairStatus::Cancelled));
    let view = binome::actions::follow_up::by_date(&store, edition).unwrap();
    assert!(view.undated.is_empty());
    assert_eq!(view.days[0].pairs.len(), 1);
    assert_eq!(view.cancelled[0].student, "Inès PETIT");
    assert_eq!(view.visits(), 2);
}

fn rows(
    workbook: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>,
    sheet: &str,
) -> Vec<Vec<String>> {
    workbook
        .worksheet_range(sheet)
        .unwrap()
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    // A real date: its serial number, counted from Excel's day 0.
                    Data::DateTime(d) => (time::macros::date!(1899 - 12 - 30)
                        + time::Duration::days(d.as_f64() as i64))
                    .to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn column(rows: &[Vec<String>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column « {header} » in {:?}", rows[0]))
}

#[test]
fn the_workbook_carries_the_follow_up_statuses_and_dates_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = notified(dir.path());
    let (zoe, leo, ines) = (
        pair_of(&store, edition, student(&store, edition, "Zoé")),
        pair_of(&store, edition, student(&store, edition, "Léo")),
        pair_of(&store, edition, student(&store, edition, "Inès")),
    );
    set(
        &mut store,
        edition,
        &zoe,
        PairEdit {
            status: Some(PairStatus::Confirmed),
            agreed_date: Some("2026-11-26".into()),
            ..PairEdit::default()
        },
    );
    set(&mut store, edition, &leo, status(PairStatus::Absent));
    set(&mut store, edition, &ines, status(PairStatus::Cancelled));

    let out = dir.path().join("binômes.xlsx");
    binome::actions::export::export_workbook(&store, edition, &out, &ExportOptions::default())
        .unwrap();
    let mut workbook = open_workbook_auto(&out).unwrap();
    // The contract's four sheets first, in their order; « Par date » after them.
    assert_eq!(
        workbook.sheet_names(),
        [
            "Binômes",
            "Étudiants sans binôme",
            "Ambassadeurs sans étudiant",
            "Synthèse",
            "Par date"
        ]
    );

    let pairs = rows(&mut workbook, "Binômes");
    let (status_col, date_col, email_col) = (
        column(&pairs, "Statut"),
        column(&pairs, "Date convenue"),
        column(&pairs, "Email étudiant"),
    );
    let by_email = |email: &str| {
        pairs
            .iter()
            .find(|r| r[email_col] == email)
            .unwrap_or_else(|| panic!("{email} in {pairs:?}"))
    };
    assert_eq!(by_email("zoe@etu.example")[status_col], "confirmé");
    assert_eq!(by_email("zoe@etu.example")[date_col], "2026-11-26");
    assert_eq!(by_email("leo@etu.example")[status_col], "absent");
    assert_eq!(by_email("ines@etu.example")[status_col], "annulé");
    // The contract's columns are still there, by name.
    column(&pairs, "Email ambassadeur");

    let synthesis = rows(&mut workbook, "Synthèse");
    let line = |label: &str| {
        synthesis
            .iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("« {label} » in {synthesis:?}"))[1]
            .clone()
    };
    assert_eq!(line("dont notifiés"), "0");
    assert_eq!(line("dont confirmés"), "1");
    assert_eq!(line("dont réalisés"), "0");
    assert_eq!(line("dont annulés"), "1");
    assert_eq!(line("dont absents"), "1");
    assert_eq!(line("Binômes avec une date convenue"), "1");

    let by_date = rows(&mut workbook, "Par date");
    assert_eq!(&by_date[0][..4], ["Date", "Jour", "Statut", "Ambassadeur"]);
    let (day, who) = (column(&by_date, "Jour"), column(&by_date, "Étudiant"));
    let order: Vec<(&str, &str, &str)> = by_date[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[day].as_str(), r[who].as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("2026-11-26", "jeudi 26 novembre 2026", "Zoé MARTIN"),
            (
                "",
                "sans date convenue (jour J : mardi 24 novembre 2026)",
                "Léo BERNARD"
            ),
            ("", "annulé", "Inès PETIT"),
        ]
    );
    // Without phone numbers, « Par date » has none either.
    let minimal = dir.path().join("minimal.xlsx");
    binome::actions::export::export_workbook(
        &store,
        edition,
        &minimal,
        &ExportOptions {
            minimal: true,
            ..ExportOptions::default()
        },
    )
    .unwrap();
    let mut workbook = open_workbook_auto(&minimal).unwrap();
    let by_date = rows(&mut workbook, "Par date");
    assert!(by_date[0].iter().all(|h| !h.starts_with("Téléphone")));
    assert_eq!(by_date.len(), 4);
}
