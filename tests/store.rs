//! The SQLite store, on real files: editions, atomic writes, pairing rules, hostile files.

mod common;

use binome::model::{
    Ambassador, AmbassadorId, EditionId, ForbiddenPair, Identity, Mobility, NewBatch, NewEdition,
    PairOrigin, Place, Role, Student, StudentId,
};
use binome::model::{BatchRow, PersonRecord, SourceCells};
use binome::store::SCHEMA_VERSION;
use binome::{Store, StoreError};

fn edition(name: &str, date: Option<&str>) -> NewEdition {
    NewEdition {
        name: name.into(),
        event_date: date.map(str::to_string),
    }
}

fn student(email: &str) -> Student {
    Student {
        id: StudentId(0),
        edition_id: EditionId(0),
        identity: Identity {
            civility: Some("Mme".into()),
            last_name: "Lefèvre".into(),
            first_name: "Élodie".into(),
            email: Some(email.into()),
            phone: None,
        },
        place: Place {
            postal_code: Some("01000".into()),
            commune: Some("Bourg-en-Bresse".into()),
            insee_code: Some("01053".into()),
            departement: Some("01".into()),
        },
        school: None,
        level: Some("Bac+3".into()),
        curriculum: None,
        wished_jobs: vec!["Data scientist".into(), "Designer UX/UI".into()],
        wished_administration: None,
        mobility: Mobility::Region,
        application_state: Some("accepte".into()),
        comments: Some("=1+1 reste du texte".into()),
        source_row: None,
    }
}

fn ambassador(email: &str, capacity: u32) -> Ambassador {
    Ambassador {
        id: AmbassadorId(0),
        edition_id: EditionId(0),
        identity: Identity {
            last_name: "Nguyen".into(),
            first_name: "Karim".into(),
            email: Some(email.into()),
            ..Identity::default()
        },
        place: Place::default(),
        job: Some("Data scientist".into()),
        job_title: None,
        administration: Some("Ministère des Armées".into()),
        structure_type: None,
        service: None,
        capacity,
        preferred_levels: vec!["Bac+4".into(), "Bac+5".into()],
        comments: None,
        source_row: None,
    }
}

fn batch(role: Role, records: Vec<PersonRecord>) -> (NewBatch, Vec<BatchRow>) {
    let rows = records
        .into_iter()
        .enumerate()
        .map(|(i, record)| BatchRow {
            row_number: i as u32 + 2,
            cells: SourceCells::new([format!("cellule {i}"), "valeur inconnue gardée".into()]),
            record,
        })
        .collect();
    (
        NewBatch {
            role,
            file_name: "inscriptions.xlsx".into(),
            sheet: Some("Dossiers".into()),
            header_row: Some(1),
            headers: vec!["Email".into(), "Colonne inconnue".into()],
        },
        rows,
    )
}

/// Students `etudiant<i>@example.org` for each `i` of `numbers`.
fn numbered_students(numbers: std::ops::Range<usize>) -> Vec<PersonRecord> {
    numbers
        .map(|i| PersonRecord::Student(student(&format!("etudiant{i}@example.org"))))
        .collect()
}

#[test]
fn a_new_file_gets_the_current_schema_in_wal_mode_with_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sous-dossier").join("binomes.sqlite3");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // Re-opening an up-to-date file migrates nothing and loses nothing.
    let mut store = Store::open(&path).unwrap();
    store.create_edition(&edition("2026", None)).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.list_editions().unwrap().len(), 1);
}

#[test]
fn editions_are_created_listed_renamed_and_deleted_and_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binomes.sqlite3");
    let mut store = Store::open(&path).unwrap();

    let first = store
        .create_edition(&edition("  Vis mon job   2025 ", Some("2025-11-20")))
        .unwrap();
    assert_eq!(first.name, "Vis mon job 2025", "names are cleaned");
    let second = store
        .create_edition(&edition("Vis mon job 2026", None))
        .unwrap();

    let listed = store.list_editions().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|e| e.students == 0 && e.pairs == 0));

    let renamed = store
        .update_edition(
            second.id,
            &edition("Vis mon job 2026 (4e édition)", Some("2026-11-24")),
        )
        .unwrap();
    assert_eq!(renamed.event_date.as_deref(), Some("2026-11-24"));

    drop(store);
    let mut store = Store::open(&path).unwrap();
    let names: Vec<String> = store
        .list_editions()
        .unwrap()
        .into_iter()
        .map(|e| e.edition.name)
        .collect();
    assert_eq!(
        names,
        ["Vis mon job 2026 (4e édition)", "Vis mon job 2025"],
        "most recent first"
    );

    store.delete_edition(first.id).unwrap();
    assert_eq!(store.list_editions().unwrap().len(), 1);
    assert!(matches!(
        store.delete_edition(first.id),
        Err(StoreError::EditionNotFound { .. })
    ));
}

#[test]
fn bad_edition_input_is_refused_with_a_french_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    store
        .create_edition(&edition("Édition 2026", None))
        .unwrap();

    let taken = store
        .create_edition(&edition("ÉDITION 2026", None))
        .unwrap_err();
    assert!(
        matches!(taken, StoreError::EditionNameTaken { .. }) || taken.to_string().contains("déjà"),
        "{taken}"
    );
    let empty = store.create_edition(&edition("   ", None)).unwrap_err();
    assert_eq!(
        empty.to_string(),
        "Le nom de l'édition ne peut pas être vide."
    );
    let date = store
        .create_edition(&edition("Autre", Some("2026-02-30")))
        .unwrap_err();
    assert!(
        date.to_string()
            .contains("« 2026-02-30 » n'est pas une date valide"),
        "{date}"
    );
    assert_eq!(
        store.list_editions().unwrap().len(),
        1,
        "nothing half-created"
    );
}

#[test]
fn a_failed_write_leaves_the_database_exactly_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    // The same e-mail twice in one batch breaks the "same person never twice" rule mid-way.
    let broken = batch(
        Role::Student,
        vec![
            PersonRecord::Student(student("a@example.org")),
            PersonRecord::Student(student("a@example.org")),
        ],
    );
    let result = store.create_edition_with_batches(&edition("Import raté", None), false, &[broken]);
    assert!(result.is_err());
    assert!(
        store.list_editions().unwrap().is_empty(),
        "no partial edition"
    );
}

/// A file of several thousand rows: each person is stored with their own row's cells, in the
/// file's order, and a failure far into the file leaves nothing of it.
#[test]
fn a_large_file_keeps_each_row_with_its_person_and_a_failure_midway_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let people = |n: usize| numbered_students(0..n);
    let mut broken = people(5_000);
    broken[4_000] = PersonRecord::Student(student("etudiant10@example.org"));
    let result = store.create_edition_with_batches(
        &edition("Import raté", None),
        false,
        &[batch(Role::Student, broken)],
    );
    assert!(result.is_err(), "the same e-mail twice is refused");
    assert!(
        store.list_editions().unwrap().is_empty(),
        "no partial edition"
    );

    store
        .create_edition_with_batches(
            &edition("2026", None),
            false,
            &[batch(Role::Student, people(5_000))],
        )
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT s.email, r.row_number, r.cells FROM student s
             JOIN source_row r ON r.id = s.source_row_id ORDER BY r.row_number",
        )
        .unwrap();
    let stored: Vec<(String, u32, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stored.len(), 5_000);
    for (i, (email, row_number, cells)) in stored.iter().enumerate() {
        assert_eq!(email, &format!("etudiant{i}@example.org"));
        assert_eq!(*row_number, i as u32 + 2);
        let cells: Vec<String> = serde_json::from_str(cells).unwrap();
        assert_eq!(
            cells,
            [format!("cellule {i}"), "valeur inconnue gardée".into()]
        );
    }
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM source_row", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 5_000, "nothing left of the failed import");
}

/// The journal mode written in a database file's header: 2 is the WAL, 1 a rollback journal.
fn journal_in_header(path: &std::path::Path) -> u8 {
    std::fs::read(path).unwrap()[18]
}

/// An import is written under a rollback journal (each page written once) and leaves the file
/// in the WAL, whether it succeeded or failed; with another connection reading the file, as the
/// app's does, it is written in the WAL, and both see the same people.
#[test]
fn an_import_goes_back_to_the_wal_and_works_beside_a_reading_connection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let people = |from: usize, n: usize| numbered_students(from..from + n);
    let mut broken = people(0, 3_000);
    broken[2_500] = PersonRecord::Student(student("etudiant1@example.org"));
    assert!(store
        .create_edition_with_batches(
            &edition("Import raté", None),
            false,
            &[batch(Role::Student, broken)]
        )
        .is_err());
    assert_eq!(
        journal_in_header(&path),
        2,
        "back in the WAL after a failure"
    );
    let first = store
        .create_edition_with_batches(
            &edition("2026", None),
            false,
            &[batch(Role::Student, people(0, 3_000))],
        )
        .unwrap();
    assert_eq!(
        journal_in_header(&path),
        2,
        "back in the WAL after an import"
    );
    assert!(!dir.path().join("b.sqlite3-journal").exists());

    // A second connection open, as the app's reading one: the next import still goes in.
    let reader = Store::open(&path).unwrap();
    assert_eq!(reader.list_students(first.id).unwrap().len(), 3_000);
    let (new_batch, rows) = batch(Role::Student, people(3_000, 2_000));
    store
        .apply_import(first.id, &new_batch, &rows, &[])
        .unwrap();
    assert_eq!(journal_in_header(&path), 2);
    assert_eq!(reader.list_students(first.id).unwrap().len(), 5_000);
    drop(reader);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.list_students(first.id).unwrap().len(), 5_000);
}

/// A connection opened while an import is written under a rollback journal (the app opens its
/// reading one when it first reads) waits for it: it opens, and it sees no edition or the whole
/// imported one, never a part. The file is in the WAL after both.
#[test]
fn a_connection_opened_during_an_import_waits_for_it_and_sees_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let rows = numbered_students(0..20_000);
    let started = std::sync::Arc::new(std::sync::Barrier::new(2));
    let opener = {
        let (path, started) = (path.clone(), started.clone());
        std::thread::spawn(move || {
            started.wait();
            let mut seen = Vec::new();
            for _ in 0..20 {
                let reader = Store::open(&path).expect("opens during the import");
                for summary in reader.list_editions().unwrap() {
                    seen.push(reader.list_students(summary.edition.id).unwrap().len());
                }
                drop(reader);
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            seen
        })
    };
    started.wait();
    store
        .create_edition_with_batches(&edition("2026", None), false, &[batch(Role::Student, rows)])
        .unwrap();
    let seen = opener.join().unwrap();
    assert!(
        seen.iter().all(|&n| n == 20_000),
        "all or nothing: {seen:?}"
    );
    drop(store);
    assert_eq!(journal_in_header(&path), 2);
}

/// A new database has pages of 16 KiB; one made with SQLite's default of 4 KiB keeps them, and
/// takes an import all the same.
#[test]
fn a_new_database_has_pages_of_16_kib_and_an_older_one_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let page_size = |path: &std::path::Path| -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap()
    };
    let new = dir.path().join("nouvelle.sqlite3");
    drop(Store::open(&new).unwrap());
    assert_eq!(page_size(&new), 16_384);

    let older = dir.path().join("ancienne.sqlite3");
    {
        let conn = rusqlite::Connection::open(&older).unwrap();
        conn.execute_batch(
            "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE t (x); DROP TABLE t;",
        )
        .unwrap();
    }
    let mut store = Store::open(&older).unwrap();
    let created = store
        .create_edition_with_batches(
            &edition("2026", None),
            false,
            &[batch(
                Role::Student,
                vec![PersonRecord::Student(student("a@example.org"))],
            )],
        )
        .unwrap();
    drop(store);
    assert_eq!(page_size(&older), 4096);
    let store = Store::open(&older).unwrap();
    assert_eq!(store.list_students(created.id).unwrap().len(), 1);
}

#[test]
fn people_keep_their_source_row_as_it_came_and_deleting_an_edition_removes_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let created = store
        .create_edition_with_batches(
            &edition("2026", None),
            false,
            &[
                batch(
                    Role::Student,
                    vec![
                        PersonRecord::Student(student("elodie@example.org")),
                        PersonRecord::Rejected("Ligne 3 : ni nom ni e-mail.".into()),
                    ],
                ),
                batch(
                    Role::Ambassador,
                    vec![PersonRecord::Ambassador(ambassador("karim@example.org", 1))],
                ),
            ],
        )
        .unwrap();
    let summary = store.edition(created.id).unwrap();
    assert_eq!((summary.students, summary.ambassadors), (1, 1));

    let students = store.list_students(created.id).unwrap();
    assert_eq!(students[0].identity.first_name, "Élodie");
    assert_eq!(students[0].place.postal_code.as_deref(), Some("01000"));
    assert_eq!(
        students[0].wished_jobs,
        ["Data scientist", "Designer UX/UI"]
    );
    assert_eq!(students[0].comments.as_deref(), Some("=1+1 reste du texte"));
    let (headers, row) = store
        .source_row(
            created.id,
            students[0].source_row.expect("linked to its row"),
        )
        .unwrap()
        .unwrap();
    assert_eq!(headers, ["Email", "Colonne inconnue"]);
    assert_eq!(row.row_number, 2);
    assert_eq!(row.cells[1], "valeur inconnue gardée");

    let ambassadors = store.list_ambassadors(created.id).unwrap();
    store
        .add_pair(
            created.id,
            students[0].id,
            ambassadors[0].id,
            PairOrigin::Manual,
        )
        .unwrap();
    assert_eq!(store.edition(created.id).unwrap().pairs, 1);

    store.delete_edition(created.id).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for table in [
        "student",
        "ambassador",
        "pair",
        "import_batch",
        "source_row",
    ] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table} emptied with its edition");
    }
}

#[test]
fn pairs_respect_capacity_single_pairing_and_forbidden_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let ed = store
        .create_edition_with_batches(
            &edition("2026", None),
            false,
            &[
                batch(
                    Role::Student,
                    vec![
                        PersonRecord::Student(student("s1@example.org")),
                        PersonRecord::Student(student("s2@example.org")),
                        PersonRecord::Student(student("s3@example.org")),
                    ],
                ),
                batch(
                    Role::Ambassador,
                    vec![
                        PersonRecord::Ambassador(ambassador("a1@example.org", 1)),
                        PersonRecord::Ambassador(ambassador("a2@example.org", 0)),
                    ],
                ),
            ],
        )
        .unwrap()
        .id;
    let s: Vec<StudentId> = store
        .list_students(ed)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    let a: Vec<AmbassadorId> = store
        .list_ambassadors(ed)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();

    let pair = store
        .add_pair(ed, s[0], a[0], PairOrigin::Suggested)
        .unwrap();
    assert_eq!(pair.status.label_fr(), "proposé");
    assert!(!pair.locked);

    let full = store
        .add_pair(ed, s[1], a[0], PairOrigin::Manual)
        .unwrap_err();
    assert!(
        matches!(full, StoreError::AmbassadorFull { capacity: 1, .. }),
        "{full}"
    );
    let unavailable = store
        .add_pair(ed, s[1], a[1], PairOrigin::Manual)
        .unwrap_err();
    assert!(matches!(
        unavailable,
        StoreError::AmbassadorFull { capacity: 0, .. }
    ));
    let twice = store
        .add_pair(ed, s[0], a[1], PairOrigin::Manual)
        .unwrap_err();
    assert!(matches!(twice, StoreError::StudentAlreadyPaired { .. }));

    // Forbidding an existing pair undoes it, and it can't be made again.
    store
        .forbid_pair(&ForbiddenPair {
            edition_id: ed,
            student_id: s[0],
            ambassador_id: a[0],
            reason: Some("Même service que la mère de l'étudiante".into()),
        })
        .unwrap();
    assert!(store.list_pairs(ed).unwrap().is_empty());
    let forbidden = store
        .add_pair(ed, s[0], a[0], PairOrigin::Manual)
        .unwrap_err();
    assert!(matches!(forbidden, StoreError::ForbiddenPair { .. }));

    // People of another edition are not reachable from this one.
    let other = store.create_edition(&edition("Autre", None)).unwrap().id;
    assert!(matches!(
        store.add_pair(other, s[2], a[0], PairOrigin::Manual),
        Err(StoreError::StudentNotFound { .. })
    ));
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binomes.sqlite3");
    let content = b"PK\x03\x04 ceci est un classeur, pas une base de donnees".repeat(200);
    std::fs::write(&path, &content).unwrap();

    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, StoreError::NotADatabase { .. }), "{error}");
    assert!(error
        .to_string()
        .contains("n'est pas une base de données Binômes"));
    assert_eq!(std::fs::read(&path).unwrap(), content, "never overwritten");
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binomes.sqlite3");
    Store::open(&path).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    assert!(matches!(Store::open(&path), Err(StoreError::TooNew)));
}

#[test]
fn a_version_1_database_with_data_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binomes.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/store/migrations/001_initial.sql"))
            .unwrap();
        conn.execute(
            "INSERT INTO edition (name, event_date) VALUES ('Vis mon job 2025', '2025-11-20')",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let editions = store.list_editions().unwrap();
    assert_eq!(editions[0].edition.name, "Vis mon job 2025");
    assert!(store.column_choices(Role::Student).unwrap().is_empty());
}

#[test]
fn pairs_are_locked_validated_in_bulk_and_notified() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let ed = store
        .create_edition_with_batches(
            &edition("2026", None),
            false,
            &[
                batch(
                    Role::Student,
                    vec![
                        PersonRecord::Student(student("s1@example.org")),
                        PersonRecord::Student(student("s2@example.org")),
                    ],
                ),
                batch(
                    Role::Ambassador,
                    vec![PersonRecord::Ambassador(ambassador("a1@example.org", 2))],
                ),
            ],
        )
        .unwrap()
        .id;
    let s: Vec<StudentId> = store
        .list_students(ed)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    let a = store.list_ambassadors(ed).unwrap()[0].id;
    let first = store.add_pair(ed, s[0], a, PairOrigin::Suggested).unwrap();
    let second = store.add_pair(ed, s[1], a, PairOrigin::Suggested).unwrap();
    assert!(store.set_pair_locked(first.id, true).unwrap().locked);
    let status = |status| binome::store::PairEdit {
        status: Some(status),
        ..Default::default()
    };
    store
        .edit_pairs(
            ed,
            &[second.id],
            &status(binome::model::PairStatus::Notified),
        )
        .unwrap();
    let now: Vec<_> = store.list_pairs(ed).unwrap();
    assert_eq!(now[1].status.label_fr(), "notifié");
    // Validating what is proposed: only the proposed one moves.
    let proposed: Vec<_> = now
        .iter()
        .filter(|p| p.status == binome::model::PairStatus::Proposed)
        .map(|p| p.id)
        .collect();
    assert_eq!(proposed.len(), 1, "only the proposed one");
    store
        .edit_pairs(ed, &proposed, &status(binome::model::PairStatus::Validated))
        .unwrap();
    let statuses: Vec<&str> = store
        .list_pairs(ed)
        .unwrap()
        .iter()
        .map(|p| p.status.label_fr())
        .collect();
    assert_eq!(statuses, ["validé", "notifié"]);
    assert!(matches!(
        store.set_pair_locked(binome::model::PairId(999), true),
        Err(StoreError::PairNotFound { .. })
    ));
}

/// An edition "À effacer" with the sample students, another one kept with one student; the
/// data folder is `dir/donnees`, the input files elsewhere.
fn two_editions(
    dir: &std::path::Path,
) -> (Store, binome::model::EditionId, binome::model::EditionId) {
    let mut store = Store::open(&dir.join("donnees").join("binomes.sqlite3")).unwrap();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let gone = store
        .create_edition(&edition("À effacer", None))
        .unwrap()
        .id;
    let kept = store.create_edition(&edition("Gardée", None)).unwrap().id;
    common::import_file(
        &mut store,
        gone,
        &samples.join("etudiants-demarches-simplifiees.xlsx"),
        Role::Student,
        None,
    )
    .unwrap();
    let other = dir.join("autre.csv");
    std::fs::write(
        &other,
        "Nom;Prénom;Email\nZyxwvut;Wobblequork;wobblequork.zyxwvut@garde.example\n",
    )
    .unwrap();
    common::import_file(&mut store, kept, &other, Role::Student, None).unwrap();
    store.backup("avant-import").unwrap();
    (store, gone, kept)
}

/// What identifies the people of an edition: their e-mails, phones and distinctive names.
fn traces_of(store: &Store, edition: binome::model::EditionId) -> Vec<String> {
    let mut traces = Vec::new();
    for s in store.list_students(edition).unwrap() {
        let who = s.identity;
        traces.extend(who.email);
        traces.extend(who.phone.filter(|p| p.len() >= 8));
        for name in [who.last_name, who.first_name] {
            // Short names could stand inside anything; long ones are the person's.
            if name.chars().count() >= 7 {
                traces.push(name);
            }
        }
    }
    traces.sort();
    traces.dedup();
    traces
}

#[test]
fn deleting_an_edition_leaves_nothing_of_its_people_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, gone, kept) = two_editions(dir.path());
    let folder = dir.path().join("donnees");
    let traces = traces_of(&store, gone);
    assert!(
        traces.len() > 300,
        "e-mails, phones and names: {}",
        traces.len()
    );
    assert_eq!(
        common::found_on_disk(&folder, &traces).len(),
        traces.len(),
        "all present before (database, journal or backups)"
    );

    store.delete_edition(gone).unwrap();
    assert!(!store.purge_pending());
    assert_eq!(
        common::found_on_disk(&folder, &traces),
        Vec::<String>::new(),
        "left on disk after the deletion"
    );
    assert_eq!(
        common::found_on_disk(&folder, &["wobblequork.zyxwvut@garde.example".to_string()]).len(),
        1,
        "the other edition is untouched"
    );
    assert_eq!(store.list_students(kept).unwrap().len(), 1);
}

#[test]
fn a_deletion_cut_short_is_finished_at_the_next_opening() {
    let dir = tempfile::tempdir().unwrap();
    let (store, gone, _) = two_editions(dir.path());
    let folder = dir.path().join("donnees");
    let traces = traces_of(&store, gone);
    drop(store);
    // The deletion committed, then the app stopped: marker written, backups not yet replaced.
    let db = folder.join("binomes.sqlite3");
    std::fs::write(folder.join("binomes.sqlite3.effacement-en-cours"), "1\n").unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        conn.execute("DELETE FROM edition WHERE id = ?1", [gone])
            .unwrap();
    }
    assert!(
        !common::found_on_disk(&folder, &traces).is_empty(),
        "still in the backups"
    );

    let store = Store::open(&db).unwrap();
    assert!(!store.purge_pending());
    assert_eq!(
        common::found_on_disk(&folder, &traces),
        Vec::<String>::new()
    );
}

#[test]
fn a_file_that_cannot_be_removed_is_named_and_the_purge_retried() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, gone, _) = two_editions(dir.path());
    let folder = dir.path().join("donnees");
    let traces = traces_of(&store, gone);
    // Something in the backups folder that cannot be removed as a file.
    let stuck = folder.join("sauvegardes").join("0000-bloque.sqlite3");
    std::fs::create_dir_all(stuck.join("dedans")).unwrap();

    let error = store.delete_edition(gone).unwrap_err();
    assert!(
        matches!(error, StoreError::PurgeIncomplete { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("0000-bloque.sqlite3") && message.contains("reprendra"),
        "{message}"
    );
    assert!(store.purge_pending(), "the marker stays until it is done");
    assert!(store
        .list_editions()
        .unwrap()
        .iter()
        .all(|e| e.edition.id != gone));
    drop(store);

    std::fs::remove_dir_all(&stuck).unwrap();
    let store = Store::open(&folder.join("binomes.sqlite3")).unwrap();
    assert!(!store.purge_pending(), "finished at the next opening");
    assert_eq!(
        common::found_on_disk(&folder, &traces),
        Vec::<String>::new()
    );
}

#[test]
fn a_damaged_database_is_reported_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binomes.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
        let ed = store.create_edition(&edition("2026", None)).unwrap().id;
        common::import_file(
            &mut store,
            ed,
            &samples.join("etudiants-excel-windows.csv"),
            Role::Student,
            None,
        )
        .unwrap();
        rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    // Scribble over a page in the middle of the file, as a bad disk or a killed copy would.
    let mut bytes = std::fs::read(&path).unwrap();
    let page_size = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    let page = page_size * 5;
    for b in &mut bytes[page..page + page_size] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let error = Store::open(&path).err().expect("refused");
    assert!(
        matches!(
            error,
            StoreError::Damaged { .. } | StoreError::NotADatabase { .. }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("endommag"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "not written to");
}

#[cfg(unix)]
#[test]
fn the_database_and_its_backups_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binomes.sqlite3");
    let store = Store::open(&path).unwrap();
    let backup = store.backup("essai").unwrap();
    let folder_mode = std::fs::metadata(backup.parent().unwrap())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(folder_mode & 0o077, 0, "the backups folder is private");
    for file in [path.clone(), dir.path().join("binomes.sqlite3-wal"), backup] {
        if file.exists() {
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{} is {:o}", file.display(), mode & 0o777);
        }
    }
}

#[test]
fn a_new_edition_takes_last_years_rules_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let last = store
        .create_edition(&edition("Vis mon job 2026", None))
        .unwrap()
        .id;
    let mut rules = binome::actions::rules::rules(&store, last).unwrap();
    rules.max_distance_km = Some(150);
    rules.weights.same_departement = 45;
    binome::actions::rules::set(&mut store, last, &rules).unwrap();
    let mut templates = binome::actions::messages::templates(&store, last).unwrap();
    templates.organiser_name = "Équipe Vis mon job".into();
    binome::actions::messages::set_templates(&mut store, last, &templates).unwrap();

    let this = store
        .create_edition(&edition("Vis mon job 2027", None))
        .unwrap()
        .id;
    assert_ne!(
        binome::actions::rules::rules(&store, this).unwrap(),
        rules,
        "a new edition starts from the defaults"
    );
    store.copy_settings(last, this).unwrap();
    assert_eq!(binome::actions::rules::rules(&store, this).unwrap(), rules);
    assert_eq!(
        binome::actions::messages::templates(&store, this).unwrap(),
        templates
    );
    assert!(matches!(
        store.copy_settings(last, binome::model::EditionId(999)),
        Err(StoreError::EditionNotFound { .. })
    ));
}

/// The app reads the board on a second connection while the first one writes: a read sees one
/// committed state from start to end, and the next read sees what was committed meanwhile.
#[test]
fn a_second_connection_reads_one_snapshot_and_then_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binomes.sqlite3");
    let mut writer = Store::open(&path).unwrap();
    writer.create_edition(&edition("2025", None)).unwrap();
    let reader = Store::open(&path).unwrap();

    let (before, during) = reader
        .read_snapshot(|store| {
            let before = store.list_editions()?.len();
            // Committed by the other connection while this read is under way, not waiting for it.
            writer.create_edition(&edition("2026", None))?;
            let during = store.list_editions()?.len();
            Ok::<_, StoreError>((before, during))
        })
        .unwrap();
    assert_eq!((before, during), (1, 1), "one snapshot from start to end");
    assert_eq!(
        reader.list_editions().unwrap().len(),
        2,
        "the next read sees the change"
    );

    // A failed read ends its snapshot too: the connection reads on afterwards.
    let failed: Result<(), StoreError> = reader.read_snapshot(|_| Err(StoreError::TooNew));
    assert!(failed.is_err());
    writer.create_edition(&edition("2027", None)).unwrap();
    assert_eq!(reader.list_editions().unwrap().len(), 3);
}
