//! The `binome` command line as automation uses it (docs/contracts.md §1): exit status, one French
//! line on standard error for an unusable file, and the JSON report's fields.

mod common;

use std::path::Path;
use std::process::Command;

use common::RunToEnd as _;

fn binome() -> Command {
    Command::new(env!("CARGO_BIN_EXE_binome"))
}

/// `binome import --db DB --ambassadors FILE`, as automation runs it.
fn import_ambassadors(db: &std::path::Path, file: &std::path::Path) -> std::process::Output {
    binome()
        .args(["import", "--db"])
        .arg(db)
        .arg("--ambassadors")
        .arg(file)
        .run_to_end()
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn import_json_reports_the_accounting() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let out = binome()
        .args([
            "import",
            "--db",
            db.to_str().unwrap(),
            "--students",
            &sample("etudiants-demarches-simplifiees.xlsx"),
            "--json",
        ])
        .run_to_end();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["rows_read"], 241);
    assert_eq!(report["stored"], 240);
    assert_eq!(report["created"], 240);
    assert_eq!(report["updated"], 0);
    let rejected = report["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["row"], 242);
    assert!(rejected[0]["reason"].as_str().unwrap().contains("doublon"));
    let warning = &report["warnings"][0];
    assert!(warning["row"].is_u64() && warning["message"].is_string());
    assert!(warning.get("column").is_some());
    assert_eq!(
        report["rows_read"].as_u64().unwrap(),
        report["stored"].as_u64().unwrap() + rejected.len() as u64
    );

    // The same file again: everything recognised, nothing doubled.
    let again = binome()
        .args([
            "import",
            "--db",
            db.to_str().unwrap(),
            "--students",
            &sample("etudiants-excel-windows.csv"),
            "--json",
        ])
        .run_to_end();
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        (report["created"].as_u64(), report["stored"].as_u64()),
        (Some(0), Some(240))
    );
}

#[test]
fn an_unusable_file_exits_non_zero_with_one_french_line_and_no_database_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let fake = dir.path().join("inscriptions.xlsx");
    std::fs::write(&fake, b"%PDF-1.4 pas un classeur").unwrap();
    let out = import_ambassadors(&db, &fake);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("« inscriptions.xlsx »") && stderr.contains("PDF"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // Nothing was created: not even the database.
    assert!(!db.exists());
}

#[test]
fn a_missing_file_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = binome()
        .args([
            "import",
            "--db",
            dir.path().join("b.sqlite3").to_str().unwrap(),
            "--students",
            "absent.xlsx",
        ])
        .run_to_end();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("binome : Impossible de lire le fichier « absent.xlsx »"),
        "{stderr}"
    );
}

#[test]
fn pair_imports_suggests_and_exports_in_one_go() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("binomes.xlsx");
    let result = binome()
        .args([
            "pair",
            "--students",
            &sample("etudiants-demarches-simplifiees.xlsx"),
            "--ambassadors",
            &sample("ambassadeurs-sphinx-retravaille.xlsx"),
            "--out",
            out.to_str().unwrap(),
            "--json",
        ])
        .run_to_end();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&result.stdout).unwrap();
    let pairs = report["pairs"].as_u64().unwrap();
    assert!(pairs > 100);
    assert!(report["students_unpaired"].is_u64() && report["places_left"].is_u64());
    assert_eq!(report["students"]["rows_read"], 241);
    assert_eq!(report["ambassadors"]["stored"], 180);
    assert!(out.exists());

    // The same through a kept database: suggest, then export, as separate steps.
    let db = dir.path().join("b.sqlite3");
    for args in [
        vec![
            "import",
            "--db",
            db.to_str().unwrap(),
            "--students",
            &sample("etudiants-demarches-simplifiees.xlsx"),
        ],
        vec![
            "import",
            "--db",
            db.to_str().unwrap(),
            "--ambassadors",
            &sample("ambassadeurs-sphinx-retravaille.xlsx"),
        ],
    ] {
        assert!(binome().args(&args).run_to_end().status.success());
    }
    let suggest = binome()
        .args(["suggest", "--db", db.to_str().unwrap(), "--json"])
        .run_to_end();
    let suggested: serde_json::Value = serde_json::from_slice(&suggest.stdout).unwrap();
    assert_eq!(
        suggested["pairs"].as_u64(),
        Some(pairs),
        "same input, same pairs"
    );
    assert!(suggested["unpaired"][0]["diagnosis"].is_string());
    let second = dir.path().join("export.xlsx");
    let export = binome()
        .args([
            "export",
            "--db",
            db.to_str().unwrap(),
            "--out",
            second.to_str().unwrap(),
        ])
        .run_to_end();
    assert!(export.status.success());
    assert!(second.exists());

    let bad = binome()
        .args([
            "export",
            "--db",
            db.to_str().unwrap(),
            "--out",
            second.to_str().unwrap(),
            "--status",
            "envoye",
        ])
        .run_to_end();
    assert!(!bad.status.success());
    assert_eq!(String::from_utf8(bad.stderr).unwrap().lines().count(), 1);
}

#[test]
fn pair_with_an_unusable_file_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("binomes.xlsx");
    let fake = dir.path().join("ambassadeurs.xlsx");
    std::fs::write(&fake, b"").unwrap();
    let result = binome()
        .args([
            "pair",
            "--students",
            &sample("etudiants-excel-windows.csv"),
            "--ambassadors",
            fake.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .run_to_end();
    assert!(!result.status.success());
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(
        stderr.trim(),
        "binome : Le fichier « ambassadeurs.xlsx » est vide."
    );
    assert!(!out.exists());
}

#[test]
fn rules_are_shown_and_changed_per_edition() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let db = db.to_str().unwrap();
    let changed = binome()
        .args([
            "rules",
            "--db",
            db,
            "--set",
            "sameDepartement=45",
            "--max-distance",
            "300",
            "--accepted-states",
            "accepte,en_instruction",
            "--json",
        ])
        .run_to_end();
    assert!(
        changed.status.success(),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    let rules: serde_json::Value = serde_json::from_slice(&changed.stdout).unwrap();
    assert_eq!(rules["weights"]["sameDepartement"], 45);
    assert_eq!(rules["maxDistanceKm"], 300);
    assert_eq!(
        rules["acceptedStates"],
        serde_json::json!(["accepte", "en_instruction"])
    );
    // Kept: the notice now says so.
    let shown = binome().args(["rules", "--db", db]).run_to_end();
    let notice = String::from_utf8(shown.stdout).unwrap();
    assert!(
        notice.contains("Aucun binôme n'est proposé à plus de 300 km"),
        "{notice}"
    );
    assert!(notice.contains("même département 45"), "{notice}");
    let bad = binome()
        .args(["rules", "--db", db, "--set", "meteo=3"])
        .run_to_end();
    assert!(!bad.status.success());
    assert!(String::from_utf8(bad.stderr)
        .unwrap()
        .contains("critère « meteo » inconnu"));
}

/// Found by fuzzing (scripts/fuzz.sh, target xls_ods): a sector chain running past the end of
/// the file makes calamine's compound-file reader panic. Read in the bounded child process, the
/// file is refused in French, and the command line goes on.
#[test]
fn a_workbook_that_crashes_the_reader_library_is_refused_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz-secteur-hors-fichier.xls");
    let out = import_ambassadors(&db, &file);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("« fuzz-secteur-hors-fichier.xls »") && stderr.contains("endommagé"),
        "{stderr}"
    );
}

#[test]
fn a_person_finds_their_data_and_has_it_erased_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let students = dir.path().join("etudiants.csv");
    std::fs::write(
        &students,
        "Nom;Prénom;Email\nQuenouillard;Bérénice;berenice.quenouillard@etu.example\nDurand;Paul;paul@etu.example\n",
    )
    .unwrap();
    for edition in ["Vis mon job 2026", "Vis mon job 2027"] {
        let imported = run(&[
            "import",
            "--db",
            db.to_str().unwrap(),
            "--students",
            students.to_str().unwrap(),
            "--edition",
            edition,
        ]);
        assert!(
            imported.status.success(),
            "{}",
            String::from_utf8_lossy(&imported.stderr)
        );
    }
    let out = dir.path().join("donnees.txt");
    let data = run(&[
        "person",
        "--db",
        db.to_str().unwrap(),
        "--email",
        " Berenice.Quenouillard@etu.example ",
        "--data",
        out.to_str().unwrap(),
    ]);
    assert!(
        data.status.success(),
        "{}",
        String::from_utf8_lossy(&data.stderr)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text.matches("Données personnelles de Bérénice QUENOUILLARD")
            .count(),
        2,
        "{text}"
    );
    assert!(text.contains("édition « Vis mon job 2027 »"), "{text}");

    let erased = run(&[
        "person",
        "--db",
        db.to_str().unwrap(),
        "--email",
        "berenice.quenouillard@etu.example",
        "--erase",
    ]);
    assert!(
        erased.status.success(),
        "{}",
        String::from_utf8_lossy(&erased.stderr)
    );
    let said = String::from_utf8_lossy(&erased.stdout);
    assert_eq!(
        said.matches("effacé(e) définitivement").count(),
        2,
        "{said}"
    );
    let again = run(&[
        "person",
        "--db",
        db.to_str().unwrap(),
        "--email",
        "berenice.quenouillard@etu.example",
        "--erase",
    ]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains(
            "Personne n'est inscrit avec l'adresse « berenice.quenouillard@etu.example »"
        ),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    // Looked up after the erasure: nobody, told as --erase tells it (status 1, one line).
    let looked_up = run(&[
        "person",
        "--db",
        db.to_str().unwrap(),
        "--email",
        "Berenice.Quenouillard@etu.example ",
    ]);
    assert!(!looked_up.status.success());
    assert!(looked_up.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&looked_up.stderr).contains(
            "Personne n'est inscrit avec l'adresse « Berenice.Quenouillard@etu.example »"
        ),
        "{}",
        String::from_utf8_lossy(&looked_up.stderr)
    );
    let mut bytes = Vec::new();
    for entry in walk(dir.path()) {
        if entry != out && entry != students {
            bytes.extend(std::fs::read(entry).unwrap());
        }
    }
    assert!(
        !bytes.windows(12).any(|w| w == b"Quenouillard"),
        "nothing left in the data folder"
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn run(args: &[&str]) -> std::process::Output {
    binome().args(args).run_to_end()
}

#[test]
fn the_reader_libraries_words_go_to_the_log_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("coupe.xlsx");
    let sample = std::fs::read(sample("etudiants-demarches-simplifiees.xlsx")).unwrap();
    std::fs::write(&cut, &sample[..3000]).unwrap();
    let db = dir.path().join("b.sqlite3");
    let args = [
        "import",
        "--db",
        db.to_str().unwrap(),
        "--students",
        cut.to_str().unwrap(),
    ];
    let plain = binome().args(args).env_remove("RUST_LOG").run_to_end();
    let said = String::from_utf8_lossy(&plain.stderr);
    assert_eq!(said.lines().count(), 1, "one French line: {said}");
    assert!(
        said.contains("semble endommagé") && !said.contains("EOCD"),
        "{said}"
    );
    let logged = binome().args(args).env("RUST_LOG", "warn").run_to_end();
    let said = String::from_utf8_lossy(&logged.stderr);
    assert!(
        said.contains("(zip) : invalid Zip archive"),
        "the library's words for whoever investigates: {said}"
    );
    assert!(
        said.lines().last().unwrap().contains("semble endommagé"),
        "{said}"
    );
}

/// The first line of a failed command's standard error, after checking it failed with one line.
fn failed_with_one_line(result: &std::process::Output) -> String {
    assert!(!result.status.success(), "should have failed");
    assert!(result.stdout.is_empty());
    let stderr = String::from_utf8(result.stderr.clone()).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    stderr.trim_end().to_string()
}

#[test]
fn a_workbook_never_replaces_a_file_the_command_reads() {
    let dir = tempfile::tempdir().unwrap();
    let students = dir.path().join("etudiants.csv");
    std::fs::copy(sample("etudiants-excel-windows.csv"), &students).unwrap();
    let sign_ups = std::fs::read(&students).unwrap();
    let ambassadors = sample("ambassadeurs-sphinx-retravaille.xlsx");
    let db = dir.path().join("b.sqlite3");
    let (db_, students_) = (db.to_str().unwrap(), students.to_str().unwrap());
    assert!(run(&["import", "--db", db_, "--students", students_])
        .status
        .success());

    // The database as the workbook: refused, and the database still reads.
    let line = failed_with_one_line(&run(&["export", "--db", db_, "--out", db_]));
    assert!(
        line.contains("« b.sqlite3 »") && line.contains("en train de lire"),
        "{line}"
    );
    // Under another name for the same file too.
    let other_name = format!("{}/./b.sqlite3", dir.path().display());
    failed_with_one_line(&run(&["export", "--db", db_, "--out", &other_name]));
    let out = dir.path().join("binomes.xlsx");
    let exported = run(&["export", "--db", db_, "--out", out.to_str().unwrap()]);
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );

    // `pair` writing over one of its sign-up files, or over its database: refused before
    // anything is read or stored.
    for target in [students_, db_] {
        let line = failed_with_one_line(&run(&[
            "pair",
            "--students",
            students_,
            "--ambassadors",
            &ambassadors,
            "--out",
            target,
            "--db",
            db_,
        ]));
        assert!(line.contains("en train de lire"), "{line}");
    }
    assert_eq!(std::fs::read(&students).unwrap(), sign_ups);

    // One file given for both: refused, naming it.
    let line = failed_with_one_line(&run(&[
        "pair",
        "--students",
        students_,
        "--ambassadors",
        students_,
        "--out",
        out.to_str().unwrap(),
    ]));
    assert_eq!(
        line,
        "binome : « etudiants.csv » est donné à la fois pour les étudiants et pour les \
         ambassadeurs : indiquez les deux fichiers d'inscription"
    );
}

#[test]
fn pair_into_a_database_checks_where_the_workbook_goes_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let out = dir.path().join("absent").join("binomes.xlsx");
    let line = failed_with_one_line(&run(&[
        "pair",
        "--students",
        &sample("etudiants-excel-windows.csv"),
        "--ambassadors",
        &sample("ambassadeurs-sphinx-retravaille.xlsx"),
        "--out",
        out.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]));
    assert!(
        line.contains("« binomes.xlsx »") && line.contains("ce dossier n'existe pas"),
        "{line}"
    );
    // Nothing imported nor suggested for a workbook that could not be written.
    assert!(!db.exists());
}

#[test]
fn commands_on_imported_data_refuse_a_database_or_an_edition_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo.sqlite3");
    let out = dir.path().join("binomes.xlsx");
    let (missing_, out_) = (missing.to_str().unwrap(), out.to_str().unwrap());
    for args in [
        vec!["suggest", "--db", missing_],
        vec!["export", "--db", missing_, "--out", out_],
        vec!["editions", "--db", missing_],
    ] {
        let line = failed_with_one_line(&run(&args));
        assert_eq!(
            line,
            format!("binome : La base de données « {missing_} » n'existe pas : vérifiez son chemin (binome import la crée).")
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing made"
    );
    // A folder given as the database.
    let line = failed_with_one_line(&run(&["suggest", "--db", dir.path().to_str().unwrap()]));
    assert!(
        line.contains("est un dossier, pas une base de données"),
        "{line}"
    );

    // An edition's name mistyped: refused, the editions there are named, none created.
    let db = dir.path().join("b.sqlite3");
    let db_ = db.to_str().unwrap();
    let imported = run(&[
        "import",
        "--db",
        db_,
        "--edition",
        "Vis mon job 2026",
        "--students",
        &sample("etudiants-excel-windows.csv"),
    ]);
    assert!(imported.status.success());
    for args in [
        vec![
            "export",
            "--db",
            db_,
            "--out",
            out_,
            "--edition",
            "Vis mon jbo 2026",
        ],
        vec!["suggest", "--db", db_, "--edition", "Vis mon jbo 2026"],
        vec![
            "pourquoi",
            "--db",
            db_,
            "--email",
            "a@etu.example",
            "--out",
            out_,
            "--edition",
            "Vis mon jbo 2026",
        ],
    ] {
        let line = failed_with_one_line(&run(&args));
        assert_eq!(
            line,
            "binome : Aucune édition ne s'appelle « Vis mon jbo 2026 » dans cette base (éditions : \
             « Vis mon job 2026 ») : vérifiez son nom."
        );
    }
    let editions = run(&["editions", "--db", db_, "--json"]);
    let editions: serde_json::Value = serde_json::from_slice(&editions.stdout).unwrap();
    assert_eq!(editions.as_array().unwrap().len(), 1, "{editions}");
}

#[test]
fn a_text_longer_than_a_spreadsheet_cell_is_cut_in_the_workbook_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    // The sample's second line with a surname of 40,000 characters (a paste gone wrong).
    let original = std::fs::read(sample("etudiants-excel-windows.csv")).unwrap();
    let mut lines: Vec<Vec<u8>> = original
        .split(|b| *b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    let mut fields: Vec<Vec<u8>> = lines[1].split(|b| *b == b';').map(<[u8]>::to_vec).collect();
    fields[4] = vec![b'X'; 40_000];
    lines[1] = fields.join(&b';');
    let students = dir.path().join("etudiants.csv");
    std::fs::write(&students, lines.join(&b'\n')).unwrap();
    let out = dir.path().join("binomes.xlsx");
    let result = run(&[
        "pair",
        "--students",
        students.to_str().unwrap(),
        "--ambassadors",
        &sample("ambassadeurs-sphinx-retravaille.xlsx"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    use calamine::{open_workbook_auto, Reader};
    let mut workbook = open_workbook_auto(&out).unwrap();
    let long: Vec<String> = workbook
        .sheet_names()
        .into_iter()
        .flat_map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            range
                .rows()
                .flatten()
                .map(|c| c.to_string())
                .filter(|t| t.len() > 30_000)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(!long.is_empty(), "the long name is in the workbook");
    for text in long {
        assert!(
            text.contains("XXXXXXXXXX") && text.ends_with('…'),
            "{}",
            &text[..40]
        );
        assert!(text.encode_utf16().count() <= 32_767);
    }
}

#[test]
fn a_wrong_call_and_the_help_are_in_french() {
    for (args, line) in [
        (
            vec!["pair", "--bogus"],
            "binome : option inconnue : « --bogus ». Voir « binome --help ».",
        ),
        (
            vec!["frobnicate"],
            "binome : commande inconnue : « frobnicate ». Voir « binome --help ».",
        ),
        (
            vec!["export", "--db", "b.sqlite3", "--out"],
            "binome : il manque la valeur de « --out <FICHIER.xlsx> ». Voir « binome --help ».",
        ),
        (
            vec![
                "import",
                "--db",
                "b",
                "--students",
                "a",
                "--ambassadors",
                "b",
            ],
            "binome : « --students <FICHIER> » ne peut pas être donné avec « --ambassadors \
             <FICHIER> ». Voir « binome --help ».",
        ),
        // A negative distance is a value refused, not taken for an unknown option « -1 ».
        (
            vec!["rules", "--db", "b.sqlite3", "--max-distance", "-10"],
            "binome : valeur refusée pour « --max-distance <KM> » : « -10 ». Voir « binome --help ».",
        ),
    ] {
        let result = run(&args);
        assert_eq!(result.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8(result.stderr).unwrap(),
            format!("{line}\n")
        );
        assert!(result.stdout.is_empty());
    }
    for args in [
        vec!["--help"],
        vec!["pair", "--help"],
        vec!["demo", "--help"],
    ] {
        let result = run(&args);
        assert!(result.status.success());
        let help = String::from_utf8(result.stdout).unwrap();
        assert!(
            help.contains("Utilisation : binome") && help.contains("Affiche cette aide"),
            "{help}"
        );
        for english in ["Usage", "Print help", "[default:", "Commands"] {
            assert!(!help.contains(english), "{english} in {help}");
        }
    }
}

#[test]
fn rules_refuse_what_would_break_the_suggestion_and_leave_no_database_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let db_ = db.to_str().unwrap();
    // An unknown criterion on a database not made yet: refused, and not made.
    let line = failed_with_one_line(&run(&["rules", "--db", db_, "--set", "meteo=3"]));
    assert!(
        line.starts_with("binome : critère « meteo » inconnu"),
        "{line}"
    );
    assert!(!db.exists());
    let imported = run(&[
        "import",
        "--db",
        db_,
        "--students",
        &sample("etudiants-excel-windows.csv"),
    ]);
    assert!(imported.status.success());
    let before = run(&["rules", "--db", db_, "--json"]).stdout;
    for (args, line) in [
        (
            vec!["--set", "sameDepartement=4294967295"],
            "binome : critère « sameDepartement » : 4294967295 points, c'est plus que le \
             maximum (1000)",
        ),
        (
            vec!["--accepted-states", "acepte,en_instruction"],
            "binome : état de dossier « acepte » inconnu (états : accepte, en_instruction, \
             en_construction, sans_suite, refuse)",
        ),
        (
            vec!["--accepted-states", ","],
            "binome : indiquez au moins un état de dossier à retenir (par exemple accepte)",
        ),
    ] {
        let mut call = vec!["rules", "--db", db_];
        call.extend(args);
        assert_eq!(failed_with_one_line(&run(&call)), line);
    }
    assert_eq!(
        run(&["rules", "--db", db_, "--json"]).stdout,
        before,
        "unchanged"
    );
    let at_most = run(&["rules", "--db", db_, "--set", "sameDepartement=1000"]);
    assert!(at_most.status.success());
}

/// Two databases of the command line in one folder: each keeps its own copies, and an erasure
/// in one replaces only its own.
#[test]
fn two_databases_in_one_folder_keep_their_own_backups() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        dir.path().join("2025.sqlite3"),
        dir.path().join("2026.sqlite3"),
    );
    let students = sample("etudiants-excel-windows.csv");
    for (db, imports) in [(&a, 2), (&b, 6)] {
        for _ in 0..imports {
            let db = db.to_str().unwrap();
            assert!(run(&["import", "--db", db, "--students", &students])
                .status
                .success());
        }
    }
    let copies = |folder: &str| std::fs::read_dir(dir.path().join(folder)).map_or(0, |d| d.count());
    assert_eq!(
        copies("sauvegardes-2025"),
        2,
        "2025's copies are not pruned by 2026's imports"
    );
    assert_eq!(copies("sauvegardes-2026"), 5);
    let email = "fatou.bertrand@etu.example";
    let erased = run(&[
        "person",
        "--db",
        b.to_str().unwrap(),
        "--email",
        email,
        "--erase",
    ]);
    assert!(
        erased.status.success(),
        "{}",
        String::from_utf8_lossy(&erased.stderr)
    );
    assert_eq!(
        copies("sauvegardes-2025"),
        2,
        "an erasure in 2026 leaves 2025's copies"
    );
    assert_eq!(copies("sauvegardes-2026"), 1);
}
