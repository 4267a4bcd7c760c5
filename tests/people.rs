//! People changed by hand: added, corrected, removed — in the history and undoable — their
//! corrections kept over a re-imported file's values unless the organiser takes the file's,
//! and a person erased for good (nothing left in the data folder) or given their data.

mod common;

use std::path::{Path, PathBuf};

use binome::actions::{self, ActionError};
use binome::import::form::FormValue;
use binome::import::Progress;
use binome::model::{EditionId, Field, PairOrigin, Role, StudentId, TakeFromFile};
use binome::{Store, StoreError};

fn v(field: Field, value: &str) -> FormValue {
    FormValue {
        field,
        value: value.to_string(),
    }
}

/// An edition with three students and two ambassadors imported from CSV files.
fn season(dir: &Path) -> (Store, EditionId, PathBuf) {
    let mut store = Store::open(&dir.join("donnees").join("binomes.sqlite3")).unwrap();
    let edition = store.edition_for_command_line(Some("2027")).unwrap().id;
    let students = dir.join("etudiants.csv");
    std::fs::write(
        &students,
        "Nom;Prénom;Email;Téléphone;Code postal;Commune;Métier souhaité;État du dossier\n\
         Quenouillard;Bérénice;berenice.quenouillard@etu.example;0611223344;69003;Lyon;Développeur;accepte\n\
         Durand;Paul;paul.durand@etu.example;0622334455;75015;Paris;Data scientist;accepte\n\
         Martin;Anne;anne.martin@etu.example;;38000;Grenoble;Designer;en_instruction\n",
    )
    .unwrap();
    common::import_file(&mut store, edition, &students, Role::Student, None).unwrap();
    let ambassadors = dir.join("ambassadeurs.csv");
    std::fs::write(
        &ambassadors,
        "Nom;Prénom;Email;Code postal;Commune;Métier;Administration;Nombre d'étudiants\n\
         Lefèvre;Jean;jean.lefevre@gouv.example;69003;Lyon;Développeur;DINUM;1\n\
         Roux;Claire;claire.roux@gouv.example;75007;Paris;Data scientist;Insee;2\n",
    )
    .unwrap();
    common::import_file(&mut store, edition, &ambassadors, Role::Ambassador, None).unwrap();
    (store, edition, students)
}

fn student_by_email(store: &Store, edition: EditionId, email: &str) -> binome::model::Student {
    store
        .list_students(edition)
        .unwrap()
        .into_iter()
        .find(|s| s.identity.email.as_deref() == Some(email))
        .unwrap_or_else(|| panic!("{email} in the edition"))
}

/// The form of a person with some values changed.
fn form_with(
    store: &Store,
    edition: EditionId,
    role: Role,
    id: i64,
    changes: &[(Field, &str)],
) -> Vec<FormValue> {
    actions::people::person_form(store, edition, role, Some(id))
        .unwrap()
        .fields
        .into_iter()
        .map(|f| {
            let value = changes
                .iter()
                .find(|(field, _)| *field == f.field)
                .map_or(f.value, |(_, v)| v.to_string());
            FormValue {
                field: f.field,
                value,
            }
        })
        .collect()
}

#[test]
fn a_late_sign_up_added_by_hand_is_understood_like_a_file_row_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition, _) = season(dir.path());
    let saved = actions::people::save_person(
        &mut store,
        edition,
        Role::Student,
        None,
        &[
            v(Field::LastName, "Tardif"),
            v(Field::FirstName, "Léon"),
            v(Field::Email, "  Leon.Tardif@ETU.example "),
            v(Field::PostalCode, "33000"),
            v(Field::Job1, "Développeur"),
            v(Field::ApplicationState, "accepté"),
        ],
    )
    .unwrap();
    assert_eq!(saved.label, "Ajout à la main : Léon TARDIF");
    let leon = student_by_email(&store, edition, "leon.tardif@etu.example");
    assert_eq!(leon.id.0, saved.id);
    assert_eq!(
        leon.place.departement.as_deref(),
        Some("33"),
        "found from the postal code"
    );
    assert_eq!(leon.application_state.as_deref(), Some("accepte"));
    assert_eq!(leon.source_row, None, "no file row");
    let history = store.history(edition).unwrap();
    assert_eq!(history[0].label, "Ajout à la main : Léon TARDIF");

    // Undone: gone; redone: back with the same id.
    actions::board::undo(&mut store, edition).unwrap();
    assert_eq!(store.list_students(edition).unwrap().len(), 3);
    let redone = actions::board::redo(&mut store, edition).unwrap();
    assert!(redone.people_changed);
    assert_eq!(
        student_by_email(&store, edition, "leon.tardif@etu.example").id,
        leon.id
    );
}

#[test]
fn a_typed_address_that_is_not_one_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition, _) = season(dir.path());
    let refused = actions::people::save_person(
        &mut store,
        edition,
        Role::Student,
        None,
        &[
            v(Field::LastName, "Tardif"),
            v(Field::Email, "leon.tardif@"),
        ],
    )
    .unwrap_err();
    let message = refused.to_string();
    assert!(
        message.starts_with("La personne n'a pas été enregistrée : E-mail"),
        "{message}"
    );
    let taken = actions::people::save_person(
        &mut store,
        edition,
        Role::Student,
        None,
        &[
            v(Field::LastName, "Autre"),
            v(Field::Email, "paul.durand@etu.example"),
        ],
    )
    .unwrap_err();
    assert!(
        matches!(taken, ActionError::Store(StoreError::EmailTaken { .. })),
        "{taken}"
    );
    assert_eq!(store.list_students(edition).unwrap().len(), 3);
    assert!(store.history(edition).unwrap().is_empty());
}

#[test]
fn a_correction_survives_a_reimport_unless_the_organiser_takes_the_files_value() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition, students) = season(dir.path());
    let paul = student_by_email(&store, edition, "paul.durand@etu.example");
    let form = form_with(
        &store,
        edition,
        Role::Student,
        paul.id.0,
        &[
            (Field::Phone, "0799999999"),
            (Field::PostalCode, "13001"),
            (Field::Commune, ""),
        ],
    );
    let saved =
        actions::people::save_person(&mut store, edition, Role::Student, Some(paul.id.0), &form)
            .unwrap();
    assert_eq!(
        saved.label,
        "Modification à la main : Paul DURAND (Téléphone, Code postal et commune)"
    );
    let edited = student_by_email(&store, edition, "paul.durand@etu.example");
    assert_eq!(edited.identity.phone.as_deref(), Some("0799999999"));
    assert_eq!(edited.place.departement.as_deref(), Some("13"));
    assert_eq!(edited.source_row, paul.source_row, "still from its row");
    assert_eq!(
        edited.wished_jobs, paul.wished_jobs,
        "untouched fields kept"
    );
    let form =
        actions::people::person_form(&store, edition, Role::Student, Some(paul.id.0)).unwrap();
    let phone = form
        .fields
        .iter()
        .find(|f| f.field == Field::Phone)
        .unwrap();
    assert!(phone.hand_edited);
    assert!(
        !form
            .fields
            .iter()
            .find(|f| f.field == Field::Email)
            .unwrap()
            .hand_edited
    );

    // The same file again: the preview shows the hand's value and the file's; kept by default.
    let (report, analysis) = actions::import::preview(
        &store,
        edition,
        Role::Student,
        &students,
        None,
        &Progress::none(),
    )
    .unwrap();
    let phone = report
        .changes
        .hand_edited
        .iter()
        .find(|h| h.field == "Téléphone")
        .expect("the phone changed by hand is shown");
    assert_eq!(
        (phone.hand.as_str(), phone.file.as_str()),
        ("0799999999", "0622334455")
    );
    assert_eq!(
        phone.person.email.as_deref(),
        Some("paul.durand@etu.example")
    );
    assert!(
        report.changes.updated.is_empty(),
        "nothing else changes: {:?}",
        report.changes.updated
    );
    actions::import::apply(&mut store, edition, &analysis, &[]).unwrap();
    let kept = student_by_email(&store, edition, "paul.durand@etu.example");
    assert_eq!(kept.identity.phone.as_deref(), Some("0799999999"));
    assert_eq!(kept.place.departement.as_deref(), Some("13"));

    // Taking the file's phone (and only it): the phone is the file's and no longer marked.
    let (_, analysis) = actions::import::preview(
        &store,
        edition,
        Role::Student,
        &students,
        None,
        &Progress::none(),
    )
    .unwrap();
    let take = [TakeFromFile {
        person: phone.choice.person.clone(),
        path: "identity.phone".into(),
    }];
    let applied = actions::import::apply(&mut store, edition, &analysis, &take).unwrap();
    assert!(applied
        .changes
        .hand_edited
        .iter()
        .any(|h| h.taken && h.field == "Téléphone"));
    let taken = student_by_email(&store, edition, "paul.durand@etu.example");
    assert_eq!(taken.identity.phone.as_deref(), Some("0622334455"));
    assert_eq!(
        taken.place.departement.as_deref(),
        Some("13"),
        "the rest still the hand's"
    );
    let form =
        actions::people::person_form(&store, edition, Role::Student, Some(paul.id.0)).unwrap();
    assert!(
        !form
            .fields
            .iter()
            .find(|f| f.field == Field::Phone)
            .unwrap()
            .hand_edited
    );
    assert!(
        form.fields
            .iter()
            .find(|f| f.field == Field::PostalCode)
            .unwrap()
            .hand_edited
    );
}

#[test]
fn an_ambassadors_capacity_set_by_hand_stays_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition, _) = season(dir.path());
    let claire = store
        .list_ambassadors(edition)
        .unwrap()
        .into_iter()
        .find(|a| a.identity.last_name == "Roux")
        .unwrap();
    let form = form_with(
        &store,
        edition,
        Role::Ambassador,
        claire.id.0,
        &[(Field::Capacity, "0")],
    );
    let saved = actions::people::save_person(
        &mut store,
        edition,
        Role::Ambassador,
        Some(claire.id.0),
        &form,
    )
    .unwrap();
    assert_eq!(
        saved.label,
        "Modification à la main : Claire ROUX (Capacité d'accueil)"
    );
    assert_eq!(
        store
            .ambassador(edition, claire.id)
            .unwrap()
            .unwrap()
            .capacity,
        0
    );
    // Saving the same form again changes nothing and records nothing.
    let form = form_with(&store, edition, Role::Ambassador, claire.id.0, &[]);
    let again = actions::people::save_person(
        &mut store,
        edition,
        Role::Ambassador,
        Some(claire.id.0),
        &form,
    )
    .unwrap();
    assert_eq!(again.label, "");
    assert_eq!(store.history(edition).unwrap().len(), 1);
    actions::board::undo(&mut store, edition).unwrap();
    assert_eq!(
        store
            .ambassador(edition, claire.id)
            .unwrap()
            .unwrap()
            .capacity,
        2
    );
}

#[test]
fn a_person_removed_from_the_edition_comes_back_with_their_pair_on_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition, _) = season(dir.path());
    let paul = student_by_email(&store, edition, "paul.durand@etu.example");
    let claire = store
        .list_ambassadors(edition)
        .unwrap()
        .into_iter()
        .find(|a| a.identity.last_name == "Roux")
        .unwrap();
    store
        .add_pair(edition, paul.id, claire.id, PairOrigin::Manual)
        .unwrap();
    let removed =
        actions::people::remove_person(&mut store, edition, Role::Student, paul.id.0).unwrap();
    assert_eq!(removed.label, "Retrait de l'édition : Paul DURAND");
    assert!(store.student(edition, paul.id).unwrap().is_none());
    assert!(
        store.list_pairs(edition).unwrap().is_empty(),
        "the pair went with him"
    );
    let undone = actions::board::undo(&mut store, edition).unwrap();
    assert!(undone.people_changed);
    assert_eq!(store.student(edition, paul.id).unwrap(), Some(paul.clone()));
    let pairs = store.list_pairs(edition).unwrap();
    assert_eq!((pairs.len(), pairs[0].student_id), (1, paul.id));
    // Someone of another edition cannot be removed through this one.
    let other = store.create_edition(&binome::model::NewEdition {
        name: "Autre".into(),
        event_date: None,
    });
    let other = other.unwrap().id;
    let refused = actions::people::remove_person(&mut store, other, Role::Student, paul.id.0);
    assert!(matches!(
        refused,
        Err(ActionError::Store(StoreError::StudentNotFound { .. }))
    ));
}

#[test]
fn a_person_erased_on_request_leaves_no_byte_in_the_data_folder_backups_included() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition, _) = season(dir.path());
    let berenice = student_by_email(&store, edition, "berenice.quenouillard@etu.example");
    let jean = store
        .list_ambassadors(edition)
        .unwrap()
        .into_iter()
        .find(|a| a.identity.last_name == "Lefèvre")
        .unwrap();
    store
        .add_pair(edition, berenice.id, jean.id, PairOrigin::Manual)
        .unwrap();
    // A correction by hand puts her in the history with her name.
    let form = form_with(
        &store,
        edition,
        Role::Student,
        berenice.id.0,
        &[(Field::Phone, "0700000001")],
    );
    actions::people::save_person(
        &mut store,
        edition,
        Role::Student,
        Some(berenice.id.0),
        &form,
    )
    .unwrap();
    store.backup("avant-import").unwrap();
    let folder = dir.path().join("donnees");
    let traces: Vec<String> = [
        "berenice.quenouillard@etu.example",
        "Quenouillard",
        "0611223344",
        "0700000001",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        common::found_on_disk(&folder, &traces).len(),
        traces.len(),
        "present before"
    );

    actions::people::erase_person(&mut store, edition, Role::Student, berenice.id.0).unwrap();
    assert_eq!(
        common::found_on_disk(&folder, &traces),
        Vec::<String>::new()
    );
    assert!(store.student(edition, berenice.id).unwrap().is_none());
    assert!(store.list_pairs(edition).unwrap().is_empty());
    // The others are all there; the history says an erasure happened, without her name, and
    // undo stops there.
    assert_eq!(store.list_students(edition).unwrap().len(), 2);
    let history = store.history(edition).unwrap();
    assert_eq!(
        history[0].label,
        "Effacement d'un étudiant à sa demande (RGPD)"
    );
    assert!(history.iter().all(|h| !h.label.contains("Quenouillard")));
    assert!(matches!(
        actions::board::undo(&mut store, edition),
        Err(StoreError::NothingToUndo)
    ));
    assert_eq!(store.history_state(edition).unwrap().undo, None);
    assert!(!store.purge_pending());
}

#[test]
fn a_persons_data_is_written_as_a_readable_french_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition, _) = season(dir.path());
    let anne = student_by_email(&store, edition, "anne.martin@etu.example");
    let claire = store
        .list_ambassadors(edition)
        .unwrap()
        .into_iter()
        .find(|a| a.identity.last_name == "Roux")
        .unwrap();
    store
        .add_pair(edition, anne.id, claire.id, PairOrigin::Manual)
        .unwrap();
    let out = dir.path().join("donnees-anne-martin.txt");
    actions::people::export_person_data(&store, edition, Role::Student, anne.id.0, &out).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("Données personnelles de Anne MARTIN"),
        "{text}"
    );
    for expected in [
        "édition « 2027 », en tant qu'étudiant(e).",
        "E-mail : anne.martin@etu.example",
        "État du dossier : en instruction",
        "ligne 4 du fichier importé",
        "Métier souhaité : Designer",
        "Avec Claire Roux — proposé",
        "traitement algorithmique",
    ] {
        assert!(text.contains(expected), "« {expected} » in:\n{text}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "personal data: the owner only");
    }
    let _ = StudentId(0);
}

#[test]
fn a_blank_in_a_reimported_file_keeps_what_the_edition_knew() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition, _) = season(dir.path());
    let without_phones = dir.path().join("sans-telephone.csv");
    std::fs::write(
        &without_phones,
        "Nom;Prénom;Email;Téléphone\nDurand;Paul;paul.durand@etu.example;\n",
    )
    .unwrap();
    let report =
        common::import_file(&mut store, edition, &without_phones, Role::Student, None).unwrap();
    assert_eq!((report.updated, report.unchanged), (0, 1));
    let paul = student_by_email(&store, edition, "paul.durand@etu.example");
    assert_eq!(paul.identity.phone.as_deref(), Some("0622334455"));
    assert_eq!(paul.place.departement.as_deref(), Some("75"));
}

#[test]
fn an_editions_data_is_due_for_deletion_its_retention_after_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("binomes.sqlite3")).unwrap();
    let new = |name: &str, day: &str| binome::model::NewEdition {
        name: name.into(),
        event_date: Some(day.into()),
    };
    let old = store
        .create_edition(&new("Vis mon job 2020", "2020-11-24"))
        .unwrap();
    assert_eq!(old.retention_months, 12, "a year by default");
    assert_eq!(old.delete_after.as_deref(), Some("2021-11-24"));
    assert!(
        old.retention_passed,
        "long past: the home screen reminds the organiser"
    );
    let coming = store
        .create_edition(&new("Vis mon job 2099", "2099-03-10"))
        .unwrap();
    assert!(!coming.retention_passed);
    let changed = actions::editions::set_retention(&mut store, coming.id, 6).unwrap();
    assert_eq!(
        (changed.retention_months, changed.delete_after.as_deref()),
        (6, Some("2099-09-10"))
    );
    let listed = store.edition(coming.id).unwrap().edition;
    assert_eq!(listed.delete_after.as_deref(), Some("2099-09-10"));
    let refused = actions::editions::set_retention(&mut store, coming.id, 0).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "La durée de conservation doit être comprise entre 1 et 120 mois (reçu : 0)."
    );
}

#[test]
fn a_persons_form_shows_what_the_file_said_beside_what_was_understood() {
    let dir = tempfile::tempdir().unwrap();
    let (store, edition, _) = season(dir.path());
    let jean = store
        .list_ambassadors(edition)
        .unwrap()
        .into_iter()
        .find(|a| a.identity.last_name == "Lefèvre")
        .unwrap();
    let form =
        actions::people::person_form(&store, edition, Role::Ambassador, Some(jean.id.0)).unwrap();
    let original = form.original.expect("imported from a file");
    assert_eq!(original.row.row_number, 2);
    let job_column = original.headers.iter().position(|h| h == "Métier").unwrap();
    assert_eq!(original.row.cells[job_column], "Développeur");
    let job = form.fields.iter().find(|f| f.field == Field::Job).unwrap();
    assert_eq!(
        job.value, "Concepteur-développeur",
        "recognised as the referential's label"
    );
    let added = actions::people::person_form(&store, edition, Role::Ambassador, None).unwrap();
    assert!(added.original.is_none());
}

/// The sign-up file read again each week keeps each week's row of the person, and only the
/// last is linked to them: erasing them erases every one (and not a row of an address that
/// merely contains theirs).
#[test]
fn a_person_erased_after_the_file_was_read_again_leaves_none_of_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition, students) = season(dir.path());
    let with_a_longer_address = std::fs::read_to_string(&students).unwrap()
        + "Quenouillard;Rose;rose.berenice.quenouillard@etu.example;;69003;Lyon;Designer;accepte\n";
    std::fs::write(&students, with_a_longer_address).unwrap();
    for _ in 0..2 {
        common::import_file(&mut store, edition, &students, Role::Student, None).unwrap();
    }
    let berenice = student_by_email(&store, edition, "berenice.quenouillard@etu.example");
    let folder = dir.path().join("donnees");
    let traces = vec!["0611223344".to_string()];
    assert_eq!(
        common::found_on_disk(&folder, &traces),
        traces,
        "present before"
    );

    actions::people::erase_person(&mut store, edition, Role::Student, berenice.id.0).unwrap();
    assert_eq!(
        common::found_on_disk(&folder, &traces),
        Vec::<String>::new()
    );
    // Rose, whose address holds Bérénice's, keeps her row.
    let rose = student_by_email(&store, edition, "rose.berenice.quenouillard@etu.example");
    assert!(store
        .source_row(edition, rose.source_row.unwrap())
        .unwrap()
        .is_some());
}
