//! Files the readers refuse are refused in one French sentence that names the file and says what
//! to do, never with a reader library's English (« invalid Zip archive », « Cfb error », « Xml
//! error », « Expecting … found … »); workbooks Excel opens are read even when their parts are
//! not where most writers put them; an `.xls` costs memory for the cells it holds, not for where
//! they are; and a sheet understood while it is being read is understood as when it was read whole
//! first.
//!
//! Every broken file is built here, byte by byte: small zip packages, and `.xls` workbooks
//! (BIFF8 records in a compound file written by hand, so that its sector table can be made to
//! loop or point past the end). `.xls` and `.ods` are read through the reader child process, as
//! the binaries read them (the `binome` command line serves as the child).

use std::io::Write;
use std::path::{Path, PathBuf};

use binome::import::table::Value;
use binome::import::{read_table, ImportError, RawTable, ReadOptions};

/// Words of the reader libraries' messages that must never reach the organiser.
const LIBRARY_WORDS: [&str; 20] = [
    "error",
    "Error",
    "found",
    "Found",
    "Zip",
    "Cfb",
    "Xml",
    "XML",
    "invalid",
    "Invalid",
    "expect",
    "Expect",
    "stream",
    "Stream",
    "sector",
    "Sector",
    "Relationship",
    "Unrecognized",
    "{",
    "}",
];

fn isolated() {
    binome::import::read::use_reader_process(PathBuf::from(env!("CARGO_BIN_EXE_binome")));
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Reads `bytes` as a file named `name`, expecting a refusal; checks it is French, names the
/// file, tells what to do, and holds no library text. Returns the message.
fn refusal(name: &str, bytes: &[u8]) -> (ImportError, String) {
    isolated();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    let error = read_table(&path, &ReadOptions::default()).expect_err(name);
    let message = error.to_string();
    assert!(message.contains(&format!("« {name} »")), "{message}");
    for word in LIBRARY_WORDS {
        assert!(!message.contains(word), "« {word} » in: {message}");
    }
    assert_eq!(message.matches(". ").count(), 0, "one sentence: {message}");
    (error, message)
}

fn assert_remedy(message: &str) {
    assert!(
        message.contains("Excel ou LibreOffice") && message.contains(".xlsx"),
        "says what to do: {message}"
    );
}

fn read(name: &str, bytes: &[u8]) -> RawTable {
    isolated();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    read_table(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(row: &binome::import::table::RawRow, col: usize) -> String {
    match row.cells.get(col) {
        Some(Value::Text(t)) => t.clone(),
        Some(Value::Number(n)) => n.to_string(),
        other => format!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Zip packages

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in entries {
        out.start_file(*name, options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c><c r="B1" t="inlineStr"><is><t>E-mail</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>Durand</t></is></c><c r="B2" t="inlineStr"><is><t>durand@example.fr</t></is></c></row>
</sheetData></worksheet>"#;

const REL_SHEET: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const REL_MACRO: &str = "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet";

/// An `.xlsx` whose workbook is `workbook` (e.g. `xl/workbook.xml`) and whose one sheet is
/// `sheet` (relative to the workbook's folder) of relationship type `sheet_type`; `sep` is the
/// separator written in the entry names.
fn xlsx(workbook: &str, sheet: &str, sheet_type: &str, sheet_xml: &str, sep: &str) -> Vec<u8> {
    zip_parts(&xlsx_parts(workbook, sheet, sheet_type, sheet_xml, sep))
}

fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let entries: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip(&entries)
}

/// The parts of [`xlsx`], to be altered before zipping.
fn xlsx_parts(
    workbook: &str,
    sheet: &str,
    sheet_type: &str,
    sheet_xml: &str,
    sep: &str,
) -> Vec<(String, Vec<u8>)> {
    let (folder, book) = workbook.rsplit_once('/').unwrap();
    let content_types = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{workbook}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#
    );
    let package_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{workbook}"/></Relationships>"#
    );
    let workbook_xml = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Inscriptions" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let workbook_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{sheet_type}" Target="{sheet}"/></Relationships>"#
    );
    let name = |path: String| path.replace('/', sep);
    let entries = [
        (
            name("[Content_Types].xml".into()),
            content_types.into_bytes(),
        ),
        (name("_rels/.rels".into()), package_rels.into_bytes()),
        (workbook.replace('/', sep), workbook_xml.as_bytes().to_vec()),
        (
            name(format!("{folder}/_rels/{book}.rels")),
            workbook_rels.into_bytes(),
        ),
        (
            name(format!("{folder}/{sheet}")),
            sheet_xml.as_bytes().to_vec(),
        ),
    ];
    entries.to_vec()
}

fn plain_xlsx() -> Vec<u8> {
    xlsx(
        "xl/workbook.xml",
        "worksheets/sheet1.xml",
        REL_SHEET,
        SHEET,
        "/",
    )
}

fn assert_two_rows(table: &RawTable) {
    assert_eq!(table.rows.len(), 2, "{:?}", table.rows);
    assert_eq!(text(&table.rows[0], 0), "Nom");
    assert_eq!(text(&table.rows[1], 1), "durand@example.fr");
    assert_eq!(table.rows[1].number, 2);
}

#[test]
fn a_workbook_found_through_the_package_relationships_is_read() {
    assert_two_rows(&read("classique.xlsx", &plain_xlsx()));
    // The workbook elsewhere than xl/workbook.xml, as _rels/.rels says.
    let elsewhere = xlsx(
        "excel/classeur.xml",
        "feuilles/f1.xml",
        REL_SHEET,
        SHEET,
        "/",
    );
    assert_two_rows(&read("ailleurs.xlsx", &elsewhere));
}

#[test]
fn a_workbook_whose_entries_are_written_with_backslashes_is_read() {
    let backslashes = xlsx(
        "xl/workbook.xml",
        "worksheets/sheet1.xml",
        REL_SHEET,
        SHEET,
        "\\",
    );
    assert_two_rows(&read("antislash.xlsx", &backslashes));
    let both = xlsx(
        "excel/classeur.xml",
        "feuilles/f1.xml",
        REL_SHEET,
        SHEET,
        "\\",
    );
    assert_two_rows(&read("antislash-ailleurs.xlsx", &both));
}

#[test]
fn a_zip_without_a_workbook_is_not_a_spreadsheet() {
    let (error, message) = refusal("archive.xlsx", &zip(&[("notes.txt", b"bonjour")]));
    assert!(
        matches!(error, ImportError::NotASpreadsheet { .. }),
        "{error:?}"
    );
    assert!(message.contains("ne contient pas de classeur"), "{message}");
}

#[test]
fn a_truncated_workbook_is_damaged() {
    let whole = plain_xlsx();
    // Cut inside the table of contents, and just after the first part's header.
    for cut in [whole.len() - 30, 40] {
        let (error, message) = refusal("coupe.xlsx", &whole[..cut]);
        assert!(matches!(error, ImportError::Corrupt { .. }), "{error:?}");
        assert!(message.contains("endommagé"), "{message}");
        assert_remedy(&message);
    }
}

#[test]
fn a_sheet_of_malformed_content_is_damaged() {
    let broken = SHEET.replace("<t>Durand</t>", "<t>Durand &inconnue;</t>");
    let bytes = xlsx(
        "xl/workbook.xml",
        "worksheets/sheet1.xml",
        REL_SHEET,
        &broken,
        "/",
    );
    let (error, message) = refusal("entite.xlsx", &bytes);
    assert!(matches!(error, ImportError::Corrupt { .. }), "{error:?}");
    assert!(message.contains("mal formé"), "{message}");
    assert_remedy(&message);
}

#[test]
fn a_workbook_whose_sheet_part_is_missing_is_damaged() {
    let mut bytes = Vec::new();
    {
        // The workbook names a sheet the package does not hold.
        let full = xlsx(
            "xl/workbook.xml",
            "worksheets/sheet1.xml",
            REL_SHEET,
            SHEET,
            "/",
        );
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(full)).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        for i in 0..archive.len() {
            let entry = archive.by_index_raw(i).unwrap();
            if !entry.name().unwrap_or_default().contains("sheet1") {
                out.raw_copy_file(entry).unwrap();
            }
        }
        out.finish().unwrap();
    }
    // Told as a missing part, not as a workbook without data.
    let (error, message) = refusal("sans-feuille.xlsx", &bytes);
    assert!(matches!(error, ImportError::Corrupt { .. }), "{error:?}");
    assert!(message.contains("manque"), "{message}");
    assert_remedy(&message);
}

#[test]
fn a_workbook_naming_a_relationship_it_does_not_have_is_damaged() {
    let mut parts = xlsx_parts(
        "xl/workbook.xml",
        "worksheets/sheet1.xml",
        REL_SHEET,
        SHEET,
        "/",
    );
    let workbook = parts
        .iter_mut()
        .find(|(n, _)| n == "xl/workbook.xml")
        .unwrap();
    workbook.1 = String::from_utf8(workbook.1.clone())
        .unwrap()
        .replace("rId1", "rId9")
        .into_bytes();
    let (error, message) = refusal("relation.xlsx", &zip_parts(&parts));
    assert!(matches!(error, ImportError::Corrupt { .. }), "{error:?}");
    assert!(message.contains("mal référencée"), "{message}");
    assert_remedy(&message);
}

#[test]
fn a_workbook_of_a_chart_sheet_only_has_no_data_and_is_not_damaged() {
    let chart = r#"<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>"#;
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet";
    let bytes = xlsx("xl/workbook.xml", "chartsheets/sheet1.xml", rel, chart, "/");
    let (error, _) = refusal("graphique.xlsx", &bytes);
    assert!(matches!(error, ImportError::NoData { .. }), "{error:?}");
}

const MACRO_SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8"?><xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>=RETOUR()</t></is></c></row></sheetData></xm:macrosheet>"#;

/// A workbook whose first sheet is an Excel 4.0 macro sheet, then `data` if given.
fn with_macro_sheet(data: bool) -> Vec<u8> {
    let mut parts = xlsx_parts(
        "xl/workbook.xml",
        "macrosheets/sheet1.xml",
        REL_MACRO,
        MACRO_SHEET,
        "/",
    );
    if data {
        for (name, bytes) in parts.iter_mut() {
            let text = String::from_utf8(bytes.clone()).unwrap();
            let text = match name.as_str() {
                "xl/workbook.xml" => text.replace(
                    "</sheets>",
                    r#"<sheet name="Données" sheetId="2" r:id="rId2"/></sheets>"#,
                ),
                "xl/_rels/workbook.xml.rels" => text.replace(
                    "</Relationships>",
                    &format!(
                        r#"<Relationship Id="rId2" Type="{REL_SHEET}" Target="worksheets/sheet1.xml"/></Relationships>"#
                    ),
                ),
                _ => continue,
            };
            *bytes = text.into_bytes();
        }
        parts.push(("xl/worksheets/sheet1.xml".into(), SHEET.as_bytes().to_vec()));
    }
    zip_parts(&parts)
}

#[test]
fn a_workbook_with_an_excel_4_macro_sheet_is_read_past_it() {
    // calamine alone refuses it (« Unrecognized sheet type: xl/macrosheets/… »); Excel opens it.
    let bytes = with_macro_sheet(true);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "macros.xlsm", &bytes);
    assert!(calamine::open_workbook::<calamine::Xlsx<_>, _>(&path).is_err());
    let table = read("macros.xlsm", &bytes);
    assert_eq!(table.sheet.as_deref(), Some("Données"));
    assert_eq!(table.sheet_names, ["Inscriptions", "Données"]);
    assert_two_rows(&table);
    // Macros only: no sign-ups in it.
    let (error, _) = refusal("que-des-macros.xlsm", &with_macro_sheet(false));
    assert!(matches!(error, ImportError::NoData { .. }), "{error:?}");
}

// ---------------------------------------------------------------------------------------------
// A sheet read and understood side by side (`analyze`), against read whole then understood

/// A sheet of students as Excel writes it: a title row, the header, `people` rows (two of them
/// with the same e-mail, two with one name and phone, some métiers unknown), a blank row among
/// them, and a totals row with a formula; `row_order` gives the order in which the rows are written into the file.
fn students_sheet(people: u32, row_order: impl Fn(Vec<String>) -> Vec<String>) -> String {
    let cell = |r: u32, col: char, text: &str| {
        format!(r#"<c r="{col}{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    };
    let mut rows = vec![
        format!(r#"<row r="1">{}</row>"#, cell(1, 'A', "Vis mon job 2027")),
        format!(
            r#"<row r="3">{}{}{}{}{}</row>"#,
            cell(3, 'A', "Nom"),
            cell(3, 'B', "Prénom"),
            cell(3, 'C', "E-mail"),
            cell(3, 'D', "Métier souhaité"),
            cell(3, 'E', "Téléphone")
        ),
    ];
    for i in 0..people {
        let r = 4 + i + u32::from(i >= 700);
        let email = if i == people - 1 { 0 } else { i };
        let job = if i % 3 == 0 {
            "Développeur"
        } else {
            "Jongleur"
        };
        // Rows 14 and 24: one name and one phone under two e-mails (a probable duplicate).
        let (name, phone) = match i {
            10 | 20 => ("Nom10".to_string(), "06 12 34 56 78"),
            _ => (format!("Nom{i}"), ""),
        };
        rows.push(format!(
            r#"<row r="{r}">{}{}{}{}{}</row>"#,
            cell(r, 'A', &name),
            cell(r, 'B', "Camille"),
            cell(r, 'C', &format!("personne{email}@example.fr")),
            cell(r, 'D', job),
            cell(r, 'E', phone)
        ));
    }
    let total = 5 + people;
    rows.push(format!(
        r#"<row r="{total}"><c r="F{total}"><f>COUNTA(A4:A{})</f><v>{people}</v></c></row>"#,
        total - 1
    ));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}</sheetData></worksheet>"#,
        row_order(rows).join("\n")
    )
}

fn students_xlsx(dir: &Path, name: &str, sheet_xml: &str) -> PathBuf {
    let bytes = xlsx(
        "xl/workbook.xml",
        "worksheets/sheet1.xml",
        REL_SHEET,
        sheet_xml,
        "/",
    );
    write(dir, name, &bytes)
}

/// What an organiser is shown of an analysis, every row included.
fn shown(analysis: &binome::import::Analysis) -> String {
    format!(
        "{:?}",
        (
            &analysis.sheet,
            &analysis.sheet_names,
            analysis.header_row,
            &analysis.headers,
            &analysis.title_rows,
            analysis.blank_rows,
            &analysis.rows,
            &analysis.warnings,
            &analysis.unknown_values,
            &analysis.recognized_values,
            &analysis.duplicates,
            &analysis.probable_duplicates,
        )
    )
}

/// What reading the whole sheet first, then understanding it, makes of the file.
fn read_whole_then_understood(path: &Path) -> Result<binome::import::Analysis, ImportError> {
    let table = read_table(path, &ReadOptions::default())?;
    let file = ImportError::file_label(path);
    binome::import::understand(table, Role::Student, &file, &Default::default())
}

use binome::import::analyze;
use binome::model::Role;

#[test]
fn a_sheet_understood_while_it_is_read_is_understood_as_when_read_whole_first() {
    isolated();
    let dir = tempfile::tempdir().unwrap();
    // Three times the rows handed over at once, and more.
    let path = students_xlsx(dir.path(), "inscrits.xlsx", &students_sheet(1_600, |r| r));
    let streamed = analyze(&path, Role::Student, None).unwrap();
    let whole = read_whole_then_understood(&path).unwrap();
    assert_eq!(shown(&streamed), shown(&whole));
    assert_eq!(
        streamed.rows.len(),
        1_601,
        "1,600 people and the totals row"
    );
    assert_eq!(streamed.title_rows, [1]);
    assert_eq!(streamed.blank_rows, 1);
    assert_eq!(streamed.duplicates.len(), 1);
    assert_eq!(streamed.probable_duplicates.len(), 1);
    assert!(matches!(
        streamed.rows.last().unwrap().record,
        binome::model::PersonRecord::Rejected(_)
    ));
    assert!(!streamed.unknown_values.is_empty());

    // The same rows written out of order (legal, rare): read whole and sorted, the same result.
    let shuffled = students_xlsx(
        dir.path(),
        "desordre.xlsx",
        &students_sheet(1_600, |mut rows| {
            let moved = rows.remove(1_200);
            rows.insert(5, moved);
            let header = rows.remove(1);
            rows.push(header);
            rows
        }),
    );
    let from_shuffled = analyze(&shuffled, Role::Student, None).unwrap();
    assert_eq!(shown(&from_shuffled), shown(&whole));

    // A CSV export of the same people, read as it comes too.
    let mut csv = String::from("Vis mon job 2027\n\nNom;Prénom;E-mail;Métier souhaité\n");
    for i in 0..1_600 {
        let email = if i == 1_599 { 0 } else { i };
        let job = if i % 3 == 0 {
            "Développeur"
        } else {
            "Jongleur"
        };
        csv.push_str(&format!(
            "Nom{i};Camille;personne{email}@example.fr;{job}\n"
        ));
        if i == 699 {
            csv.push_str(";;;\n");
        }
    }
    let csv = write(dir.path(), "inscrits.csv", csv.as_bytes());
    let streamed = analyze(&csv, Role::Student, None).unwrap();
    assert_eq!(
        shown(&streamed),
        shown(&read_whole_then_understood(&csv).unwrap())
    );
    assert_eq!(streamed.rows.len(), 1_600);
    assert_eq!(streamed.blank_rows, 1);
    assert_eq!(streamed.duplicates.len(), 1);

    // No header: refused with the same message as when the whole sheet was read first.
    let no_header = students_xlsx(
        dir.path(),
        "sans-en-tete.xlsx",
        &students_sheet(1_600, |mut rows| {
            rows.remove(1);
            rows
        }),
    );
    let streamed = analyze(&no_header, Role::Student, None).unwrap_err();
    let whole = read_whole_then_understood(&no_header).unwrap_err();
    assert_eq!(streamed.to_string(), whole.to_string());
    assert!(
        matches!(streamed, ImportError::NoHeader { .. }),
        "{streamed}"
    );
}

const ODS_CONTENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Inscriptions"><table:table-row><table:table-cell office:value-type="string"><text:p>Nom</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>Durand</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

fn ods(mime: &str, content: &str) -> Vec<u8> {
    zip(&[
        ("mimetype", mime.as_bytes()),
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

#[test]
fn an_ods_of_malformed_content_is_damaged_and_a_text_document_is_not_a_spreadsheet() {
    let sheet = "application/vnd.oasis.opendocument.spreadsheet";
    let table = read("juste.ods", &ods(sheet, ODS_CONTENT));
    assert_eq!(table.rows.len(), 2);

    // Text straight in a row, where a cell is expected (« Expecting 'table-cell', found
    // 'Text(BytesText …' »); an unknown entity (« Xml error: … unrecognized entity »).
    for (index, broken) in [
        ODS_CONTENT.replace(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Durand",
            "<table:table-row>perdu<table:table-cell office:value-type=\"string\"><text:p>Durand",
        ),
        ODS_CONTENT.replace("Durand", "Durand &inconnue;"),
    ]
    .iter()
    .enumerate()
    {
        let name = format!("abime-{index}.ods");
        let (error, message) = refusal(&name, &ods(sheet, broken));
        assert!(matches!(
            error,
            ImportError::Refused { .. } | ImportError::Corrupt { .. }
        ));
        assert!(message.contains("endommagé"), "{message}");
        assert_remedy(&message);
    }

    let (error, message) = refusal(
        "lettre.ods",
        &ods("application/vnd.oasis.opendocument.text", ODS_CONTENT),
    );
    assert!(message.contains("document texte"), "{error:?}: {message}");
}

// ---------------------------------------------------------------------------------------------
// .xls: BIFF8 records, and a compound file written by hand

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

fn bof(kind: u16) -> Vec<u8> {
    let mut data = vec![0x00, 0x06];
    data.extend(kind.to_le_bytes());
    data.extend([0u8; 12]);
    record(0x0809, &data)
}

fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let mut data = Vec::new();
    data.extend(row.to_le_bytes());
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend((text.len() as u16).to_le_bytes());
    data.push(0); // compressed (Latin-1) characters
    data.extend(text.as_bytes());
    record(0x0204, &data)
}

fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
    let mut data = Vec::new();
    data.extend(row.to_le_bytes());
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(value.to_le_bytes());
    record(0x0203, &data)
}

fn dimensions(rows: u32, cols: u16) -> Vec<u8> {
    let mut data = 0u32.to_le_bytes().to_vec();
    data.extend(rows.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(cols.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    record(0x0200, &data)
}

/// A workbook stream: globals (with `globals_extra` after the BOF), one sheet of `cells`,
/// at least 4096 bytes long.
fn workbook_stream(globals_extra: &[u8], sheet_records: &[u8]) -> Vec<u8> {
    let mut stream = short_workbook_stream(globals_extra, sheet_records);
    // At least 4096 bytes, so that the stream lives in regular sectors (no mini stream here).
    stream.resize(stream.len().max(4096), 0);
    stream
}

/// The same, as long as its records.
fn short_workbook_stream(globals_extra: &[u8], sheet_records: &[u8]) -> Vec<u8> {
    let name = b"Feuil1";
    let boundsheet_len = 4 + 8 + name.len();
    let mut globals = bof(0x0005);
    globals.extend(globals_extra);
    let sheet_offset = globals.len() + boundsheet_len + 4;
    let mut data = (sheet_offset as u32).to_le_bytes().to_vec();
    data.extend([0, 0, name.len() as u8, 0]);
    data.extend(name);
    globals.extend(record(0x0085, &data));
    globals.extend(record(0x000A, &[]));
    assert_eq!(globals.len(), sheet_offset);
    let mut stream = globals;
    stream.extend(bof(0x0010));
    stream.extend(sheet_records);
    stream.extend(record(0x000A, &[]));
    stream
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
const NO_STREAM: u32 = 0xFFFF_FFFF;

fn dir_entry(name: &str, kind: u8, child: u32, start: u32, size: u32) -> Vec<u8> {
    let mut entry = vec![0u8; 128];
    let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    entry[..utf16.len()].copy_from_slice(&utf16);
    entry[64..66].copy_from_slice(&((utf16.len() + 2) as u16).to_le_bytes());
    entry[66] = kind;
    entry[67] = 1; // black
    entry[68..72].copy_from_slice(&NO_STREAM.to_le_bytes());
    entry[72..76].copy_from_slice(&NO_STREAM.to_le_bytes());
    entry[76..80].copy_from_slice(&child.to_le_bytes());
    entry[116..120].copy_from_slice(&start.to_le_bytes());
    entry[120..124].copy_from_slice(&size.to_le_bytes());
    entry
}

/// A version 3 compound file holding one stream named `name`: sector 0 is the FAT, sector 1 the
/// directory, the stream from sector 2 on. `chain` may rewrite the FAT's 128 entries (to make
/// the stream's chain loop or point away), and `size` overrides its declared length.
fn compound(name: &str, stream: &[u8], chain: impl Fn(&mut [u32]), size: Option<u32>) -> Vec<u8> {
    let sectors = stream.len().div_ceil(512);
    assert!(2 + sectors <= 128, "one FAT sector is enough");
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[24..26].copy_from_slice(&0x003Eu16.to_le_bytes());
    header[26..28].copy_from_slice(&3u16.to_le_bytes());
    header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[30..32].copy_from_slice(&9u16.to_le_bytes());
    header[32..34].copy_from_slice(&6u16.to_le_bytes());
    header[44..48].copy_from_slice(&1u32.to_le_bytes()); // FAT sectors
    header[48..52].copy_from_slice(&1u32.to_le_bytes()); // first directory sector
    header[56..60].copy_from_slice(&4096u32.to_le_bytes());
    header[60..64].copy_from_slice(&END_OF_CHAIN.to_le_bytes()); // mini FAT
    header[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes()); // DIFAT
    for slot in 0..109 {
        let at = 76 + slot * 4;
        let value = if slot == 0 { 0 } else { FREE };
        header[at..at + 4].copy_from_slice(&value.to_le_bytes());
    }
    let mut fat = vec![FREE; 128];
    fat[0] = 0xFFFF_FFFD;
    fat[1] = END_OF_CHAIN;
    for i in 0..sectors {
        fat[2 + i] = if i + 1 == sectors {
            END_OF_CHAIN
        } else {
            (3 + i) as u32
        };
    }
    chain(&mut fat);
    let mut file = header;
    file.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    let size = size.unwrap_or(stream.len() as u32);
    file.extend(dir_entry("Root Entry", 5, 1, END_OF_CHAIN, 0));
    file.extend(dir_entry(name, 2, NO_STREAM, 2, size));
    file.extend(dir_entry("", 0, NO_STREAM, 0, 0));
    file.extend(dir_entry("", 0, NO_STREAM, 0, 0));
    let mut data = stream.to_vec();
    data.resize(sectors * 512, 0);
    file.extend(data);
    file
}

fn xls(globals_extra: &[u8], sheet_records: &[u8]) -> Vec<u8> {
    compound(
        "Workbook",
        &workbook_stream(globals_extra, sheet_records),
        |_| {},
        None,
    )
}

fn people_cells() -> Vec<u8> {
    let mut cells = label(0, 0, "Nom");
    cells.extend(label(0, 1, "Age"));
    cells.extend(label(1, 0, "Durand"));
    cells.extend(number(1, 1, 23.0));
    cells
}

#[test]
fn a_hand_written_xls_is_read() {
    let mut cells = dimensions(2, 2);
    cells.extend(people_cells());
    let table = read("fait-main.xls", &xls(&[], &cells));
    assert_eq!(table.rows.len(), 2);
    assert_eq!(text(&table.rows[0], 0), "Nom");
    assert_eq!(text(&table.rows[1], 0), "Durand");
    assert_eq!(table.rows[1].cells[1], Value::Number(23.0));
}

#[test]
fn an_xor_obfuscated_xls_is_password_protected() {
    // FilePass, wEncryptionType 0 (XOR obfuscation), then a key and a verifier.
    let filepass = record(0x002F, &[0, 0, 0x34, 0x12, 0x78, 0x56]);
    let (error, message) = refusal("xor.xls", &xls(&filepass, &people_cells()));
    assert!(matches!(error, ImportError::Refused { .. }), "{error:?}");
    assert!(message.contains("protégé par un mot de passe"), "{message}");
    // The same words as any protected file.
    let expected = ImportError::Encrypted {
        file: "xor.xls".into(),
    }
    .to_string();
    assert_eq!(message, expected);
}

#[test]
fn an_xls_whose_sector_table_is_broken_is_damaged() {
    let stream = workbook_stream(&[], &people_cells());
    let cases: [(&str, Vec<u8>); 3] = [
        // A sector pointing past the end of the file.
        (
            "hors-fichier.xls",
            compound("Workbook", &stream, |f| f[4] = 500, None),
        ),
        // A chain that comes back on itself.
        (
            "boucle.xls",
            compound("Workbook", &stream, |f| f[7] = 4, None),
        ),
        // The whole file cut in its middle.
        ("coupe.xls", xls(&[], &people_cells())[..1800].to_vec()),
    ];
    for (name, bytes) in cases {
        let (error, message) = refusal(name, &bytes);
        assert!(message.contains("endommagé"), "{error:?}: {message}");
        assert_remedy(&message);
    }
}

#[test]
fn an_xls_excel_opens_is_read_though_its_sector_table_has_stale_entries() {
    // An unused entry of the table pointing into the workbook's chain: Excel follows only the
    // chains it needs, and so does the reader (the cfb crate refuses the whole file).
    let stream = workbook_stream(&[], &people_cells());
    let bytes = compound("Workbook", &stream, |f| f[100] = 3, None);
    assert!(cfb::CompoundFile::open(std::io::Cursor::new(&bytes)).is_err());
    let table = read("entree-perimee.xls", &bytes);
    assert_eq!(text(&table.rows[1], 0), "Durand");
}

/// A compound file of the given version holding `stream` as `Workbook`, written by the cfb
/// crate (which puts a stream under 4096 bytes in mini sectors).
fn cfb_file(version: cfb::Version, stream: &[u8]) -> Vec<u8> {
    let mut file =
        cfb::CompoundFile::create_with_version(version, std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("/Workbook")
        .unwrap()
        .write_all(stream)
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

#[test]
fn an_xls_is_read_from_either_version_of_compound_file_in_sectors_or_mini_sectors() {
    // Under 4096 bytes, a stream is stored in 64-byte mini sectors inside the root's stream;
    // version 4 files have 4096-byte sectors.
    let small = short_workbook_stream(&[], &people_cells());
    assert!(small.len() < 4096);
    let large = workbook_stream(&[], &people_cells());
    for version in [cfb::Version::V3, cfb::Version::V4] {
        for stream in [&small, &large] {
            let name = format!("v{}-{}.xls", version.number(), stream.len());
            let table = read(&name, &cfb_file(version, stream));
            assert_eq!(table.rows.len(), 2, "{name}");
            assert_eq!(table.rows[1].cells[1], Value::Number(23.0), "{name}");
        }
    }
}

#[test]
fn a_one_kilobyte_xls_whose_stream_loops_on_itself_is_refused_at_once() {
    // One sector that is its own successor, and a stream declared 3 GB long: a reader that
    // follows the chain until it has read the declared length never ends and never stops
    // allocating. The file is refused as damaged (under the child's memory ceiling, where it
    // would otherwise be read until killed).
    let stream = workbook_stream(&[], &people_cells());
    let mut bytes = compound(
        "Workbook",
        &stream[..512],
        |f| f[2] = 2,
        Some(3_000_000_000),
    );
    bytes.truncate(512 * 4);
    let (error, message) = refusal("boucle-1ko.xls", &bytes);
    assert!(matches!(error, ImportError::Refused { .. }), "{error:?}");
    assert!(message.contains("endommagé"), "{message}");
    assert_remedy(&message);
}

#[test]
fn an_office_document_that_is_not_a_workbook_is_told_so() {
    let stream = vec![0u8; 4096];
    let (error, message) = refusal(
        "lettre.xls",
        &compound("WordDocument", &stream, |_| {}, None),
    );
    assert!(
        message.contains("ne contient pas de classeur"),
        "{error:?}: {message}"
    );
}

#[test]
fn an_xls_in_an_unknown_character_set_is_told_so() {
    let codepage = record(0x0042, &54_321u16.to_le_bytes());
    let (_, message) = refusal("codage.xls", &xls(&codepage, &people_cells()));
    assert!(message.contains("jeu de caractères inconnu"), "{message}");
    assert_remedy(&message);
}

#[test]
fn an_xls_with_a_record_shorter_than_it_says_is_damaged() {
    let mut cells = people_cells();
    // A Number record holding two bytes.
    cells.extend(record(0x0203, &[1, 0]));
    let (_, message) = refusal("court.xls", &xls(&[], &cells));
    assert!(message.contains("endommagé"), "{message}");
    assert_remedy(&message);
}

/// The far corner of an `.xls` sheet (IV65536), declared and used.
fn far_corner_xls() -> Vec<u8> {
    let mut cells = dimensions(65_536, 256);
    cells.extend(people_cells());
    cells.extend(label(65_535, 255, "coin"));
    xls(&[], &cells)
}

#[test]
fn a_cell_at_the_far_corner_of_an_xls_keeps_its_place_and_costs_no_grid() {
    let table = read("coin.xls", &far_corner_xls());
    let numbers: Vec<u32> = table.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 65_536]);
    assert_eq!(text(&table.rows[1], 0), "Durand");
    assert_eq!(table.rows[1].cells[1], Value::Number(23.0));
    let corner = &table.rows[2];
    assert_eq!(corner.cells.len(), 256);
    assert_eq!(text(corner, 255), "coin");
    assert!(corner.cells[..255].iter().all(|c| *c == Value::Empty));
    // Every row as wide as the sheet, as before.
    assert!(table.rows.iter().all(|r| r.cells.len() == 256));
}

/// The reader child's peak memory, from the kernel's account of the children this process
/// waited for (this test binary's only other children are short readers of tiny files).
#[cfg(unix)]
fn children_peak_kib() -> i64 {
    // SAFETY: getrusage fills the zeroed struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    usage.ru_maxrss
}

#[cfg(unix)]
#[test]
fn reading_the_far_corner_xls_stays_small_in_the_child() {
    let table = read("coin-memoire.xls", &far_corner_xls());
    assert_eq!(table.rows.len(), 3);
    let peak = children_peak_kib();
    println!("pic mémoire du processus de lecture : {} Mo", peak / 1024);
    // The dense grid alone would be 16.7 million cells, over 500 MB.
    assert!(peak < 150 * 1024, "peak {peak} KiB");
}

#[test]
fn an_xls_with_cells_scattered_over_the_whole_sheet_is_refused_as_too_large() {
    // A diagonal over every row and column: a grid of 65,536 × 256 cells even compacted.
    let mut cells = Vec::new();
    for row in 0..65_535u16 {
        cells.extend(number(row, row % 256, 1.0));
    }
    // More than one FAT sector's worth: written through the cfb crate instead.
    let bytes = cfb_file(cfb::Version::V3, &workbook_stream(&[], &cells));
    let (error, message) = refusal("diagonale.xls", &bytes);
    assert!(matches!(error, ImportError::Refused { .. }), "{error:?}");
    assert!(message.contains("trop grand"), "{message}");
}

// ---------------------------------------------------------------------------------------------
// Whatever the damage

/// The samples, damaged at random (seeded): whatever the readers say of them is French, names
/// the file and holds no library text (`refusal` checks it).
#[test]
fn every_refusal_of_a_damaged_sample_is_in_the_organisers_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let samples = [
        root.join("assets/samples/etudiants-demarches-simplifiees.xlsx"),
        root.join("tests/fixtures/etudiants-demarches-simplifiees.ods"),
        root.join("tests/fixtures/ambassadeurs-sphinx-retravaille.xls"),
    ];
    let cases: usize = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let mut refused = 0;
    for (index, sample) in samples.iter().enumerate() {
        let original = std::fs::read(sample).unwrap();
        let extension = sample.extension().unwrap().to_string_lossy().into_owned();
        let mut rng = fastrand::Rng::with_seed(19 + index as u64);
        for case in 0..cases {
            let mut bytes = original.clone();
            for _ in 0..rng.usize(1..4) {
                let at = rng.usize(..bytes.len());
                match rng.u8(..3) {
                    0 => {
                        for b in bytes.iter_mut().skip(at).take(rng.usize(1..64)) {
                            *b = rng.u8(..);
                        }
                    }
                    1 => bytes.truncate(at.max(1)),
                    _ => {
                        let end = (at + rng.usize(1..4096)).min(bytes.len());
                        bytes.drain(at..end);
                    }
                }
            }
            let name = format!("abime-{case}.{extension}");
            let dir = tempfile::tempdir().unwrap();
            let path = write(dir.path(), &name, &bytes);
            isolated();
            if read_table(&path, &ReadOptions::default()).is_err() {
                refusal(&name, &bytes);
                refused += 1;
            }
        }
    }
    assert!(refused > 0, "some damage is refused");
}

/// What the readers log, kept for the test below (one logger for the whole test binary).
struct Kept(std::sync::Mutex<Vec<String>>);

impl log::Log for Kept {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        self.0.lock().unwrap().push(record.args().to_string());
    }
    fn flush(&self) {}
}

static KEPT: Kept = Kept(std::sync::Mutex::new(Vec::new()));

#[test]
fn the_libraries_own_words_go_to_the_log() {
    let _ = log::set_logger(&KEPT);
    log::set_max_level(log::LevelFilter::Warn);
    // In this process (.xlsx), and in the reader child (.ods), whose log comes back with its
    // answer.
    let whole = plain_xlsx();
    refusal("journal.xlsx", &whole[..whole.len() - 30]);
    let broken = ODS_CONTENT.replace("Durand", "Durand &inconnue;");
    refusal(
        "journal.ods",
        &ods("application/vnd.oasis.opendocument.spreadsheet", &broken),
    );
    let kept = KEPT.0.lock().unwrap().clone();
    let about = |file: &str, words: &str| {
        kept.iter()
            .any(|line| line.contains(file) && line.contains(words))
    };
    assert!(about("journal.xlsx", "Zip"), "{kept:#?}");
    assert!(about("journal.ods", "Xml"), "{kept:#?}");
}

// ---------------------------------------------------------------------------------------------
// Encrypted workbooks (the fixtures are the sample ambassadors' workbook encrypted by
// msoffcrypto-tool, agile encryption as Excel 2010 and later write it)

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

#[test]
fn an_xlsx_encrypted_with_excels_default_password_is_read_as_excel_opens_it() {
    let table = read(
        "ambassadeurs-lecture-seule.xlsx",
        &fixture_bytes("chiffre-mot-de-passe-par-defaut-excel.xlsx"),
    );
    // The sample as it was when encrypted: a title, a subtitle, the header, the ambassadors
    // and a total, blank rows aside.
    assert_eq!(table.rows.len(), 184);
    assert_eq!(
        text(&table.rows[0], 0),
        "Vis mon job 2026 — inscriptions des ambassadeurs"
    );
    assert_eq!(text(&table.rows[183], 0), "TOTAL");
}

#[test]
fn an_xlsx_encrypted_with_a_real_password_is_still_refused_as_protected() {
    let (error, message) = refusal(
        "confidentiel.xlsx",
        &fixture_bytes("chiffre-vrai-mot-de-passe.xlsx"),
    );
    assert!(matches!(error, ImportError::Encrypted { .. }), "{error:?}");
    assert!(message.contains("protégé par un mot de passe"), "{message}");
}

/// The first sector of the stream `name` in a version 3 compound file, and where the FAT
/// entry that follows it lies (enough for the fixtures, whose FAT fits in one sector).
fn chain_start(file: &[u8], name: &str) -> (u32, usize) {
    let u32_at = |at: usize| u32::from_le_bytes(file[at..at + 4].try_into().unwrap());
    let fat_sector = u32_at(76) as usize;
    let directory = (u32_at(48) as usize + 1) * 512;
    let wanted: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let entry = (0..4)
        .map(|i| directory + 128 * i)
        .find(|&at| file[at..].starts_with(&wanted))
        .expect(name);
    let start = u32_at(entry + 116);
    (start, (fat_sector + 1) * 512 + 4 * start as usize)
}

#[test]
fn an_encrypted_xlsx_whose_sector_chain_loops_is_damaged_at_once() {
    let mut file = fixture_bytes("chiffre-mot-de-passe-par-defaut-excel.xlsx");
    // The encrypted package's first sector followed by itself: a reader following the chain
    // to the declared length would read the same sector forever.
    let (start, next) = chain_start(&file, "EncryptedPackage");
    file[next..next + 4].copy_from_slice(&start.to_le_bytes());
    let (error, message) = refusal("boucle-chiffre.xlsx", &file);
    assert!(matches!(error, ImportError::Corrupt { .. }), "{error:?}");
    assert!(message.contains("endommagé"), "{message}");
}

/// A compound file holding an encryption description `info` and a small encrypted package.
fn encrypted_compound(info: &[u8]) -> Vec<u8> {
    let mut compound =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new()))
            .unwrap();
    compound
        .create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(info)
        .unwrap();
    compound
        .create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0u8; 4096])
        .unwrap();
    compound.flush().unwrap();
    compound.into_inner().into_inner()
}

/// An agile encryption description whose first tag carries `attributes` attributes.
fn agile_info(attributes: usize) -> Vec<u8> {
    let mut info = vec![4, 0, 4, 0, 0x40, 0, 0, 0];
    info.extend_from_slice(b"<?xml version=\"1.0\"?><encryption><keyData ");
    for i in 0..attributes {
        info.extend_from_slice(format!("a{i}=\"\" ").as_bytes());
    }
    info.extend_from_slice(b"/></encryption>");
    info
}

#[test]
fn an_encrypted_xlsx_with_an_outsized_encryption_description_is_refused_unparsed() {
    // Office writes about a kilobyte; quick-xml 0.38 checks a tag's attributes against each
    // other (RUSTSEC-2026-0194), so a description of millions of them is never parsed.
    let (error, message) = refusal(
        "description.xlsx",
        &encrypted_compound(&agile_info(200_000)),
    );
    assert!(matches!(error, ImportError::Corrupt { .. }), "{error:?}");
    assert!(message.contains("endommagé"), "{message}");
    // Under the bound, as many attributes as fit are parsed, and the file is protected.
    let (error, _) = refusal(
        "description-64k.xlsx",
        &encrypted_compound(&agile_info(7_300)),
    );
    assert!(matches!(error, ImportError::Encrypted { .. }), "{error:?}");
}
