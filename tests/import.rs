//! Import of sign-up files, on the committed samples (every mess of real files: README, « Sample files ») and on
//! hostile files made here: each asserts what an organiser would see stored or told.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use binome::import::{self, analyze, ImportError};
use binome::model::PersonRecord;
use binome::model::{Mobility, Role};
use binome::Store;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(name)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn students_of(analysis: &import::Analysis) -> Vec<&binome::model::Student> {
    analysis
        .rows
        .iter()
        .filter_map(|r| match &r.record {
            PersonRecord::Student(s) => Some(s),
            _ => None,
        })
        .collect()
}

#[test]
fn demarches_simplifiees_export_is_read_with_every_row_accounted_for() {
    let a = analyze(
        &sample("etudiants-demarches-simplifiees.xlsx"),
        Role::Student,
        None,
    )
    .unwrap();
    assert_eq!(a.sheet.as_deref(), Some("Dossiers"));
    assert_eq!(a.header_row, 1);
    assert_eq!(a.rows_read(), 241);
    let students = students_of(&a);
    let rejected = a.rejections();
    assert_eq!(
        students.len() + rejected.len(),
        a.rows_read(),
        "rows in = stored + rejected"
    );
    assert_eq!(rejected.len(), 1);
    assert!(
        rejected[0].reason.contains("doublon de la ligne 12"),
        "{:?}",
        rejected[0]
    );

    // E-mails lower-cased and trimmed; names composed (NFC) and trimmed.
    assert!(students
        .iter()
        .filter_map(|s| s.identity.email.as_deref())
        .all(|e| e == e.trim().to_lowercase()));
    assert!(students
        .iter()
        .all(|s| s.identity.last_name == binome::text::clean(&s.identity.last_name)));
    assert!(students
        .iter()
        .all(|s| !s.identity.last_name.contains('\u{301}')));
    // A row without e-mail is kept, and flagged.
    let without: Vec<_> = students
        .iter()
        .filter(|s| s.identity.email.is_none())
        .collect();
    assert_eq!(without.len(), 6);
    assert!(a
        .warnings
        .iter()
        .any(|w| w.column.as_deref() == Some("Email") && w.message.contains("pas d'adresse")));
    // Geography: INSEE codes from the form, Corsica and overseas included.
    assert!(students.iter().all(|s| s.place.insee_code.is_some()));
    let ajaccio = students
        .iter()
        .find(|s| s.place.insee_code.as_deref() == Some("2A004"))
        .unwrap();
    assert_eq!(ajaccio.place.departement.as_deref(), Some("2A"));
    assert!(students
        .iter()
        .any(|s| s.place.departement.as_deref() == Some("974")));
    // Postal codes as text with their leading zero, the repair reported.
    assert!(students
        .iter()
        .filter_map(|s| s.place.postal_code.as_deref())
        .all(|p| p.len() == 5));
    assert!(a
        .warnings
        .iter()
        .any(|w| w.message.contains("complété en « 0")));
    // Wishes ranked, mobility understood, text that looks like a formula kept as text.
    assert!(students.iter().all(|s| s.wished_jobs.len() == 3));
    assert!(students.iter().any(|s| s.mobility == Mobility::Departement));
    assert!(students
        .iter()
        .any(|s| s.comments.as_deref().is_some_and(|c| c.starts_with('='))));
    // The duplicate's first application is kept (accepted), completed by the second.
    let every_cell_kept = a.rows.iter().all(|r| r.cells.len() >= 30);
    assert!(every_cell_kept, "the row as it came, every column");
}

/// Found by tests/hostile_files.rs: a lone carriage return ends a line (Excel for Mac before
/// 2016 saved CSV that way); rows kept their numbers only when lines ended with `\n`.
#[test]
fn a_csv_with_old_mac_line_endings_keeps_its_row_numbers() {
    let windows = std::fs::read(sample("etudiants-excel-windows.csv")).unwrap();
    // The same bytes (Windows-1252) with every line ending, CRLF or LF, turned into a lone CR.
    let mac: Vec<u8> = windows
        .iter()
        .enumerate()
        .filter(|(i, b)| !(**b == b'\n' && *i > 0 && windows[i - 1] == b'\r'))
        .map(|(_, b)| if *b == b'\n' { b'\r' } else { *b })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("etudiants-mac.csv");
    std::fs::write(&path, &mac).unwrap();
    let crlf = analyze(&sample("etudiants-excel-windows.csv"), Role::Student, None).unwrap();
    let old_mac = analyze(&path, Role::Student, None).unwrap();
    let numbers =
        |a: &binome::import::Analysis| a.rows.iter().map(|r| r.row_number).collect::<Vec<_>>();
    assert_eq!(numbers(&old_mac), numbers(&crlf));
    assert_eq!(old_mac.rejections(), crlf.rejections());
}

#[test]
fn french_excel_csv_reads_like_the_workbook() {
    let xlsx = analyze(
        &sample("etudiants-demarches-simplifiees.xlsx"),
        Role::Student,
        None,
    )
    .unwrap();
    let csv = analyze(&sample("etudiants-excel-windows.csv"), Role::Student, None).unwrap();
    assert_eq!(csv.sheet, None);
    assert_eq!(csv.rows_read(), xlsx.rows_read());
    assert_eq!(csv.rejections(), xlsx.rejections(), "same row numbers");
    let (a, b) = (students_of(&xlsx), students_of(&csv));
    for (x, c) in a.iter().zip(&b) {
        assert_eq!(x.identity, c.identity);
        assert_eq!(x.place, c.place);
        assert_eq!(x.wished_jobs, c.wished_jobs);
    }
    assert!(
        b.iter().any(|s| s.identity.first_name.contains('é')),
        "Windows-1252 accents decoded"
    );
}

#[test]
fn reworked_sphinx_export_finds_its_header_below_the_titles() {
    let a = analyze(
        &sample("ambassadeurs-sphinx-retravaille.xlsx"),
        Role::Ambassador,
        None,
    )
    .unwrap();
    assert_eq!(a.header_row, 4);
    assert_eq!(a.title_rows, [1, 2]);
    assert_eq!(
        a.blank_rows, 2,
        "the blank rows among the data and before the totals, reported"
    );
    let rejected = a.rejections();
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0].reason.contains("total"), "{rejected:?}");
    let ambassadors: Vec<_> = a
        .rows
        .iter()
        .filter_map(|r| match &r.record {
            PersonRecord::Ambassador(x) => Some(x),
            _ => None,
        })
        .collect();
    assert_eq!(ambassadors.len(), 180);
    assert!(ambassadors.iter().all(|x| x.identity.email.is_some()));
    assert!(ambassadors.iter().any(|x| x.capacity == 0));
    assert!(a
        .warnings
        .iter()
        .any(|w| w.message.contains("capacité non renseignée : 1 retenu")));
    assert!(
        ambassadors.iter().all(|x| x.place.departement.is_some()),
        "commune + postal code resolved"
    );
}

#[test]
fn import_then_reimport_merges_by_email_and_keeps_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = store.edition_for_command_line(None).unwrap().id;
    let first = common::import_file(
        &mut store,
        edition,
        &sample("etudiants-demarches-simplifiees.xlsx"),
        Role::Student,
        None,
    )
    .unwrap();
    assert_eq!(
        (first.rows_read, first.stored, first.created),
        (241, 240, 240)
    );
    let ambassadors = common::import_file(
        &mut store,
        edition,
        &sample("ambassadeurs-sphinx-retravaille.xlsx"),
        Role::Ambassador,
        None,
    )
    .unwrap();
    assert_eq!(ambassadors.stored, 180);
    assert!(
        first
            .backup
            .as_deref()
            .is_some_and(|b| Path::new(b).exists()),
        "a copy before each import"
    );

    // A manual pair survives a re-import of the same people from another format.
    let student = store.list_students(edition).unwrap()[0].clone();
    let ambassador = store
        .list_ambassadors(edition)
        .unwrap()
        .into_iter()
        .find(|a| a.capacity > 0)
        .unwrap();
    store
        .add_pair(
            edition,
            student.id,
            ambassador.id,
            binome::model::PairOrigin::Manual,
        )
        .unwrap();
    let again = common::import_file(
        &mut store,
        edition,
        &sample("etudiants-excel-windows.csv"),
        Role::Student,
        None,
    )
    .unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 240));
    assert_eq!(store.list_pairs(edition).unwrap().len(), 1);
    assert_eq!(
        store.edition(edition).unwrap().students,
        240,
        "never doubled"
    );
}

#[test]
fn reimport_preview_lists_new_changed_and_gone_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = store.edition_for_command_line(Some("2026")).unwrap().id;
    let v1 = dir.path().join("v1.csv");
    std::fs::write(&v1, "Nom;Prénom;Email;Code postal;Commune\nMartin;Anne;anne@ex.fr;69003;Lyon\nDurand;Paul;paul@ex.fr;75015;Paris\n").unwrap();
    common::import_file(&mut store, edition, &v1, Role::Student, None).unwrap();
    let v2 = dir.path().join("v2.csv");
    std::fs::write(&v2, "Nom;Prénom;Email;Code postal;Commune\nMartin;Anne;ANNE@ex.fr;38000;Grenoble\nPetit;Léa;lea@ex.fr;;\n").unwrap();
    let analysis = analyze(&v2, Role::Student, None).unwrap();
    let preview = store
        .preview_import(edition, Role::Student, &analysis.rows, &[])
        .unwrap();
    assert_eq!(preview.created.len(), 1);
    assert_eq!(preview.created[0].email.as_deref(), Some("lea@ex.fr"));
    assert_eq!(preview.gone.len(), 1);
    assert_eq!(preview.gone[0].email.as_deref(), Some("paul@ex.fr"));
    let change = &preview.updated[0];
    let commune = change
        .changes
        .iter()
        .find(|c| c.field == "Commune")
        .unwrap();
    assert_eq!(
        (commune.before.as_str(), commune.after.as_str()),
        ("Lyon 3e Arrondissement", "Grenoble")
    );
    assert_eq!(
        store.list_students(edition).unwrap().len(),
        2,
        "a preview changes nothing"
    );
}

/// A stray NUL byte an export left in a cell, near the top of a CSV: the file is read (it was
/// refused as « binaire » when the NUL came in its first 4 KB, and read when it came later); the
/// cell's value is reported by row and column, and the row keeps the byte as it came.
#[test]
fn a_stray_nul_byte_in_a_csv_is_reported_by_row_and_column_not_the_whole_file_refused() {
    let windows = std::fs::read(sample("etudiants-excel-windows.csv")).unwrap();
    let mut lines: Vec<Vec<u8>> = windows.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    // Row 4's e-mail (its second field) gets a NUL after its fifth character.
    let at = lines[3].iter().position(|&b| b == b';').unwrap() + 6;
    lines[3].insert(at, 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("etudiants-nul.csv");
    std::fs::write(&path, lines.join(&b'\n')).unwrap();

    let clean = analyze(&sample("etudiants-excel-windows.csv"), Role::Student, None).unwrap();
    let read = analyze(&path, Role::Student, None).expect("read, not refused");
    assert_eq!(read.rows.len(), clean.rows.len(), "every row kept");
    let row = read.rows.iter().find(|r| r.row_number == 4).unwrap();
    assert!(
        row.cells.as_json().contains("\\u0000"),
        "the row as it came"
    );
    assert!(
        read.warnings.iter().any(|w| w.row == 4
            && w.column.as_deref() == Some("Email")
            && w.message.contains("pas une adresse e-mail valide")),
        "{:?}",
        read.warnings
    );
}

fn expect_error(path: &Path, role: Role) -> ImportError {
    analyze(path, role, None).expect_err("refused")
}

#[test]
fn hostile_and_broken_files_are_refused_with_a_french_message_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };

    let pdf = expect_error(
        &write("inscriptions.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        Role::Student,
    );
    assert_eq!(pdf.to_string(), "Le fichier « inscriptions.xlsx » n'est pas un classeur ni un CSV lisible : c'est un document PDF.");

    let text = expect_error(
        &write("liste.xlsx", "Nom;Prénom\nMartin;Anne\n".as_bytes()),
        Role::Student,
    );
    assert!(text.to_string().contains("renommez-le en .csv"), "{text}");

    // An « Excel » export that is a web page, or Excel 2003's XML, under a .xls name: renaming
    // it .csv would not help; saving it as .xlsx does.
    let page = expect_error(
        &write(
            "export-sphinx.xls",
            "\u{feff}\r\n<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><body><table><tr><td>Nom</td></tr></table>"
                .as_bytes(),
        ),
        Role::Ambassador,
    );
    assert_eq!(
        page.to_string(),
        "Le fichier « export-sphinx.xls » n'est pas un classeur ni un CSV lisible : c'est une page \
         web (HTML) enregistrée sous ce nom : ouvrez-le dans Excel ou LibreOffice, enregistrez-le au \
         format .xlsx et importez cette copie."
    );
    let xml = expect_error(
        &write(
            "inscrits.xls",
            b"<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">",
        ),
        Role::Student,
    );
    assert!(
        xml.to_string()
            .contains("c'est un classeur « XML 2003 » d'Excel enregistré"),
        "{xml}"
    );

    let one_line = expect_error(&write("une-ligne.csv", b"bonjour;monde\n"), Role::Student);
    assert_eq!(
        one_line.to_string(),
        "Dans « une-ligne.csv », aucune ligne d'en-tête reconnue (nom, prénom, e-mail…) dans la \
         première ligne."
    );

    let empty = expect_error(&write("vide.csv", b""), Role::Student);
    assert_eq!(empty.to_string(), "Le fichier « vide.csv » est vide.");

    let real = std::fs::read(sample("ambassadeurs-sphinx-retravaille.xlsx")).unwrap();
    let truncated = expect_error(
        &write("coupe.xlsx", &real[..real.len() / 2]),
        Role::Ambassador,
    );
    assert!(
        truncated
            .to_string()
            .starts_with("Le fichier « coupe.xlsx » semble endommagé ou incomplet"),
        "{truncated}"
    );

    let encrypted = expect_error(&fixture("protege-par-mot-de-passe.xlsx"), Role::Ambassador);
    assert!(
        matches!(encrypted, ImportError::Encrypted { .. }),
        "{encrypted}"
    );
    assert!(encrypted.to_string().contains("mot de passe"));

    let binary = expect_error(
        &write("photo.csv", &[0x00, 0x01, 0x02, 0x03, 0x00, 0x10]),
        Role::Student,
    );
    assert!(binary.to_string().contains("binaire"), "{binary}");

    let no_header = expect_error(&write("notes.csv", b"a;b;c\n1;2;3\n4;5;6\n"), Role::Student);
    assert!(
        no_header
            .to_string()
            .contains("aucune ligne d'en-t\u{ea}te reconnue"),
        "{no_header}"
    );

    let wrong_sheet = analyze(
        &sample("etudiants-demarches-simplifiees.xlsx"),
        Role::Student,
        Some("Feuil1"),
    )
    .unwrap_err();
    assert_eq!(
        wrong_sheet.to_string(),
        "Le fichier « etudiants-demarches-simplifiees.xlsx » n'a pas de feuille « Feuil1 » (feuilles : Dossiers, Etablissements, Avis)."
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bombe.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/workbook.xml", options).unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..64 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(
        std::fs::metadata(&path).unwrap().len() < 1 << 20,
        "64 MiB that weigh almost nothing"
    );
    let error = expect_error(&path, Role::Student);
    assert!(matches!(error, ImportError::TooLarge { .. }), "{error}");
    assert!(error.to_string().contains("archive piégée"), "{error}");
}

#[test]
fn a_cell_at_the_far_corner_of_the_sheet_allocates_nothing() {
    // calamine's whole-range reader would allocate 1,048,576 × 16,384 cells for this file and
    // abort the process; the streaming reader only keeps what is there.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("immense.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, header) in ["Nom", "Prénom", "Email"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "Martin").unwrap();
    sheet.write_string(1, 1, "Anne").unwrap();
    sheet.write_string(1, 2, "anne@ex.fr").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    workbook.save(&path).unwrap();
    let a = analyze(&path, Role::Student, None).unwrap();
    assert_eq!(students_of(&a).len(), 1);
}

#[test]
fn a_million_row_sheet_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("million.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(out, "Nom;Prénom;Email").unwrap();
    for i in 0..1_000_000 {
        writeln!(out, "Nom{i};Prénom{i};p{i}@ex.fr").unwrap();
    }
    drop(out);
    let error = expect_error(&path, Role::Student);
    assert!(matches!(error, ImportError::TooLarge { .. }), "{error}");
}

#[test]
fn utf8_bom_comma_separated_with_question_headers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    let content = "\u{feff}Nom,Prénom,Adresse e-mail,Code postal de votre lieu de résidence,Métier que vous souhaitez découvrir (1er choix)\n\
                   \"Lefèvre\",\"Élodie\",\" Elodie.L@Example.ORG \",1000,\"Data scientist; Designer\"\n";
    std::fs::write(&path, content).unwrap();
    let a = analyze(&path, Role::Student, None).unwrap();
    let s = students_of(&a)[0];
    assert_eq!(s.identity.email.as_deref(), Some("elodie.l@example.org"));
    assert_eq!(s.place.postal_code.as_deref(), Some("01000"));
    assert_eq!(s.place.departement.as_deref(), Some("01"));
    assert_eq!(
        s.wished_jobs,
        ["Data scientist", "Designer UX/UI"],
        "canonical labels"
    );
}

#[test]
fn libreoffice_ods_and_legacy_xls_read_like_the_xlsx() {
    // Made from the samples with `soffice --headless --convert-to ods|xls` (tests/fixtures).
    let xlsx = analyze(
        &sample("etudiants-demarches-simplifiees.xlsx"),
        Role::Student,
        None,
    )
    .unwrap();
    let ods = analyze(
        &fixture("etudiants-demarches-simplifiees.ods"),
        Role::Student,
        None,
    )
    .unwrap();
    assert_eq!(ods.sheet.as_deref(), Some("Dossiers"));
    assert_eq!(ods.rows_read(), xlsx.rows_read());
    for (x, o) in students_of(&xlsx).iter().zip(students_of(&ods)) {
        assert_eq!(x.identity, o.identity);
        assert_eq!(x.place.insee_code, o.place.insee_code);
        assert_eq!(x.comments, o.comments);
    }

    let sphinx = analyze(
        &sample("ambassadeurs-sphinx-retravaille.xlsx"),
        Role::Ambassador,
        None,
    )
    .unwrap();
    let xls = analyze(
        &fixture("ambassadeurs-sphinx-retravaille.xls"),
        Role::Ambassador,
        None,
    )
    .unwrap();
    assert_eq!(xls.header_row, 4);
    assert_eq!(xls.rows_read(), sphinx.rows_read());
    assert_eq!(xls.rejections(), sphinx.rejections());
}

#[test]
fn a_column_matched_by_hand_is_remembered_for_the_next_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = store.edition_for_command_line(None).unwrap().id;
    let path = dir.path().join("inscrits.csv");
    std::fs::write(
        &path,
        "Nom;Prénom;Adresse de contact;Ville de naissance\nMartin;Anne;anne@ex.fr;Lyon\n",
    )
    .unwrap();

    // Unknown to the automatic matching: the address is not read as an e-mail.
    let first = analyze(&path, Role::Student, None).unwrap();
    assert_eq!(students_of(&first)[0].identity.email, None);

    // The organiser says what the columns are, once.
    store
        .remember_column(
            Role::Student,
            "Adresse de contact",
            Some(import::Field::Email),
        )
        .unwrap();
    store
        .remember_column(Role::Student, "VILLE DE NAISSANCE", None)
        .unwrap();
    let report = common::import_file(&mut store, edition, &path, Role::Student, None).unwrap();
    let email_column = report
        .columns
        .iter()
        .find(|c| c.header == "Adresse de contact")
        .unwrap();
    assert!(email_column.chosen);
    assert_eq!(email_column.field, Some(import::Field::Email));
    let ignored = report
        .columns
        .iter()
        .find(|c| c.header == "Ville de naissance")
        .unwrap();
    assert!(
        ignored.chosen && ignored.field.is_none(),
        "\"ignore\" is remembered too"
    );
    let stored = store.list_students(edition).unwrap();
    assert_eq!(stored[0].identity.email.as_deref(), Some("anne@ex.fr"));
    assert_eq!(
        stored[0].place.commune, None,
        "the birthplace is not taken for the home commune"
    );

    // Remembered across a reopen of the database, and can be forgotten.
    drop(store);
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    assert_eq!(store.column_choices(Role::Student).unwrap().len(), 2);
    store
        .forget_column(Role::Student, "Adresse de contact")
        .unwrap();
    assert_eq!(store.column_choices(Role::Student).unwrap().len(), 1);
    assert!(
        store.column_choices(Role::Ambassador).unwrap().is_empty(),
        "per kind of file"
    );
}

#[test]
fn a_long_read_reports_its_progress_and_can_be_cancelled() {
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("longue.csv");
    let mut content = String::from("Nom;Prénom;Email\n");
    for i in 0..9_000 {
        content.push_str(&format!("Nom{i};Prénom{i};p{i}@ex.fr\n"));
    }
    std::fs::write(&path, content).unwrap();
    let choices = binome::model::Remembered::default();

    let seen = AtomicU32::new(0);
    let never = AtomicBool::new(false);
    let report = |rows: u32| seen.store(rows, Ordering::Relaxed);
    let progress = import::Progress::new(&report, &never);
    let a = import::analyze_with(&path, Role::Student, None, &choices, &progress).unwrap();
    assert_eq!(a.rows_read(), 9_000);
    assert_eq!(
        seen.load(Ordering::Relaxed),
        8_000,
        "reported every 2,000 rows"
    );

    // The organiser clicks "Annuler" as soon as the first figure shows.
    let cancel = AtomicBool::new(false);
    let stop = |_: u32| cancel.store(true, Ordering::Relaxed);
    let progress = import::Progress::new(&stop, &cancel);
    let error = import::analyze_with(&path, Role::Student, None, &choices, &progress).unwrap_err();
    assert!(matches!(error, ImportError::Cancelled { .. }), "{error}");
    assert_eq!(error.to_string(), "Lecture de « longue.csv » annulée.");
}

#[test]
fn metiers_and_administrations_are_put_on_their_canonical_labels_and_unknown_ones_rattached_once() {
    let a = analyze(
        &sample("etudiants-demarches-simplifiees.xlsx"),
        Role::Student,
        None,
    )
    .unwrap();
    assert!(
        a.unknown_values.is_empty(),
        "the demo's free-text métiers are all known: {:?}",
        a.unknown_values
    );
    let labels: std::collections::BTreeSet<String> = students_of(&a)
        .iter()
        .flat_map(|s| s.wished_jobs.clone())
        .collect();
    assert!(labels.contains("Concepteur-développeur"));
    assert!(
        !labels.iter().any(|l| l == "Dév web" || l == "Developpeur"),
        "{labels:?}"
    );
    let sphinx = analyze(
        &sample("ambassadeurs-sphinx-retravaille.xlsx"),
        Role::Ambassador,
        None,
    )
    .unwrap();
    assert!(
        sphinx.unknown_values.is_empty(),
        "{:?}",
        sphinx.unknown_values
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inscrits.csv");
    std::fs::write(
        &path,
        "Nom;Prénom;Email;Métier souhaité;Administration souhaitée\n\
         Martin;Anne;anne@ex.fr;Luthier;MINARM\n\
         Petit;Léo;leo@ex.fr;Luthier;Intérieur\n",
    )
    .unwrap();
    let first = analyze(&path, Role::Student, None).unwrap();
    assert_eq!(first.unknown_values.len(), 1);
    let unknown = &first.unknown_values[0];
    assert_eq!(
        (unknown.text.as_str(), unknown.count, unknown.rows.clone()),
        ("Luthier", 2, vec![2, 3])
    );
    assert_eq!(
        students_of(&first)[0].wished_jobs,
        ["Luthier"],
        "kept as written until rattached"
    );
    assert_eq!(
        students_of(&first)[0].wished_administration.as_deref(),
        Some("Ministère des Armées")
    );

    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    store
        .remember_synonym(
            binome::model::SynonymKind::Job,
            "Luthier",
            "concepteur-developpeur",
        )
        .unwrap();
    let edition = store.edition_for_command_line(None).unwrap().id;
    let report = common::import_file(&mut store, edition, &path, Role::Student, None).unwrap();
    assert!(report.unknown_values.is_empty());
    assert_eq!(
        store.list_students(edition).unwrap()[0].wished_jobs,
        ["Concepteur-développeur"]
    );
}

#[test]
fn utf16_text_without_its_byte_order_mark_is_read_and_old_excel_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Nom;Prénom;Email\r\nMartin;Zoé;zoe.martin@etu.example\r\nNguyễn;Đức;duc@etu.example\r\n";
    for (name, bytes) in [
        (
            "unicode-le.csv",
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ),
        (
            "unicode-be.txt",
            text.encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect::<Vec<u8>>(),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let analysis =
            import::analyze(&path, Role::Student, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        let names: Vec<String> = analysis
            .rows
            .iter()
            .filter_map(|r| match &r.record {
                binome::model::PersonRecord::Student(s) => Some(s.identity.first_name.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["Zoé", "Đức"], "{name}");
    }

    // Excel 2.x–4.0: a bare BIFF stream, first record a BOF (here BIFF4, a worksheet).
    let path = dir.path().join("inscrits-1992.xls");
    std::fs::write(
        &path,
        [
            0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00,
        ],
    )
    .unwrap();
    let error = import::analyze(&path, Role::Student, None).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("« inscrits-1992.xls »")
            && message.contains("ancien format d'Excel")
            && message.contains(".xlsx"),
        "{message}"
    );
}

#[test]
fn every_recognised_value_is_shown_as_written_and_as_taken() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = store.edition_for_command_line(None).unwrap().id;
    let file = dir.path().join("ambassadeurs.csv");
    std::fs::write(
        &file,
        "Nom;Prénom;Email;Métier;Administration\n\
         Lefèvre;Jean;jean@gouv.example;Analyste;DINUM\n\
         Roux;Claire;claire@gouv.example;Chef de projet IT;Direction interministérielle du numérique\n\
         Petit;Luc;luc@gouv.example;Analyste;DINUM\n",
    )
    .unwrap();
    let report = common::import_file(&mut store, edition, &file, Role::Ambassador, None).unwrap();
    let values = &report.recognized_values;
    let analyste = values
        .iter()
        .find(|v| v.text == "Analyste")
        .expect("listed once");
    assert_eq!(
        (
            analyste.label.as_str(),
            analyste.count,
            analyste.rows.as_slice(),
            analyste.exact
        ),
        ("Analyste fonctionnel", 2, &[2, 4][..], false)
    );
    assert_eq!(analyste.how, "synonyme connu");
    let chef = values
        .iter()
        .find(|v| v.text == "Chef de projet IT")
        .unwrap();
    assert_eq!(chef.label, "Chef de projet informatique");
    assert!(
        values.iter().position(|v| v.exact) > values.iter().rposition(|v| !v.exact),
        "values written otherwise first: {values:?}"
    );
}

#[test]
fn a_level_outside_bac_2_to_bac_5_is_worth_a_look() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("etudiants.csv");
    std::fs::write(
        &file,
        "Nom;Prénom;Email;Niveau d'études\nA;Anne;a@ex.fr;L3\nB;Bruno;b@ex.fr;Bac+1\nC;Chloé;c@ex.fr;Doctorat\n",
    )
    .unwrap();
    let analysis = analyze(&file, Role::Student, None).unwrap();
    let notes: Vec<(u32, &str)> = analysis
        .warnings
        .iter()
        .filter(|w| w.column.as_deref() == Some("Niveau d'études"))
        .map(|w| (w.row, w.message.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (
                3,
                "niveau Bac+1 hors du public de l'opération (Bac+2 à Bac+5) : à vérifier"
            ),
            (
                4,
                "niveau « Doctorat » non reconnu (attendu : Bac+2 à Bac+5) : à vérifier"
            ),
        ]
    );
    assert!(
        analysis
            .rows
            .iter()
            .all(|r| matches!(r.record, binome::model::PersonRecord::Student(_))),
        "kept all the same"
    );
}

/// An organiser who chose the wrong button (or swapped two files on the command line): the
/// other role's file is refused, naming what gave it away, rather than its people stored as
/// the wrong kind and paired with their own.
#[test]
fn the_other_roles_file_is_refused_naming_what_gave_it_away() {
    let cases = [
        (
            sample("ambassadeurs-sphinx-retravaille.xlsx"),
            Role::Student,
            "Le fichier « ambassadeurs-sphinx-retravaille.xlsx » semble être celui des \
             ambassadeurs, pas des étudiants (feuille « Réponses », colonnes « Intitulé exact de \
             votre poste », « Type de structure », « Service / direction ») : importez-le comme \
             fichier des ambassadeurs.",
        ),
        (
            sample("etudiants-excel-windows.csv"),
            Role::Ambassador,
            "Le fichier « etudiants-excel-windows.csv » semble être celui des étudiants, pas des \
             ambassadeurs (colonnes « État du dossier », « Déposé le », « Établissement \
             d'enseignement ») : importez-le comme fichier des étudiants.",
        ),
    ];
    for (file, role, message) in cases {
        let error = analyze(&file, role, None).unwrap_err();
        assert!(matches!(error, ImportError::OtherRole { .. }), "{error:?}");
        assert_eq!(error.to_string(), message);
    }
    // The same files as their own role, and a bare file that does not tell (names, e-mail, a
    // métier, a capacity): read.
    assert!(analyze(
        &sample("ambassadeurs-sphinx-retravaille.xlsx"),
        Role::Ambassador,
        None
    )
    .is_ok());
    assert!(analyze(&sample("etudiants-excel-windows.csv"), Role::Student, None).is_ok());
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("liste.csv");
    std::fs::write(
        &bare,
        "Nom;Prénom;Email;Métier;Nombre de places\nMartin;Léa;lea@example.fr;Développeuse;2\n",
    )
    .unwrap();
    for role in [Role::Student, Role::Ambassador] {
        assert_eq!(analyze(&bare, role, None).unwrap().rows_read(), 1);
    }
}
