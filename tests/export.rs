//! The exported workbook, written and read back: the contract's sheets and columns, text that
//! stays text, no formula anywhere, leading zeros and accents kept, a real reader opens it,
//! and a failed export leaves nothing behind.

mod common;

use common::RunToEnd as _;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use binome::actions::export::export_workbook as export_edition;
use binome::export::ExportOptions;
use binome::model::Role;
use binome::Store;
use calamine::{open_workbook_auto, Data, Reader};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

/// An edition with the samples imported, a suggestion, and one student whose name looks like
/// a formula.
fn prepared(dir: &Path) -> (Store, binome::model::EditionId) {
    let mut store = Store::open(&dir.join("b.sqlite3")).unwrap();
    let edition = store.edition_for_command_line(None).unwrap().id;
    let tricky = dir.join("tricky.csv");
    std::fs::write(
        &tricky,
        "Nom;Prénom;Email;Code postal;Commune;Mobilité géographique\n=HYPERLINK(\"http://x\");+Zoé;zoe@ex.fr;1000;Bourg-en-Bresse;Partout en France\n",
    )
    .unwrap();
    for (file, role) in [
        (
            samples().join("etudiants-demarches-simplifiees.xlsx"),
            Role::Student,
        ),
        (tricky, Role::Student),
        (
            samples().join("ambassadeurs-sphinx-retravaille.xlsx"),
            Role::Ambassador,
        ),
    ] {
        common::import_file(&mut store, edition, &file, role, None).unwrap();
    }
    binome::actions::suggest::suggest(&mut store, edition).unwrap();
    (store, edition)
}

fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(|c| c.to_string()).collect()
}

#[test]
fn the_workbook_has_the_contract_sheets_and_columns_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (store, edition) = prepared(dir.path());
    let out = dir.path().join("binômes.xlsx");
    let summary = export_edition(&store, edition, &out, &ExportOptions::default()).unwrap();
    assert!(summary.pairs > 100);

    let mut workbook = open_workbook_auto(&out).unwrap();
    // The contract's four, in this order (§2.1); the project's « Par date » after them (§2.4).
    assert_eq!(
        workbook.sheet_names(),
        [
            "Binômes",
            "Étudiants sans binôme",
            "Ambassadeurs sans étudiant",
            "Synthèse",
            "Par date"
        ]
    );
    let pairs: Vec<Vec<Data>> = workbook
        .worksheet_range("Binômes")
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    let columns = header(&pairs);
    for required in [
        "Email étudiant",
        "Email ambassadeur",
        "Statut",
        "Ce qui correspond",
        "Score",
        "Date convenue",
    ] {
        assert!(
            columns.iter().any(|c| c == required),
            "{required} in {columns:?}"
        );
    }
    assert_eq!(pairs.len() - 1, summary.pairs, "one row per pair");
    let col = |name: &str| columns.iter().position(|c| c == name).unwrap();
    let emails: Vec<String> = pairs[1..]
        .iter()
        .map(|r| r[col("Email étudiant")].to_string())
        .collect();
    assert!(emails
        .iter()
        .filter(|e| !e.is_empty())
        .all(|e| e.contains('@')));
    assert!(
        emails.iter().filter(|e| e.is_empty()).count() <= 6,
        "only those who gave none lack one"
    );
    assert!(pairs[1..].iter().any(|r| r[col("Ce qui correspond")]
        .to_string()
        .contains("métier souhaité n°1")));

    for sheet in ["Étudiants sans binôme", "Ambassadeurs sans étudiant"] {
        let rows: Vec<Vec<Data>> = workbook
            .worksheet_range(sheet)
            .unwrap()
            .rows()
            .map(<[Data]>::to_vec)
            .collect();
        assert!(
            header(&rows).iter().any(|c| c == "Email"),
            "{sheet} has Email"
        );
        assert!(rows.len() > 1, "{sheet} lists people");
    }
    let unpaired: Vec<Vec<Data>> = workbook
        .worksheet_range("Étudiants sans binôme")
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    let diagnosis = header(&unpaired)
        .iter()
        .position(|c| c == "Diagnostic")
        .unwrap();
    assert!(
        unpaired[1..]
            .iter()
            .all(|r| !r[diagnosis].to_string().is_empty()),
        "every one diagnosed"
    );

    // Text that looks like a formula is text; postal codes keep their zero; accents intact.
    let student_names: Vec<String> = pairs[1..]
        .iter()
        .chain(unpaired[1..].iter())
        .map(|r| r[col("Nom étudiant").min(r.len() - 1)].to_string())
        .collect();
    let all_text: String = [&pairs, &unpaired]
        .iter()
        .flat_map(|rows| rows.iter().flatten())
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        all_text.contains("=HYPERLINK(\"http://x\")"),
        "the formula-looking name kept as text"
    );
    assert!(all_text.contains("01000"), "leading zero kept");
    assert!(
        all_text.contains("Zoé") && all_text.contains("Île-de-France")
            || all_text.contains("Hauts-de-Seine")
    );
    assert!(!student_names.is_empty());
    let synthese: Vec<Vec<Data>> = workbook
        .worksheet_range("Synthèse")
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    assert!(synthese
        .iter()
        .any(|r| r[1].to_string().contains("données personnelles")));
    // Students outside the retained states are counted apart, and named by their French label.
    let students = store.list_students(edition).unwrap();
    let rules = binome::actions::rules::rules(&store, edition).unwrap();
    let excluded = students
        .iter()
        .filter(|s| !binome::suggest::takes_part(s, &rules))
        .count();
    assert!(excluded > 0);
    assert!(
        synthese
            .iter()
            .any(|r| r[0] == "Étudiants hors des états retenus"
                && r[1] == Data::Float(excluded as f64)),
        "the apart line"
    );
    let state = header(&unpaired)
        .iter()
        .position(|c| c == "État du dossier")
        .unwrap();
    let states: std::collections::BTreeSet<String> =
        unpaired[1..].iter().map(|r| r[state].to_string()).collect();
    assert!(states.contains("en instruction"), "{states:?}");
    assert!(
        states.iter().all(|s| !s.contains('_')),
        "no raw code: {states:?}"
    );
    // The season dashboard is there too, with the store's own figures.
    let season = binome::actions::suggest::season(&store, edition).unwrap();
    let value = |rubrique: &str| {
        synthese
            .iter()
            .find(|r| r[0] == rubrique)
            .map(|r| r[1].to_string())
            .unwrap_or_else(|| panic!("no line {rubrique:?} in Synthèse"))
    };
    let first = season.satisfaction.wish[0];
    assert!(
        value("Placés sur leur souhait de métier n°1").starts_with(&format!("{first} (")),
        "{}",
        value("Placés sur leur souhait de métier n°1")
    );
    let by_departement = synthese
        .iter()
        .filter(|r| {
            r[0].to_string()
                .starts_with("Offre et demande, département : ")
        })
        .count();
    assert_eq!(by_departement, season.by_departement.len());
    assert_eq!(season.students as usize + excluded, students.len());
    assert!(value("Tableau de bord : hors des états retenus").starts_with(&format!("{excluded} ")));
    assert!(by_departement > 0);

    // No cell holds a formula: no <f> element in any sheet of the file.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/") {
            let mut xml = String::new();
            entry.read_to_string(&mut xml).unwrap();
            assert!(
                !xml.contains("<f>") && !xml.contains("<f "),
                "formula in {name}"
            );
        }
    }
}

#[test]
fn libreoffice_opens_the_workbook() {
    let Ok(soffice) = which("soffice") else {
        assert!(
            std::env::var_os("BINOMES_REQUIRE_LIBREOFFICE").is_none(),
            "LibreOffice (soffice) is required here"
        );
        eprintln!("soffice absent: LibreOffice check skipped (scripts/test.sh installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (store, edition) = prepared(dir.path());
    let out = dir.path().join("binomes.xlsx");
    export_edition(&store, edition, &out, &ExportOptions::default()).unwrap();
    let status = Command::new(soffice)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&out)
        .env("HOME", dir.path())
        .run_to_end();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let csv = std::fs::read_to_string(dir.path().join("binomes-Binômes.csv"))
        .or_else(|_| std::fs::read_to_string(dir.path().join("binomes.csv")))
        .unwrap();
    let first = csv.lines().next().unwrap();
    assert!(
        first.contains("Email étudiant") && first.contains("Email ambassadeur"),
        "{first}"
    );

    // Printed (#18): LibreOffice made 104 pages of this workbook, four columns of `Binômes` a
    // page, before the page setup; one page wide, it makes about twenty.
    let status = Command::new(which("soffice").unwrap())
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&out)
        .env("HOME", dir.path())
        .run_to_end();
    assert!(status.status.success());
    let pdf = std::fs::read(dir.path().join("binomes.pdf")).unwrap();
    let pages = pdf_pages(&pdf);
    assert!((4..=30).contains(&pages), "{pages} pages printed");
}

/// Page objects in a PDF as LibreOffice writes them (`/Type/Page`, not `/Type/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let mut pages = 0;
    for (i, _) in pdf.windows(5).enumerate().filter(|(_, w)| w == b"/Type") {
        let rest: Vec<u8> = pdf[i + 5..]
            .iter()
            .copied()
            .skip_while(|b| b.is_ascii_whitespace())
            .take(6)
            .collect();
        if rest.starts_with(b"/Page") && rest.get(5) != Some(&b's') {
            pages += 1;
        }
    }
    pages
}

fn which(program: &str) -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
        .ok_or(())
}

#[test]
fn options_filter_by_status_and_leave_phones_out() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = prepared(dir.path());
    let pair = store.list_pairs(edition).unwrap()[0].clone();
    store
        .edit_pairs(
            edition,
            &[pair.id],
            &binome::store::PairEdit {
                status: Some(binome::model::PairStatus::Validated),
                ..Default::default()
            },
        )
        .unwrap();
    let out = dir.path().join("valides.xlsx");
    let options = ExportOptions {
        status: Some(binome::model::PairStatus::Validated),
        minimal: true,
        region: None,
    };
    let summary = export_edition(&store, edition, &out, &options).unwrap();
    assert_eq!(summary.pairs, 1);
    let mut workbook = open_workbook_auto(&out).unwrap();
    let rows: Vec<Vec<Data>> = workbook
        .worksheet_range("Binômes")
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    assert_eq!(rows[1][0].to_string(), "validé");
    assert!(
        !header(&rows).iter().any(|c| c.starts_with("Téléphone")),
        "no phone numbers"
    );
}

#[test]
fn a_failed_export_leaves_no_half_file() {
    let dir = tempfile::tempdir().unwrap();
    let (store, edition) = prepared(dir.path());
    let missing = dir.path().join("pas-de-dossier").join("binomes.xlsx");
    let error = export_edition(&store, edition, &missing, &ExportOptions::default()).unwrap_err();
    assert!(error.to_string().contains("« binomes.xlsx »"), "{error}");
    assert!(!missing.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn one_workbook_per_region_holds_only_that_region() {
    let dir = tempfile::tempdir().unwrap();
    let (store, edition) = prepared(dir.path());
    let out = dir.path().join("binomes.xlsx");
    let summaries =
        binome::actions::export::export_by_region(&store, edition, &out, &ExportOptions::default())
            .unwrap();
    assert!(summaries.len() >= 10, "one per région with people");
    let total: usize = summaries.iter().map(|s| s.pairs).sum();
    let all = export_edition(
        &store,
        edition,
        &dir.path().join("tout.xlsx"),
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        total, all.pairs,
        "every pair in exactly one regional workbook (by the student's région)"
    );
    let bretagne = dir.path().join("binomes - Bretagne.xlsx");
    assert!(bretagne.exists());
    let mut workbook = open_workbook_auto(&bretagne).unwrap();
    let rows: Vec<Vec<Data>> = workbook
        .worksheet_range("Binômes")
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    let dep = header(&rows)
        .iter()
        .position(|c| c == "Département étudiant")
        .unwrap();
    assert!(rows[1..]
        .iter()
        .all(|r| ["22", "29", "35", "56"].contains(&r[dep].to_string().as_str())));
}

/// Windows (run under Wine by scripts/test-windows.sh): a workbook open in Excel cannot be
/// replaced; the organiser is told to close it, in French, and the open file is left whole.
#[cfg(windows)]
#[test]
fn a_workbook_open_in_excel_is_not_overwritten_and_the_organiser_is_told_to_close_it() {
    use std::os::windows::fs::OpenOptionsExt;
    // A folder with spaces and accents, as Windows user folders have.
    let dir = tempfile::Builder::new()
        .prefix("Données Été ")
        .tempdir()
        .unwrap();
    let (store, edition) = prepared(dir.path());
    let out = dir.path().join("Binômes 2026.xlsx");
    export_edition(&store, edition, &out, &ExportOptions::default()).unwrap();
    let before = std::fs::read(&out).unwrap();
    // What Excel does with an open workbook: no sharing.
    let held = std::fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(&out)
        .unwrap();
    let message = export_edition(&store, edition, &out, &ExportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("ouvert dans un autre programme") && message.contains("Binômes 2026.xlsx"),
        "{message}"
    );
    drop(held);
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "the open workbook is left whole"
    );
}

/// What the organiser exports holds names, e-mails and phone numbers: readable by them only, as
/// the database is (Unix modes; Windows relies on the folders' access rights).
#[cfg(unix)]
#[test]
fn exported_workbooks_and_message_drafts_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = prepared(dir.path());
    let out = dir.path().join("binomes.xlsx");
    export_edition(&store, edition, &out, &ExportOptions::default()).unwrap();
    let drafts = dir.path().join("messages");
    // The drafts go to the wave's own folder, itself owner-only.
    let wave =
        binome::actions::messages::write_drafts(&mut store, edition, &drafts, &Default::default())
            .unwrap()
            .folder;
    let folder_mode = std::fs::metadata(&wave).unwrap().permissions().mode() & 0o777;
    assert_eq!(folder_mode, 0o700, "{wave}");
    let mut files = vec![out];
    files.extend(std::fs::read_dir(&wave).unwrap().map(|e| e.unwrap().path()));
    assert!(files.len() > 3);
    for file in files {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
}

/// The entries of the workbook's zip whose name starts with `prefix`, as text.
fn parts(path: &Path, prefix: &str) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut found = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        if name.starts_with(prefix) {
            let mut xml = String::new();
            entry.read_to_string(&mut xml).unwrap();
            found.push((name, xml));
        }
    }
    found.sort();
    found
}

#[test]
fn every_sheet_prints_landscape_one_page_wide_with_its_header_on_each_page() {
    let dir = tempfile::tempdir().unwrap();
    let (store, edition) = prepared(dir.path());
    let out = dir.path().join("binomes.xlsx");
    export_edition(&store, edition, &out, &ExportOptions::default()).unwrap();

    let sheets = parts(&out, "xl/worksheets/sheet");
    assert_eq!(sheets.len(), 5);
    for (name, xml) in &sheets {
        let setup = xml.split("<pageSetup ").nth(1).unwrap_or("no pageSetup");
        assert!(
            setup.contains(r#"orientation="landscape""#),
            "{name}: {setup}"
        );
        assert!(setup.contains(r#"paperSize="9""#), "{name}: A4, {setup}");
        // Fit to the page: one page wide (1 is the attribute's default, so written only when
        // it differs) and 0 pages high, as many pages down as the rows need.
        assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{name}");
        assert!(
            !setup.contains("fitToWidth=") || setup.contains(r#"fitToWidth="1""#),
            "{name}: {setup}"
        );
        assert!(setup.contains(r#"fitToHeight="0""#), "{name}: {setup}");
        assert!(xml.contains(r#"<printOptions gridLines="1"/>"#), "{name}");
    }
    // The header row repeated on every page and the print area, for each sheet.
    let (_, book) = &parts(&out, "xl/workbook.xml")[0];
    for sheet in [
        "Binômes",
        "'Étudiants sans binôme'",
        "'Ambassadeurs sans étudiant'",
        "Synthèse",
        "'Par date'",
    ] {
        assert!(
            book.contains(r#"name="_xlnm.Print_Titles" localSheetId"#)
                && book.contains(&format!(">{sheet}!$1:$1<")),
            "{sheet}: {book}"
        );
    }
    assert_eq!(book.matches(r#"name="_xlnm.Print_Area""#).count(), 5);

    // `Binômes` prints its first block, one pair per line: names, e-mails, phones, communes,
    // métier, administration and the agreed date — and not the score or the reasons.
    let mut workbook = open_workbook_auto(&out).unwrap();
    let pairs: Vec<Vec<Data>> = workbook
        .worksheet_range("Binômes")
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    let columns = header(&pairs);
    let area = book
        .split(r#"name="_xlnm.Print_Area" localSheetId="0">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap();
    assert_eq!(area, format!("Binômes!$A$1:$N${}", pairs.len()));
    let printed = &columns[..14];
    for wanted in [
        "Nom étudiant",
        "Email étudiant",
        "Téléphone étudiant",
        "Nom ambassadeur",
        "Email ambassadeur",
        "Téléphone ambassadeur",
        "Date convenue",
    ] {
        assert!(
            printed.iter().any(|c| c == wanted),
            "{wanted} in {printed:?}"
        );
    }
    assert!(!printed
        .iter()
        .any(|c| c == "Score" || c == "Ce qui correspond"));
    assert_eq!(columns.len(), 31, "every column is still in the file");
}
