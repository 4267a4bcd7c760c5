//! The demo edition and its sample sign-up sheets: reproducible, committed, and as messy as
//! real exports (README, « Sample files »).

use std::path::Path;

use binome::demo::{self, DemoSize};
use binome::Store;
use calamine::{open_workbook_auto, Data, DataType, Reader};

fn samples_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples"))
}

fn read_all(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut workbook = open_workbook_auto(path).unwrap();
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            (name, range.rows().map(<[Data]>::to_vec).collect())
        })
        .collect()
}

#[test]
fn committed_samples_are_what_the_generator_writes() {
    let fresh = tempfile::tempdir().unwrap();
    let files = demo::write_samples(fresh.path(), demo::DEFAULT_SEED, DemoSize::default()).unwrap();
    for file in files {
        let name = file.file_name().unwrap();
        let committed = samples_dir().join(name);
        let hint = "regenerate with `cargo run -p binome -- demo --out assets/samples`";
        if file.extension().is_some_and(|e| e == "csv") {
            assert_eq!(
                std::fs::read(&file).unwrap(),
                std::fs::read(&committed).unwrap(),
                "{hint}"
            );
        } else {
            assert_eq!(
                read_all(&file),
                read_all(&committed),
                "{name:?} is stale: {hint}"
            );
        }
    }
}

#[test]
fn students_sheet_has_the_demarches_simplifiees_layout_and_its_messes() {
    let sheets = read_all(&samples_dir().join(demo::STUDENTS_XLSX));
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Dossiers", "Etablissements", "Avis"]);
    let rows = &sheets[0].1;
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        &header[..5],
        ["ID", "Email", "FranceConnect ?", "Civilité", "Nom"]
    );
    let col = |title: &str| header.iter().position(|h| h == title).unwrap();
    assert!(header.contains(&"Métier que vous souhaitez découvrir (1er choix)".to_string()));
    assert!(header.contains(&"Commune de votre lieu de résidence (Code INSEE)".to_string()));
    let data = &rows[1..];
    assert_eq!(
        data.len(),
        DemoSize::default().students + 1,
        "one applicant applied twice"
    );

    let postal = col("Code postal de votre lieu de résidence");
    assert!(
        data.iter()
            .any(|r| matches!(r[postal], Data::Float(n) if n < 10_000.0)),
        "a postal code stored as a number lost its leading zero"
    );
    let insee = col("Commune de votre lieu de résidence (Code INSEE)");
    for code in ["2A004", "2B033", "97411"] {
        assert!(data.iter().any(|r| r[insee] == code), "{code} present");
    }
    let email = col("Email");
    assert!(
        data.iter().any(|r| r[email].is_empty()),
        "a row without e-mail"
    );
    let emails: Vec<String> = data
        .iter()
        .map(|r| r[email].to_string().trim().to_lowercase())
        .collect();
    let unique: std::collections::HashSet<_> = emails.iter().filter(|e| !e.is_empty()).collect();
    assert_eq!(
        unique.len(),
        emails.iter().filter(|e| !e.is_empty()).count() - 1,
        "one duplicate"
    );
    assert!(data
        .iter()
        .any(|r| r[email].to_string() != r[email].to_string().to_lowercase()));

    let last = col("Nom");
    assert!(
        data.iter().any(|r| r[last].to_string().starts_with(' ')),
        "stray spaces"
    );
    assert!(
        data.iter()
            .any(|r| r[last].to_string().contains('\u{301}')
                || r[last].to_string().contains('\u{300}')),
        "decomposed accents"
    );
    let remarks = col("Avez-vous des remarques ou contraintes particulières ?");
    for start in ['=', '+', '-', '@'] {
        assert!(
            data.iter()
                .any(|r| r[remarks].to_string().starts_with(start)),
            "text starting with {start}"
        );
    }
    assert!(data
        .iter()
        .any(|r| r[col("Villes où vous pourriez vous rendre")]
            .to_string()
            .contains("; ")));
    assert!(data
        .iter()
        .any(|r| matches!(r[col("Déposé le")], Data::DateTime(_))));
    assert!(
        data.iter()
            .any(|r| matches!(r[col("Passé en instruction le")], Data::Float(n) if n > 40_000.0)),
        "a date as a bare serial number"
    );
    let wish = col("Métier que vous souhaitez découvrir (1er choix)");
    assert!(
        data.iter()
            .any(|r| ["Developpeur", "Dév web", "UX designer"]
                .contains(&r[wish].to_string().as_str()))
            || data.iter().any(|r| r[wish]
                .to_string()
                .chars()
                .next()
                .is_some_and(char::is_lowercase))
    );

    // No cell is a formula: text that looks like one stayed text.
    let mut workbook = open_workbook_auto(samples_dir().join(demo::STUDENTS_XLSX)).unwrap();
    let formulas = workbook.worksheet_formula("Dossiers").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn ambassadors_sheet_is_a_reworked_sphinx_export() {
    let path = samples_dir().join(demo::AMBASSADORS_XLSX);
    let sheets = read_all(&path);
    let rows = &sheets[0].1;
    assert!(
        rows[0][0].to_string().starts_with("Vis mon job"),
        "title row above the header"
    );
    assert!(
        rows[2].iter().all(Data::is_empty),
        "blank row before the header"
    );
    assert_eq!(rows[3][2].to_string(), "NOM");
    assert_eq!(
        rows[3][13].to_string(),
        "Combien d'étudiants pouvez-vous accueillir ?"
    );
    let data = &rows[4..];
    assert!(
        data.iter().any(|r| r.iter().all(Data::is_empty)),
        "a blank row among the data"
    );
    assert!(
        data.iter()
            .any(|r| r.len() > 13 && r[3].to_string().len() > 1 && r[13].is_empty()),
        "blank capacity"
    );
    let surnames: Vec<String> = data
        .iter()
        .filter(|r| r.len() > 4 && !r[4].is_empty())
        .map(|r| r[2].to_string())
        .collect();
    assert!(
        surnames.iter().all(|s| s == &s.to_uppercase()),
        "upper-case surnames"
    );

    let mut workbook = open_workbook_auto(&path).unwrap();
    let formulas = workbook.worksheet_formula("Réponses").unwrap();
    let found: Vec<String> = formulas
        .used_cells()
        .map(|(_, _, f)| f.clone())
        .filter(|f| !f.is_empty())
        .collect();
    assert_eq!(
        found.len(),
        1,
        "only the totals row holds a formula: {found:?}"
    );
    assert!(found[0].starts_with("SUM(N"));
    let calamine::Sheets::Xlsx(mut xlsx) = workbook else {
        panic!("xlsx")
    };
    let merges = xlsx.merge_cells_by_sheet_name("Réponses").unwrap();
    assert!(
        merges.len() >= 3,
        "title rows and a service cell are merged: {merges:?}"
    );
}

#[test]
fn csv_sample_is_what_french_excel_saves() {
    let bytes = std::fs::read(samples_dir().join(demo::STUDENTS_CSV)).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "Windows-1252, not UTF-8"
    );
    let (text, _, had_errors) = encoding_rs::WINDOWS_1252.decode(&bytes);
    assert!(!had_errors);
    let first_line = text.lines().next().unwrap();
    assert!(first_line.starts_with("ID;Email;FranceConnect ?;Civilité;Nom;Prénom;"));
    assert!(text.contains("\r\n"));
}

#[test]
fn the_demo_edition_is_created_once_with_every_person_and_their_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = binome::actions::demo::open_demo_edition(&mut store).unwrap();
    assert!(edition.is_demo);
    assert_eq!(
        binome::actions::demo::open_demo_edition(&mut store)
            .unwrap()
            .id,
        edition.id,
        "opened, not duplicated"
    );
    let summary = store.edition(edition.id).unwrap();
    assert_eq!(summary.students as usize, DemoSize::default().students);
    assert_eq!(
        summary.ambassadors as usize,
        DemoSize::default().ambassadors
    );

    let students = store.list_students(edition.id).unwrap();
    let with_email = students
        .iter()
        .find(|s| s.identity.email.is_some())
        .unwrap();
    let (headers, row) = store
        .source_row(edition.id, with_email.source_row.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(headers[1], "Email");
    let email = with_email.identity.email.as_deref().unwrap();
    assert_eq!(row.cells[1].trim().to_lowercase(), email);
    assert!(students
        .iter()
        .any(|s| s.place.departement.as_deref() == Some("2A")));
    assert!(students.iter().all(|s| s.wished_jobs.len() == 3));

    let ambassadors = store.list_ambassadors(edition.id).unwrap();
    let (headers, row) = store
        .source_row(edition.id, ambassadors[0].source_row.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(headers[2], "NOM");
    assert!(
        row.row_number >= 5,
        "Sphinx data starts below the title rows and the header"
    );
    assert!(
        ambassadors.iter().any(|a| a.capacity == 0),
        "some cannot host this year"
    );
}

#[test]
fn a_first_run_gets_the_demo_edition_but_an_edition_in_use_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let created = binome::actions::demo::create_demo_if_empty(&mut store).unwrap();
    assert!(created.is_some_and(|e| e.is_demo));
    assert!(binome::actions::demo::create_demo_if_empty(&mut store)
        .unwrap()
        .is_none());

    let other = tempfile::tempdir().unwrap();
    let mut store = Store::open(&other.path().join("b.sqlite3")).unwrap();
    store
        .create_edition(&binome::model::NewEdition {
            name: "Vis mon job 2026".into(),
            event_date: None,
        })
        .unwrap();
    assert!(binome::actions::demo::create_demo_if_empty(&mut store)
        .unwrap()
        .is_none());
    assert_eq!(store.list_editions().unwrap().len(), 1);
}

#[test]
fn a_row_is_shown_only_within_its_own_edition() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let demo = binome::actions::demo::open_demo_edition(&mut store).unwrap();
    let other = store
        .create_edition(&binome::model::NewEdition {
            name: "Vis mon job 2025".into(),
            event_date: None,
        })
        .unwrap();
    let row = store.list_students(demo.id).unwrap()[0].source_row.unwrap();
    assert!(binome::actions::people::original_row(&store, demo.id, row)
        .unwrap()
        .is_some());
    assert!(
        binome::actions::people::original_row(&store, other.id, row)
            .unwrap()
            .is_none(),
        "a row id sent with another edition shows nothing"
    );
}
