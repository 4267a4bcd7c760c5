//! The messages to each person: rendered from the templates, written as `.eml` drafts that a
//! real MIME parser reads back with their accents, and a mail-merge sheet; sent pairs become
//! "notifié".

mod common;

use std::path::Path;

use binome::model::{PairStatus, Role};
use binome::Store;

#[test]
fn drafts_parse_back_with_accents_and_the_pair_details() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let edition = store
        .create_edition(&binome::model::NewEdition {
            name: "Vis mon job 2026".into(),
            event_date: Some("2026-11-24".into()),
        })
        .unwrap()
        .id;
    common::import_file(
        &mut store,
        edition,
        &samples.join("etudiants-demarches-simplifiees.xlsx"),
        Role::Student,
        None,
    )
    .unwrap();
    common::import_file(
        &mut store,
        edition,
        &samples.join("ambassadeurs-sphinx-retravaille.xlsx"),
        Role::Ambassador,
        None,
    )
    .unwrap();
    binome::actions::suggest::suggest(&mut store, edition).unwrap();
    let pairs = store.list_pairs(edition).unwrap();
    let five: Vec<_> = pairs[..5].iter().map(|p| p.id).collect();
    store
        .edit_pairs(
            edition,
            &five,
            &binome::store::PairEdit {
                status: Some(PairStatus::Validated),
                ..Default::default()
            },
        )
        .unwrap();

    let folder = dir.path().join("messages");
    let summary = binome::actions::messages::write_drafts(
        &mut store,
        edition,
        &folder,
        &binome::actions::messages::Selection {
            status: Some(PairStatus::Validated),
            pairs: None,
        },
    )
    .unwrap();
    // An ambassador's one message lists all their students: it covers their other pairs too.
    assert!(five.iter().all(|p| summary.pairs.contains(p)));
    let hosts: std::collections::HashSet<_> = pairs[..5].iter().map(|p| p.ambassador_id).collect();
    assert_eq!(
        summary.drafts + summary.without_email.len(),
        5 + hosts.len(),
        "one message a student, one an ambassador"
    );

    let students = store.list_students(edition).unwrap();
    let ambassadors = store.list_ambassadors(edition).unwrap();
    let first = &pairs[0];
    let student = students.iter().find(|s| s.id == first.student_id).unwrap();
    let ambassador = ambassadors
        .iter()
        .find(|a| a.id == first.ambassador_id)
        .unwrap();

    // The wave has its own folder inside the one chosen.
    let wave = std::path::PathBuf::from(&summary.folder);
    assert_eq!(wave.parent(), Some(folder.as_path()));
    let mut drafts: Vec<_> = std::fs::read_dir(&wave)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    drafts.sort();
    let raw = std::fs::read(&drafts[0]).unwrap();
    let message = mail_parser::MessageParser::default()
        .parse(&raw)
        .expect("a MIME message");
    let subject = message.subject().unwrap();
    assert!(
        subject.starts_with("Vis mon job : votre binôme, "),
        "{subject}"
    );
    assert!(
        subject.contains(&ambassador.identity.first_name),
        "{subject}"
    );
    let to = message.to().unwrap().first().unwrap();
    assert_eq!(to.address().map(str::to_string), student.identity.email);
    assert_eq!(
        message.from().unwrap().first().unwrap().name(),
        Some("L'équipe Vis mon job (DINUM)")
    );
    let body = message.body_text(0).unwrap();
    assert!(body.contains("mardi 24 novembre 2026"), "{body}");
    assert!(body.contains(ambassador.identity.email.as_deref().unwrap()));
    assert!(body.contains(&ambassador.identity.last_name.to_uppercase()));
    assert!(!body.contains('{'), "every field filled: {body}");
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));

    let sheet = std::fs::read_to_string(wave.join("publipostage.csv")).unwrap();
    assert!(sheet.starts_with("\u{feff}Rôle;Nom;Email;Objet;Message;Type;Message-ID"));
    assert_eq!(
        csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(sheet.as_bytes())
            .records()
            .count(),
        5 + hosts.len()
    );

    // Once sent, the batch is marked: those pairs are "notifié", the others untouched.
    assert_eq!(
        binome::actions::messages::mark_notified(&mut store, edition, &five).unwrap(),
        5
    );
    // A pair of another edition (or one undone since) is left alone.
    assert_eq!(
        store
            .mark_notified(binome::model::EditionId(edition.0 + 1), &five)
            .unwrap(),
        0
    );
    let after = store.list_pairs(edition).unwrap();
    assert_eq!(
        after
            .iter()
            .filter(|p| p.status == PairStatus::Notified)
            .count(),
        5
    );
    assert_eq!(
        after
            .iter()
            .filter(|p| p.status == PairStatus::Proposed)
            .count(),
        pairs.len() - 5
    );
}

#[test]
fn templates_are_editable_per_edition() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = store.edition_for_command_line(None).unwrap().id;
    let mut templates = binome::actions::messages::templates(&store, edition).unwrap();
    templates.student.subject = "Votre journée avec {binome_prenom} — « Vis mon job »".into();
    templates.organiser_email = "equipe@exemple.gouv.fr".into();
    binome::actions::messages::set_templates(&mut store, edition, &templates).unwrap();
    assert_eq!(
        binome::actions::messages::templates(&store, edition).unwrap(),
        templates
    );
}

#[test]
fn the_mail_merge_sheet_opens_in_french_excel_and_no_name_becomes_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    // Applicants write what they like in their own names.
    let students = dir.path().join("étudiants.csv");
    std::fs::write(
        &students,
        "Nom;Prénom;Email;Métier que vous souhaitez découvrir (1er choix);Code postal\r\n\
         Martin;\"=HYPERLINK(\"\"http://mal.example\"\";\"\"clic\"\")\";zoe@etu.example;Développeur;75001\r\n",
    )
    .unwrap();
    let (mut store, edition) = edition_of(
        dir.path(),
        &students,
        "Nom;Prénom;Email;Métier;Code postal;Combien d'étudiants pouvez-vous accueillir ?\r\n\
         +Durand;@Paul;paul@etat.example;Développeur;75002;1\r\n",
    );
    let suggestion = binome::actions::suggest::suggest(&mut store, edition).unwrap();
    assert_eq!(suggestion.proposed.len(), 1);
    let folder = dir.path().join("messages");
    let summary =
        binome::actions::messages::write_drafts(&mut store, edition, &folder, &Default::default())
            .unwrap();

    let bytes =
        std::fs::read(std::path::Path::new(&summary.folder).join("publipostage.csv")).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("Message-ID\r\n"),
        "CRLF line ends, as Windows writes them"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    assert_eq!(names.len(), 2);
    for name in &names {
        assert!(
            !binome::text::looks_like_formula(name),
            "« {name} » would be evaluated by Excel"
        );
    }
    // Written as text: the apostrophe is Excel's own mark for it.
    assert!(
        names.contains(&"'=HYPERLINK(\"http://mal.example\";\"clic\") Martin".to_string()),
        "{names:?}"
    );
    assert!(names.contains(&"'@Paul +Durand".to_string()), "{names:?}");
}

/// A name pasted over and over must not stop the wave (the system refuses file names past 255
/// bytes); and once everyone is told, writing again makes no empty wave beside the real one.
#[test]
fn a_very_long_name_gets_its_draft_and_nobody_owed_makes_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    let students = dir.path().join("etudiants.csv");
    let long = "Marie-Éloïse ".repeat(25);
    std::fs::write(
        &students,
        format!(
            "Nom;Prénom;Email;Métier que vous souhaitez découvrir (1er choix);Code postal\n\
             Martin;{long};marie@etu.example;Développeur;75001\n"
        ),
    )
    .unwrap();
    let (mut store, edition) = edition_of(
        dir.path(),
        &students,
        "Nom;Prénom;Email;Métier;Code postal;Combien d'étudiants pouvez-vous accueillir ?\n\
         Durand;Paul;paul@etat.example;Développeur;75002;1\n",
    );
    binome::actions::suggest::suggest(&mut store, edition).unwrap();
    let folder = dir.path().join("messages");
    let all = binome::actions::messages::Selection::default();
    let summary =
        binome::actions::messages::write_drafts(&mut store, edition, &folder, &all).unwrap();
    assert_eq!(summary.drafts, 2);
    let names: Vec<String> = std::fs::read_dir(&summary.folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.len() <= 100), "{names:?}");

    binome::actions::messages::mark_notified(&mut store, edition, &summary.pairs).unwrap();
    let again =
        binome::actions::messages::write_drafts(&mut store, edition, &folder, &all).unwrap();
    assert_eq!((again.drafts, again.wave.as_str()), (0, ""));
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        1,
        "only the first wave"
    );
}

/// An edition of `dir` holding the students' file and an ambassadors' file of `ambassadors`.
fn edition_of(
    dir: &std::path::Path,
    students: &std::path::Path,
    ambassadors: &str,
) -> (Store, binome::model::EditionId) {
    let file = dir.join("ambassadeurs.csv");
    std::fs::write(&file, ambassadors).unwrap();
    let mut store = Store::open(&dir.join("b.sqlite3")).unwrap();
    let edition = binome::actions::editions::for_command_line(&mut store, None)
        .unwrap()
        .id;
    common::import_file(&mut store, edition, students, Role::Student, None).unwrap();
    common::import_file(&mut store, edition, &file, Role::Ambassador, None).unwrap();
    (store, edition)
}
