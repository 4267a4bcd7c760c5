//! Application states made visible, and duplicates settled (issue #16): the import counts
//! students by state and says who will not take part; one person on several rows keeps the
//! strongest application (state, then filing date) completed from the others; probable
//! duplicates with different e-mails are listed; the board keeps students outside the
//! retained states apart, says why first, and a hand pairing of one says so on the pair.
//! Real files written here, imported into a real SQLite file.

mod common;

use common::RunToEnd as _;

use std::path::{Path, PathBuf};
use std::process::Command;

use binome::actions;
use binome::model::{EditionId, NewEdition, Role, StudentId};
use binome::store::Move;
use binome::Store;
use common::import_file;

fn edition(store: &mut Store) -> EditionId {
    store
        .create_edition(&NewEdition {
            name: "États".into(),
            event_date: None,
        })
        .unwrap()
        .id
}

fn csv(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// A démarches simplifiées export as French Excel saves it: states spelled several ways.
const STATES_CSV: &str = "\
Email;Nom;Prénom;État du dossier;Code postal;Commune;Métier que vous souhaitez découvrir (1er choix)
a@ex.fr;Martin;Anne;accepte;69003;Lyon;Data scientist
b@ex.fr;Durand;Paul;Accepté;75015;Paris;Développeur
c@ex.fr;Petit;Léa;En instruction;35000;Rennes;Designer
d@ex.fr;Roux;Hugo;en_construction;29200;Brest;Data scientist
e@ex.fr;Blanc;Inès;Classé sans suite;13001;Marseille;Développeur
f@ex.fr;Noir;Léo;en instruction;31000;Toulouse;Designer
";

#[test]
fn the_import_counts_students_by_state_and_says_who_will_not_take_part() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = edition(&mut store);
    let file = csv(dir.path(), "dossiers.csv", STATES_CSV);
    let report = import_file(&mut store, edition, &file, Role::Student, None).unwrap();

    let counts: Vec<(&str, &str, usize, bool)> = report
        .states
        .iter()
        .map(|s| (s.state.as_str(), s.label.as_str(), s.students, s.retained))
        .collect();
    assert_eq!(
        counts,
        [
            ("accepte", "accepté", 2, true),
            ("en_instruction", "en instruction", 2, false),
            ("en_construction", "en construction", 1, false),
            ("sans_suite", "classé sans suite", 1, false),
        ]
    );
    assert_eq!(report.not_taking_part, 4);
    assert_eq!(
        report.states_fr().unwrap(),
        "Dossiers par état : 2 accepté · 2 en instruction · 1 en construction · 1 classé sans suite"
    );
    let said = report.not_taking_part_fr().unwrap();
    assert!(
        said.starts_with("4 étudiant(s) de ce fichier ne participeront pas")
            && said.contains("(« accepté »)"),
        "{said}"
    );
    // Stored as codes, whatever the spelling.
    let mut stored: Vec<String> = store
        .list_students(edition)
        .unwrap()
        .into_iter()
        .filter_map(|s| s.application_state)
        .collect();
    stored.sort();
    stored.dedup();
    assert_eq!(
        stored,
        ["accepte", "en_construction", "en_instruction", "sans_suite"]
    );

    // Retaining « en instruction » (written as the organiser types it) counts them in.
    actions::rules::change(
        &mut store,
        edition,
        &actions::rules::RulesChange {
            accepted_states: Some(vec!["accepte".into(), "En instruction".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    let (report, _) = actions::import::preview(
        &store,
        edition,
        Role::Student,
        &file,
        None,
        &binome::import::Progress::none(),
    )
    .unwrap();
    assert_eq!(report.not_taking_part, 2);
    assert_eq!(report.retained_states, ["accepté", "en instruction"]);
}

#[test]
fn a_refused_application_gives_way_to_a_later_accepted_one_completed_from_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossiers.xlsx");
    // A real workbook, dates as Excel date cells, as démarches simplifiées writes them.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let headers = [
        "Email",
        "Nom",
        "Prénom",
        "État du dossier",
        "Dernière mise à jour le",
        "Déposé le",
        "Numéro de téléphone",
        "Commune de votre lieu de résidence",
        "Code postal de votre lieu de résidence",
    ];
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    // (e-mail, state, filed on, phone, commune, postal code)
    let rows = [
        (
            "anne@ex.fr",
            "refuse",
            "2026-09-01T10:00:00",
            "",
            "Lyon",
            "69003",
        ),
        (
            "paul@ex.fr",
            "accepte",
            "2026-09-02T10:00:00",
            "0611111111",
            "Paris",
            "75015",
        ),
        (
            "ANNE@ex.fr",
            "accepte",
            "2026-09-20T10:00:00",
            "06 12 34 56 78",
            "",
            "",
        ),
        (
            "anne@ex.fr ",
            "accepte",
            "2026-10-05T09:30:00",
            "",
            "Villeurbanne",
            "",
        ),
        (
            "anne@ex.fr",
            "en_instruction",
            "2026-10-30T10:00:00",
            "",
            "Bron",
            "69500",
        ),
    ];
    for (i, (email, state, filed, phone, commune, postal)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *email).unwrap();
        sheet.write_string(r, 1, "Martin").unwrap();
        sheet
            .write_string(
                r,
                2,
                if *email == "paul@ex.fr" {
                    "Paul"
                } else {
                    "Anne"
                },
            )
            .unwrap();
        sheet.write_string(r, 3, *state).unwrap();
        // The last update is the same for all: only the filing date decides.
        let updated =
            rust_xlsxwriter::ExcelDateTime::parse_from_str("2026-11-01T00:00:00").unwrap();
        sheet
            .write_datetime_with_format(r, 4, &updated, &date)
            .unwrap();
        let filed = rust_xlsxwriter::ExcelDateTime::parse_from_str(filed).unwrap();
        sheet
            .write_datetime_with_format(r, 5, &filed, &date)
            .unwrap();
        for (col, value) in [(6, phone), (7, commune), (8, postal)] {
            if !value.is_empty() {
                sheet.write_string(r, col, *value).unwrap();
            }
        }
    }
    workbook.save(&path).unwrap();

    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = edition(&mut store);
    let report = import_file(&mut store, edition, &path, Role::Student, None).unwrap();
    assert_eq!(report.rows_read, 5);
    assert_eq!(report.stored + report.rejected.len(), report.rows_read);
    assert_eq!(report.stored, 2);

    // Row 5 (accepté, filed last among the accepted) is kept over row 2 (refusé, filed
    // first), row 4 (accepté, earlier) and row 6 (filed later, but only en instruction).
    let [duplicate] = report.duplicates.as_slice() else {
        panic!("{:?}", report.duplicates)
    };
    assert_eq!(duplicate.email, "anne@ex.fr");
    assert_eq!(duplicate.kept_row, 5);
    assert_eq!(duplicate.set_aside, [2, 4, 6]);
    assert!(
        duplicate.reason.contains("« accepté »"),
        "{}",
        duplicate.reason
    );
    let filled: Vec<(&str, u32)> = duplicate
        .filled
        .iter()
        .map(|f| (f.field.as_str(), f.row))
        .collect();
    assert!(filled.contains(&("Téléphone", 4)), "{filled:?}");
    assert!(filled.contains(&("Code postal", 6)), "{filled:?}");
    let reason = |row: u32| {
        report
            .rejected
            .iter()
            .find(|r| r.row == row)
            .map(|r| r.reason.clone())
            .unwrap()
    };
    assert!(
        reason(2).starts_with("doublon de la ligne 5 (même adresse e-mail), écarté : la ligne 5 est « accepté », celle-ci « refusé »"),
        "{}",
        reason(2)
    );
    assert!(
        reason(4).contains("la ligne 5 a été déposée plus tard (05/10/2026 à 09h30)")
            && reason(4).contains("valeurs reprises de cette ligne : Téléphone"),
        "{}",
        reason(4)
    );
    assert!(reason(6).contains("« en instruction »"), "{}", reason(6));

    // What is stored: the kept row's values, its gaps filled, its own row as the source.
    let anne = store
        .list_students(edition)
        .unwrap()
        .into_iter()
        .find(|s| s.identity.email.as_deref() == Some("anne@ex.fr"))
        .unwrap();
    assert_eq!(anne.application_state.as_deref(), Some("accepte"));
    assert_eq!(anne.place.commune.as_deref(), Some("Villeurbanne"));
    assert_eq!(anne.identity.phone.as_deref(), Some("06 12 34 56 78"));
    let (_, original) = store
        .source_row(edition, anne.source_row.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(original.row_number, 5);

    // The date column is understood as the filing date, not the last update.
    let date_column = report
        .columns
        .iter()
        .find(|c| c.field == Some(binome::model::Field::ApplicationDate))
        .unwrap();
    assert_eq!(date_column.header, "Déposé le");
}

#[test]
fn without_states_or_dates_the_first_row_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = csv(
        dir.path(),
        "liste.csv",
        "Nom;Prénom;Email;Téléphone\nMartin;Anne;anne@ex.fr;\nMartin;Anne;Anne@ex.fr;0612345678\n",
    );
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = edition(&mut store);
    let report = import_file(&mut store, edition, &file, Role::Student, None).unwrap();
    assert_eq!(report.duplicates[0].kept_row, 2);
    assert_eq!(report.duplicates[0].set_aside, [3]);
    assert!(report.states.is_empty() && report.states_fr().is_none());
    assert_eq!(
        store.list_students(edition).unwrap()[0]
            .identity
            .phone
            .as_deref(),
        Some("0612345678")
    );
}

#[test]
fn probable_duplicates_with_different_e_mails_are_listed_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let file = csv(
        dir.path(),
        "dossiers.csv",
        "Nom;Prénom;Email;Numéro de téléphone\n\
         Martin;Élodie;elodie.martin@ex.fr;06 12 34 56 78\n\
         Durand;Paul;paul@ex.fr;0699999999\n\
         MARTIN;Elodie;e.martin@autre.fr;+33 6 12 34 56 78\n\
         Martin;Élodie;troisieme@ex.fr;0700000000\n",
    );
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = edition(&mut store);
    let report = import_file(&mut store, edition, &file, Role::Student, None).unwrap();
    assert_eq!(report.stored, 4, "nobody merged");
    let [probable] = report.probable_duplicates.as_slice() else {
        panic!("{:?}", report.probable_duplicates)
    };
    assert_eq!(probable.rows, [2, 4]);
    assert!(probable.people[1].contains("e.martin@autre.fr"));
    assert!(probable.reason.contains("même nom et même téléphone"));
}

#[test]
fn a_probable_duplicate_is_found_with_the_phone_a_settled_duplicate_gave() {
    // Row 2 has no phone; row 3, the same e-mail, is set aside and gives it its phone: row 2 is
    // then the same name and phone as row 4, under another e-mail. Row 3, set aside, is nobody.
    let dir = tempfile::tempdir().unwrap();
    let file = csv(
        dir.path(),
        "dossiers.csv",
        "Nom;Prénom;Email;Numéro de téléphone\n\
         Martin;Élodie;elodie@ex.fr;\n\
         Martin;Élodie;elodie@ex.fr;06 12 34 56 78\n\
         MARTIN;Elodie;e.martin@autre.fr;+33 6 12 34 56 78\n",
    );
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = edition(&mut store);
    let report = import_file(&mut store, edition, &file, Role::Student, None).unwrap();
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(report.duplicates[0].set_aside, [3]);
    let [probable] = report.probable_duplicates.as_slice() else {
        panic!("{:?}", report.probable_duplicates)
    };
    assert_eq!(probable.rows, [2, 4]);
}

/// An edition with one student in each state and one ambassador for all.
fn board_edition(dir: &Path) -> (Store, EditionId) {
    let mut store = Store::open(&dir.join("b.sqlite3")).unwrap();
    let edition = edition(&mut store);
    let students = csv(dir, "dossiers.csv", STATES_CSV);
    import_file(&mut store, edition, &students, Role::Student, None).unwrap();
    let ambassadors = csv(
        dir,
        "ambassadeurs.csv",
        "Nom;Prénom;Email;Code postal;Commune;Métier;Combien d'étudiants pouvez-vous accueillir ?\n\
         Dupont;Jean;jean@gouv.fr;75007;Paris;Data scientist;10\n",
    );
    import_file(&mut store, edition, &ambassadors, Role::Ambassador, None).unwrap();
    (store, edition)
}

fn student_id(store: &Store, edition: EditionId, email: &str) -> StudentId {
    store
        .list_students(edition)
        .unwrap()
        .into_iter()
        .find(|s| s.identity.email.as_deref() == Some(email))
        .unwrap()
        .id
}

#[test]
fn the_board_keeps_students_outside_the_retained_states_apart_and_says_why_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = board_edition(dir.path());
    actions::suggest::suggest(&mut store, edition).unwrap();
    let board = actions::board::load(&store, edition).unwrap();
    assert_eq!(board.excluded.len(), 4);
    assert_eq!(board.retained_states, ["accepte"]);
    assert!(board
        .states
        .iter()
        .any(|s| s.code == "en_instruction" && s.label == "en instruction"));
    let lea = student_id(&store, edition, "c@ex.fr");
    let why = &board
        .excluded
        .iter()
        .find(|u| u.student == lea)
        .unwrap()
        .diagnosis;
    assert!(
        why.starts_with("dossier « en instruction », hors des états retenus (« accepté »)"),
        "{why}"
    );
    // Nobody outside the retained states was proposed; the accepted ones were.
    let paired: Vec<StudentId> = board.pairs.iter().map(|p| p.pair.student_id).collect();
    assert_eq!(paired.len(), 2);
    assert!(board.excluded.iter().all(|u| !paired.contains(&u.student)));
    // The diagnoses say the exclusion for them, and only them.
    let diagnoses = actions::suggest::unpaired(&store, edition).unwrap();
    assert_eq!(
        diagnoses
            .iter()
            .filter(|u| u.diagnosis.contains("hors des états retenus"))
            .count(),
        4
    );

    // Paired by hand anyway: the pair says so first.
    let ambassador = store.list_ambassadors(edition).unwrap()[0].id;
    let change = actions::board::move_student(
        &mut store,
        edition,
        &Move {
            student: lea,
            to: Some(ambassador),
            displace: None,
            swap: false,
        },
    )
    .unwrap();
    assert_eq!(
        change.pairs[0].reasons[0],
        "dossier « en instruction », hors des états retenus"
    );

    // One change of the retained states brings them in.
    actions::rules::change(
        &mut store,
        edition,
        &actions::rules::RulesChange {
            accepted_states: Some(vec!["accepte".into(), "en_instruction".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    let board = actions::board::load(&store, edition).unwrap();
    assert_eq!(board.excluded.len(), 2);
    assert!(board.excluded.iter().all(|u| u.student != lea));
    let season = actions::suggest::season(&store, edition).unwrap();
    assert_eq!((season.students, season.excluded), (4, 2));
}

#[test]
fn the_command_line_counts_states_and_lists_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let file = csv(
        dir.path(),
        "dossiers.csv",
        &format!("{STATES_CSV}a@ex.fr;Martin;Anne;refuse;69003;Lyon;Data scientist\n"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_binome"))
        .args(["import", "--db"])
        .arg(dir.path().join("b.sqlite3"))
        .arg("--students")
        .arg(&file)
        .run_to_end();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Dossiers par état : 2 accepté · 2 en instruction · 1 en construction · 1 classé sans suite"),
        "{text}"
    );
    assert!(
        text.contains("4 étudiant(s) de ce fichier ne participeront pas"),
        "{text}"
    );
    assert!(
        text.contains("Doublon a@ex.fr : ligne 2 gardée (son dossier est « accepté », le plus avancé), ligne(s) 8 écartée(s)"),
        "{text}"
    );
}
