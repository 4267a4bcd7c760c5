//! Probable duplicates settled by hand (#16): « Fusionner » keeps one person, completed with the
//! other's values where it had none, moves the other's pair and removes them — one change in the
//! history, undone and redone whole; « Ce sont deux personnes » is remembered and the two are
//! not listed again. On a real SQLite file, people imported from a real CSV.

mod common;

use binome::actions::{self, people};
use binome::model::{AmbassadorId, EditionId, Role, StudentId};
use binome::store::{Move, PersonKey};
use binome::Store;

/// Anne Martin twice (two e-mails, one phone written two ways), and Paul Durand twice too.
const STUDENTS: &str =
    "Nom;Prénom;Email;Téléphone;Niveau d'études;Établissement d'enseignement;Métier souhaité n°1\n\
Martin;Anne;anne.martin@etu.example;06 12 34 56 78;Bac+3;;Data scientist\n\
MARTIN;Anne;a.martin@autre.example;+33 6 12 34 56 78;;Université de Lyon;\n\
Durand;Paul;paul.durand@etu.example;07 00 00 00 01;Bac+4;;Juriste\n\
Durand;Paul;p.durand@autre.example;0700000001;Bac+5;;Juriste\n\
Petit;Léa;lea.petit@etu.example;06 99 99 99 99;Bac+2;;Développeur\n";

const AMBASSADORS: &str = "Nom;Prénom;Adresse électronique professionnelle;Téléphone;Quel est votre métier ?;Combien d'étudiants pouvez-vous accueillir ?\n\
Roux;Marc;marc.roux@etat.example;01 23 45 67 89;Data scientist;2\n\
Roux;Marc;marc.roux@autre-etat.example;0123456789;;1\n\
Blanc;Julie;julie.blanc@etat.example;01 11 11 11 11;Juriste;1\n";

fn setup(dir: &std::path::Path) -> (Store, EditionId) {
    let mut store = Store::open(&dir.join("binomes.sqlite3")).unwrap();
    let edition = store.edition_for_command_line(None).unwrap().id;
    for (name, text, role) in [
        ("etudiants.csv", STUDENTS, Role::Student),
        ("ambassadeurs.csv", AMBASSADORS, Role::Ambassador),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        common::import_file(&mut store, edition, &path, role, None).unwrap();
    }
    (store, edition)
}

fn student_by_email(
    store: &Store,
    edition: EditionId,
    email: &str,
) -> Option<binome::model::Student> {
    store
        .list_students(edition)
        .unwrap()
        .into_iter()
        .find(|s| s.identity.email.as_deref() == Some(email))
}

fn ambassador_by_email(
    store: &Store,
    edition: EditionId,
    email: &str,
) -> binome::model::Ambassador {
    store
        .list_ambassadors(edition)
        .unwrap()
        .into_iter()
        .find(|a| a.identity.email.as_deref() == Some(email))
        .unwrap()
}

#[test]
fn probable_duplicates_are_listed_and_merged_in_one_undoable_change() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = setup(dir.path());
    let listed = people::probable_duplicates(&store, edition).unwrap();
    let names: Vec<(Role, Vec<String>)> = listed
        .iter()
        .map(|d| (d.role, vec![d.first.name.clone(), d.second.name.clone()]))
        .collect();
    let two = |name: &str| vec![name.to_string(), name.to_string()];
    assert_eq!(
        names,
        [
            (Role::Student, two("Anne MARTIN")),
            (Role::Student, two("Paul DURAND")),
            (Role::Ambassador, two("Marc ROUX")),
        ]
    );
    assert_eq!(listed.len(), 3, "{names:?}");
    assert!(listed
        .iter()
        .all(|d| d.reason == "même nom et même téléphone, adresses e-mail différentes"));

    // The second Anne (the one with the school) has a pair; the first one is kept.
    let first = student_by_email(&store, edition, "anne.martin@etu.example").unwrap();
    let second = student_by_email(&store, edition, "a.martin@autre.example").unwrap();
    let marc = ambassador_by_email(&store, edition, "marc.roux@etat.example");
    actions::board::move_student(
        &mut store,
        edition,
        &Move {
            student: second.id,
            to: Some(marc.id),
            displace: None,
            swap: false,
        },
    )
    .unwrap();
    let listed = people::probable_duplicates(&store, edition).unwrap();
    let anne = listed
        .iter()
        .find(|d| [&d.first, &d.second].iter().any(|p| p.id == first.id.0))
        .unwrap();
    assert!([&anne.first, &anne.second]
        .iter()
        .any(|p| p.id == second.id.0 && p.paired));

    let saved =
        people::merge_people(&mut store, edition, Role::Student, first.id.0, second.id.0).unwrap();
    assert_eq!(
        saved.label,
        "Fusion de Anne MARTIN dans Anne MARTIN (École repris)"
    );
    // One person: the kept one's e-mail, level and métier, the other's school; the pair moved.
    assert!(student_by_email(&store, edition, "a.martin@autre.example").is_none());
    let merged = store.student(edition, first.id).unwrap().unwrap();
    assert_eq!(
        merged.identity.email.as_deref(),
        Some("anne.martin@etu.example")
    );
    assert_eq!(merged.level.as_deref(), Some("Bac+3"));
    assert_eq!(merged.school.as_deref(), Some("Université de Lyon"));
    assert_eq!(merged.wished_jobs, ["Data scientist"]);
    let pairs = store.list_pairs(edition).unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (pairs[0].student_id, pairs[0].ambassador_id),
        (first.id, marc.id)
    );
    // The value taken is the organiser's now: a re-import of the kept row keeps it.
    assert!(store
        .hand_edited(
            edition,
            PersonKey {
                role: Role::Student,
                id: first.id.0
            }
        )
        .unwrap()
        .contains(&"school".to_string()));
    assert_eq!(
        people::probable_duplicates(&store, edition).unwrap().len(),
        2
    );
    let history = store.history(edition).unwrap();
    assert_eq!(history[0].label, saved.label);

    // Undone whole: both people, the pair with the second one, nothing filled.
    actions::board::undo(&mut store, edition).unwrap();
    let back = student_by_email(&store, edition, "a.martin@autre.example").unwrap();
    assert_eq!(back, second);
    assert_eq!(store.student(edition, first.id).unwrap().unwrap(), first);
    let pairs = store.list_pairs(edition).unwrap();
    assert_eq!(
        (pairs[0].student_id, pairs[0].ambassador_id),
        (second.id, marc.id)
    );
    assert_eq!(
        people::probable_duplicates(&store, edition).unwrap().len(),
        3
    );
    // And redone.
    actions::board::redo(&mut store, edition).unwrap();
    assert!(student_by_email(&store, edition, "a.martin@autre.example").is_none());
    assert_eq!(store.list_pairs(edition).unwrap()[0].student_id, first.id);
}

#[test]
fn an_ambassadors_pairs_follow_the_merge_and_a_student_keeps_their_own_pair() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = setup(dir.path());
    let marc = ambassador_by_email(&store, edition, "marc.roux@etat.example");
    let marc_again = ambassador_by_email(&store, edition, "marc.roux@autre-etat.example");
    let julie = ambassador_by_email(&store, edition, "julie.blanc@etat.example");
    let paul = student_by_email(&store, edition, "paul.durand@etu.example").unwrap();
    let paul_again = student_by_email(&store, edition, "p.durand@autre.example").unwrap();
    let pair = |store: &mut Store, student: StudentId, to: AmbassadorId| {
        actions::board::move_student(
            store,
            edition,
            &Move {
                student,
                to: Some(to),
                displace: None,
                swap: false,
            },
        )
        .unwrap();
    };
    pair(&mut store, paul.id, julie.id);
    pair(&mut store, paul_again.id, marc_again.id);

    // The second Marc's student goes to the first Marc, whose métier stays his own.
    people::merge_people(
        &mut store,
        edition,
        Role::Ambassador,
        marc.id.0,
        marc_again.id.0,
    )
    .unwrap();
    let pairs = store.list_pairs(edition).unwrap();
    assert!(pairs
        .iter()
        .any(|p| p.student_id == paul_again.id && p.ambassador_id == marc.id));
    assert_eq!(store.ambassador(edition, marc_again.id).unwrap(), None);
    let kept = store.ambassador(edition, marc.id).unwrap().unwrap();
    assert_eq!(
        (kept.job.as_deref(), kept.capacity),
        (Some("Data scientist"), 2)
    );

    // Both Pauls have a pair: the kept one keeps his, the other's goes with him.
    people::merge_people(
        &mut store,
        edition,
        Role::Student,
        paul.id.0,
        paul_again.id.0,
    )
    .unwrap();
    let pairs = store.list_pairs(edition).unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (pairs[0].student_id, pairs[0].ambassador_id),
        (paul.id, julie.id)
    );
    // The kept one's level is not overwritten by the other's.
    assert_eq!(
        store
            .student(edition, paul.id)
            .unwrap()
            .unwrap()
            .level
            .as_deref(),
        Some("Bac+4")
    );

    // Merging a person with themselves, or with someone of another edition, is refused.
    let error = people::merge_people(&mut store, edition, Role::Student, paul.id.0, paul.id.0)
        .unwrap_err()
        .to_string();
    assert_eq!(error, "Choisissez deux personnes différentes à fusionner.");
    assert!(people::merge_people(&mut store, edition, Role::Student, paul.id.0, 999_999).is_err());
}

#[test]
fn two_people_kept_apart_are_not_listed_again_even_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = setup(dir.path());
    let paul = student_by_email(&store, edition, "paul.durand@etu.example").unwrap();
    let paul_again = student_by_email(&store, edition, "p.durand@autre.example").unwrap();
    people::keep_apart(
        &mut store,
        edition,
        Role::Student,
        paul_again.id.0,
        paul.id.0,
    )
    .unwrap();
    let listed = people::probable_duplicates(&store, edition).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed
        .iter()
        .all(|d| d.first.id != paul.id.0 && d.second.id != paul.id.0));
    drop(store);
    let store = Store::open(&dir.path().join("binomes.sqlite3")).unwrap();
    assert_eq!(
        people::probable_duplicates(&store, edition).unwrap().len(),
        2
    );
    // Removing one of the two forgets the choice with them.
    let mut store = store;
    people::remove_person(&mut store, edition, Role::Student, paul_again.id.0).unwrap();
    assert!(store.kept_apart(edition, Role::Student).unwrap().is_empty());
}
