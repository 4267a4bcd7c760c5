//! What the window remembers between sessions, kept in the database with the data (#18): the
//! edition open when it was closed, and the dashboard's memorised figures; and the export's
//! default file name.

mod common;

use std::path::Path;

use binome::actions::{editions, export, suggest};
use binome::model::{NewEdition, Role};
use binome::Store;

fn new_edition(store: &mut Store, name: &str) -> binome::model::EditionId {
    editions::create(
        store,
        &NewEdition {
            name: name.into(),
            event_date: Some("2026-12-04".into()),
        },
    )
    .unwrap()
    .id
}

#[test]
fn the_edition_left_open_is_reopened_after_a_restart_and_the_list_is_when_it_was_shown() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let first = new_edition(&mut store, "Vis mon job 2025");
    let second = new_edition(&mut store, "Vis mon job 2026");
    assert_eq!(
        editions::opened(&store).unwrap(),
        None,
        "nothing opened yet"
    );

    editions::set_opened(&mut store, Some(first)).unwrap();
    editions::set_opened(&mut store, Some(second)).unwrap();
    drop(store);
    let mut store = Store::open(&db).unwrap();
    assert_eq!(editions::opened(&store).unwrap(), Some(second));

    // Back to the list: the next start shows the list.
    editions::set_opened(&mut store, None).unwrap();
    assert_eq!(editions::opened(&store).unwrap(), None);

    // An edition deleted while open is not reopened.
    editions::set_opened(&mut store, Some(first)).unwrap();
    editions::delete(&mut store, first).unwrap();
    assert_eq!(editions::opened(&store).unwrap(), None);
    // An id that is not an edition is refused, in French.
    let error = editions::set_opened(&mut store, Some(first)).unwrap_err();
    assert!(error.to_string().contains("dition"), "{error}");
}

#[test]
fn memorised_figures_are_stored_with_their_edition_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let edition = new_edition(&mut store, "Vis mon job 2026");
    let other = new_edition(&mut store, "Vis mon job 2027");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    for (file, role) in [
        ("etudiants-demarches-simplifiees.xlsx", Role::Student),
        ("ambassadeurs-sphinx-retravaille.xlsx", Role::Ambassador),
    ] {
        common::import_file(&mut store, edition, &samples.join(file), role, None).unwrap();
    }
    suggest::suggest(&mut store, edition).unwrap();
    assert_eq!(suggest::remembered_figures(&store, edition).unwrap(), None);

    let kept = suggest::remember_figures(&mut store, edition).unwrap();
    let now = suggest::season(&store, edition).unwrap();
    assert_eq!(kept.students, now.students);
    assert_eq!(kept.satisfaction, now.satisfaction);
    assert!(kept.satisfaction.placed > 100);
    assert!(kept.at.ends_with('Z') && kept.at.len() == 20, "{}", kept.at);

    drop(store);
    let store = Store::open(&db).unwrap();
    assert_eq!(
        suggest::remembered_figures(&store, edition).unwrap(),
        Some(kept)
    );
    assert_eq!(suggest::remembered_figures(&store, other).unwrap(), None);
}

#[test]
fn the_export_is_named_after_the_edition_and_the_day() {
    let day = time::macros::date!(2026 - 12 - 04);
    assert_eq!(
        export::file_name_for("Vis mon job 2026", day),
        "Binômes - Vis mon job 2026 - 2026-12-04.xlsx"
    );
    // What a file name may not hold on Windows is replaced; an empty name leaves the date.
    assert_eq!(
        export::file_name_for("Paris/Lyon: 2026?", day),
        "Binômes - Paris-Lyon- 2026- - 2026-12-04.xlsx"
    );
    assert_eq!(
        export::file_name_for(" . ", day),
        "Binômes - 2026-12-04.xlsx"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = new_edition(&mut store, "Vis mon job 2026");
    let name = export::default_file_name(&store, edition).unwrap();
    assert!(
        name.starts_with("Binômes - Vis mon job 2026 - 20") && name.ends_with(".xlsx"),
        "{name}"
    );
}
