//! Telling people in waves and keeping track: the notification log, what each person is owed
//! (« À prévenir ») as pairs change after notification, the message kinds (one message per
//! ambassador, the algorithm's notice), waves written to their own folders, and erasure of a
//! person taking the messages that name them.

mod common;
mod messaging;

use messaging::{ambassador, small_edition, student};

use std::collections::HashSet;
use std::path::Path;

use binome::actions::messages::{self as msg, Audience};
use binome::model::{MessageKind, PairStatus, Role};
use binome::store::Move;

fn all_owed() -> Audience {
    Audience::Owed {
        people: None,
        finals: false,
    }
}

fn now() -> time::OffsetDateTime {
    time::macros::datetime!(2026-10-01 09:30:00 UTC)
}

#[test]
fn a_wave_then_a_change_after_notification_is_owed_to_both_partners() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let (zoe, leo, ines) = (
        student(&store, edition, "Zoé"),
        student(&store, edition, "Léo"),
        student(&store, edition, "Inès"),
    );
    let (claire, marc) = (
        ambassador(&store, edition, "Claire"),
        ambassador(&store, edition, "Marc"),
    );
    let pairs = store.list_pairs(edition).unwrap();
    assert_eq!(pairs.len(), 3, "{pairs:?}");

    // Before anything: everyone in a pair is owed a new-pair message; Claire one for two.
    let owed = msg::to_notify(&store, edition, false).unwrap();
    assert_eq!(owed.len(), 5, "{owed:?}");
    assert!(owed.iter().all(|o| o.kind == MessageKind::NewPair));

    // The plan shows the count and the recipients before anything is written.
    let plan = msg::plan(&store, edition, &all_owed()).unwrap();
    assert_eq!(plan.messages.len(), 5);
    let to_claire = plan
        .messages
        .iter()
        .find(|m| m.role == Role::Ambassador && m.person == claire.0)
        .unwrap();
    assert!(to_claire.body.contains("Zoé MARTIN"), "{}", to_claire.body);
    assert!(to_claire.body.contains("Léo BERNARD"), "{}", to_claire.body);
    assert!(
        to_claire.body.contains("à l'IUT de Paris"),
        "{}",
        to_claire.body
    );
    assert!(
        to_claire.subject.contains("2 étudiants"),
        "{}",
        to_claire.subject
    );
    let to_zoe = plan
        .messages
        .iter()
        .find(|m| m.role == Role::Student && m.person == zoe.0)
        .unwrap();
    assert!(
        to_zoe.body.contains("au Ministère du Travail"),
        "{}",
        to_zoe.body
    );
    let to_ines = plan
        .messages
        .iter()
        .find(|m| m.role == Role::Student && m.person == ines.0)
        .unwrap();
    assert!(
        // The referential names the administration by its ministry.
        to_ines.body.contains("au Ministère de l'Économie"),
        "{}",
        to_ines.body
    );
    // CRPA art. L311-3-1 in every message announcing a pairing.
    for m in &plan.messages {
        assert!(m.body.contains("traitement algorithmique"), "{}", m.body);
        assert!(m.body.contains("L311-3-1"), "{}", m.body);
        assert!(m.body.contains("vismonjob@numerique.gouv.fr"), "{}", m.body);
        assert!(!m.body.contains('{'), "every field filled: {}", m.body);
    }
    // Nothing written yet.
    assert!(store.notifications(edition).unwrap().is_empty());

    // The wave as drafts, then confirmed as sent from the mail tool.
    let base = dir.path().join("brouillons");
    let wave = msg::write_wave(&mut store, edition, &base, &all_owed(), now()).unwrap();
    assert_eq!(wave.drafts, 5);
    assert_eq!(wave.logged.len(), 5);
    assert!(
        wave.wave.starts_with("vis-mon-job-2026_2026-10-01_09h30"),
        "{}",
        wave.wave
    );
    // Drafts not confirmed: still owed, with the draft said.
    let owed = msg::to_notify(&store, edition, false).unwrap();
    assert_eq!(owed.len(), 5);
    assert!(owed.iter().all(|o| o
        .pending
        .as_deref()
        .is_some_and(|p| p.contains("brouillon"))));
    assert_eq!(
        msg::confirm_drafts(&mut store, edition, &wave.logged).unwrap(),
        5
    );
    assert!(msg::to_notify(&store, edition, false).unwrap().is_empty());
    assert!(store
        .list_pairs(edition)
        .unwrap()
        .iter()
        .all(|p| p.status == PairStatus::Notified));

    // Léo moves from Claire to… Marc is full; Inès withdraws first, then Léo goes to Marc.
    store
        .withdraw(edition, Role::Student, ines.0, Some("malade"), "2026-10-10")
        .unwrap();
    store
        .move_student(
            edition,
            &Move {
                student: leo,
                to: Some(marc),
                displace: None,
                swap: false,
            },
        )
        .unwrap();
    let owed = msg::to_notify(&store, edition, false).unwrap();
    let of = |role: Role, id: i64| owed.iter().find(|o| o.role == role && o.person == id);
    let leo_owed = of(Role::Student, leo.0).expect("Léo is owed a change");
    assert_eq!(leo_owed.kind, MessageKind::Change);
    assert!(
        leo_owed.reason.contains("Claire DURAND"),
        "{}",
        leo_owed.reason
    );
    assert!(leo_owed.reason.contains("Marc ROUX"), "{}", leo_owed.reason);
    let claire_owed = of(Role::Ambassador, claire.0).expect("Claire lost Léo");
    assert_eq!(claire_owed.kind, MessageKind::Change);
    assert!(
        claire_owed.reason.contains("ne vient plus : Léo BERNARD"),
        "{}",
        claire_owed.reason
    );
    let marc_owed = of(Role::Ambassador, marc.0).expect("Marc lost Inès and gained Léo");
    assert_eq!(marc_owed.kind, MessageKind::Change);
    assert!(
        marc_owed.reason.contains("Inès PETIT"),
        "{}",
        marc_owed.reason
    );
    assert!(
        marc_owed.reason.contains("arrive : Léo BERNARD"),
        "{}",
        marc_owed.reason
    );
    assert!(
        of(Role::Student, ines.0).is_none(),
        "a withdrawn student is owed nothing"
    );
    assert!(
        of(Role::Student, zoe.0).is_none(),
        "Zoé's pair did not change"
    );
    assert_eq!(owed.len(), 3, "{owed:?}");

    // The change messages: Léo hears of his former and new ambassador, with the notice.
    let plan = msg::plan(&store, edition, &all_owed()).unwrap();
    let to_leo = plan
        .messages
        .iter()
        .find(|m| m.person == leo.0 && m.role == Role::Student)
        .unwrap();
    assert_eq!(to_leo.kind, MessageKind::Change);
    assert!(
        to_leo
            .body
            .contains("plus avec Claire DURAND (Ministère du Travail"),
        "{}",
        to_leo.body
    );
    assert!(to_leo.body.contains("Marc ROUX"), "{}", to_leo.body);
    assert!(
        to_leo.body.contains("au Ministère de l'Économie"),
        "{}",
        to_leo.body
    );
    assert!(to_leo.body.contains("L311-3-1"));

    // A second wave goes to its own folder; the first one's files are untouched.
    let first_sheet = std::fs::read(Path::new(&wave.folder).join("publipostage.csv")).unwrap();
    let second = msg::write_wave(&mut store, edition, &base, &all_owed(), now()).unwrap();
    assert_ne!(second.folder, wave.folder);
    assert_eq!(second.wave, format!("{}-2", wave.wave));
    assert_eq!(second.drafts, 3);
    assert_eq!(
        std::fs::read(Path::new(&wave.folder).join("publipostage.csv")).unwrap(),
        first_sheet
    );
    msg::confirm_drafts(&mut store, edition, &second.logged).unwrap();
    assert!(msg::to_notify(&store, edition, false).unwrap().is_empty());

    // The log per person: Léo's two messages, newest first.
    let log = msg::log(&store, edition, Some((Role::Student, leo.0))).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].notification.kind, MessageKind::Change);
    assert_eq!(log[1].notification.kind, MessageKind::NewPair);
    assert_eq!(log[0].state, "envoyé");
    assert_eq!(log[0].name, "Léo BERNARD");
}

#[test]
fn a_cancelled_pair_and_the_final_messages() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let (zoe, ines) = (
        student(&store, edition, "Zoé"),
        student(&store, edition, "Inès"),
    );
    let marc = ambassador(&store, edition, "Marc");
    let base = dir.path().join("brouillons");
    let first = msg::write_wave(&mut store, edition, &base, &all_owed(), now()).unwrap();
    msg::confirm_drafts(&mut store, edition, &first.logged).unwrap();

    // Marc withdraws: Inès, left alone, is owed a cancellation; Marc nothing.
    store
        .withdraw(edition, Role::Ambassador, marc.0, None, "2026-10-12")
        .unwrap();
    let owed = msg::to_notify(&store, edition, false).unwrap();
    assert_eq!(owed.len(), 1, "{owed:?}");
    assert_eq!((owed[0].role, owed[0].person), (Role::Student, ines.0));
    assert_eq!(owed[0].kind, MessageKind::Cancellation);
    let plan = msg::plan(&store, edition, &all_owed()).unwrap();
    assert!(
        plan.messages[0].body.contains("Marc ROUX"),
        "{}",
        plan.messages[0].body
    );
    assert!(plan.messages[0].body.contains("L311-3-1"));

    // The final messages only when asked: after the cancellation, Inès gets « pas de binôme ».
    let second = msg::write_wave(&mut store, edition, &base, &all_owed(), now()).unwrap();
    msg::confirm_drafts(&mut store, edition, &second.logged).unwrap();
    assert!(msg::to_notify(&store, edition, false).unwrap().is_empty());
    let finals = msg::to_notify(&store, edition, true).unwrap();
    assert_eq!(finals.len(), 1, "{finals:?}");
    assert_eq!(finals[0].kind, MessageKind::NoPair);
    let plan = msg::plan(
        &store,
        edition,
        &Audience::Owed {
            people: None,
            finals: true,
        },
    )
    .unwrap();
    assert!(plan.messages[0].subject.contains("pas de binôme"));
    assert!(plan.messages[0].body.contains("traitement algorithmique"));
    let third = msg::write_wave(
        &mut store,
        edition,
        &base,
        &Audience::Owed {
            people: None,
            finals: true,
        },
        now(),
    )
    .unwrap();
    msg::confirm_drafts(&mut store, edition, &third.logged).unwrap();
    assert!(
        msg::to_notify(&store, edition, true).unwrap().is_empty(),
        "said once"
    );

    // A reminder to everyone paired: no algorithm notice there, the standing unchanged.
    let reminder = msg::plan(
        &store,
        edition,
        &Audience::Paired {
            kind: MessageKind::Reminder,
            people: None,
        },
    )
    .unwrap();
    let names: HashSet<_> = reminder
        .messages
        .iter()
        .map(|m| m.to_name.clone())
        .collect();
    assert!(names.contains("Zoé Martin"), "{names:?}");
    assert!(!names.contains("Inès Petit"));
    assert!(reminder
        .messages
        .iter()
        .all(|m| !m.body.contains("L311-3-1")));
    let _ = zoe;
}

#[test]
fn the_notice_is_added_when_a_template_forgets_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let mut templates = msg::templates(&store, edition).unwrap();
    templates.student.body = "Bonjour {prenom}, votre binôme est {binome_prenom}.".into();
    msg::set_templates(&mut store, edition, &templates).unwrap();
    let preview = msg::preview(&store, edition, MessageKind::NewPair).unwrap();
    let to_student = preview.iter().find(|m| m.role == Role::Student).unwrap();
    assert!(
        to_student.body.starts_with("Bonjour "),
        "{}",
        to_student.body
    );
    assert!(to_student.body.contains("L311-3-1"), "{}", to_student.body);
    // Every kind has a preview, even before anyone is owed it.
    for kind in MessageKind::ALL {
        assert!(
            !msg::preview(&store, edition, kind).unwrap().is_empty(),
            "{kind:?}"
        );
    }
}

#[test]
fn erasing_a_person_erases_the_messages_that_name_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let leo = student(&store, edition, "Léo");
    let base = dir.path().join("brouillons");
    let wave = msg::write_wave(&mut store, edition, &base, &all_owed(), now()).unwrap();
    msg::confirm_drafts(&mut store, edition, &wave.logged).unwrap();
    assert_eq!(store.notifications(edition).unwrap().len(), 5);
    binome::actions::people::erase_person(&mut store, edition, Role::Student, leo.0).unwrap();
    let left = store.notifications(edition).unwrap();
    // Léo's own message and Claire's (which listed him) are gone; the others stay.
    assert_eq!(left.len(), 3, "{left:?}");
    assert!(left
        .iter()
        .all(|n| !n.body.contains("BERNARD") && !n.body.contains("leo@etu")));
}
