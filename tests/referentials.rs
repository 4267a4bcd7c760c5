//! The métiers and administrations referentials against the way people really write them, the demo
//! generator's words included, and the tables' own consistency.

use std::collections::HashMap;

use binome::demo::{self, Cell, DemoSize};
use binome::referentials::{label_key, Administrations, Jobs, Recognition};

/// The demo generator's word lists, read from its source: its module is private, and reading the
/// source keeps this test in step with every word added there.
const DEMO_DATA: &str = include_str!("../src/demo/data.rs");

/// The `(canonical, &[variants])` entries of a `pub const NAME: &[(&str, &[&str])] = &[…];` list in
/// `src/demo/data.rs`.
fn demo_list(name: &str) -> Vec<(String, Vec<String>)> {
    let start = DEMO_DATA
        .find(&format!("pub const {name}:"))
        .unwrap_or_else(|| panic!("{name} absent de src/demo/data.rs"));
    let body = &DEMO_DATA[start..];
    let body = &body[body.find('=').expect("=") + 1..];
    let body = &body[..body.find("\n];").expect("fin de liste") + 3];

    let mut entries: Vec<(String, Vec<String>)> = Vec::new();
    let (mut parens, mut brackets) = (0, 0);
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '(' => parens += 1,
            ')' => parens -= 1,
            '[' => brackets += 1,
            ']' => brackets -= 1,
            '"' => {
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => literal.extend(chars.next()),
                        c => literal.push(c),
                    }
                }
                match (parens, brackets) {
                    (1, 1) => entries.push((literal, Vec::new())),
                    (1, 2) => entries
                        .last_mut()
                        .expect("une variante après son libellé")
                        .1
                        .push(literal),
                    other => panic!("{name} : chaîne inattendue {literal:?} à {other:?}"),
                }
            }
            _ => {}
        }
    }
    assert!(entries.len() > 5, "{name} : {entries:?}");
    entries
}

fn job_label(text: &str) -> Option<&'static str> {
    Jobs::get().recognize(text).job.map(|j| j.label)
}

fn job_code(text: &str) -> Option<&'static str> {
    Jobs::get().recognize(text).job.map(|j| j.code)
}

fn administration_code(text: &str) -> Option<&'static str> {
    Administrations::get()
        .recognize(text)
        .administration
        .map(|a| a.code)
}

#[test]
fn jobs_as_people_write_them() {
    let jobs = Jobs::get();
    for text in [
        "Developpeur",
        "Dév web",
        "développeur.se",
        "DEVELOPPEUR FULLSTACK",
        "Développeur web",
        "dev",
        "Développeuse back-end",
    ] {
        let found = jobs.recognize(text);
        assert_eq!(
            found.job.map(|j| j.label),
            Some("Concepteur-développeur"),
            "{text:?}"
        );
        assert_eq!(found.how, Recognition::Synonym, "{text:?}");
    }
    let exact = jobs.recognize("data scientist ");
    assert_eq!(exact.job.map(|j| j.label), Some("Data scientist"));
    assert_eq!(exact.how, Recognition::Exact);
    assert_eq!(job_label("UX designer"), Some("Designer UX/UI"));
    assert_eq!(job_label("UI/UX"), Some("Designer UX/UI"));
    assert_eq!(
        job_label("Chef de projet IT"),
        Some("Chef de projet informatique")
    );
    assert_eq!(
        job_label("Cheffe de projet SI"),
        Some("Chef de projet informatique")
    );
    assert_eq!(job_label("CDP"), Some("Chef de projet informatique"));
    assert_eq!(
        job_label("Product owner"),
        Some("Responsable produit numérique")
    );
    assert_eq!(job_label("PO"), Some("Responsable produit numérique"));
    assert_eq!(job_code("OSSI"), Some("officier-securite-si"));
    assert_eq!(job_code("RSSI"), Some("rssi"));
    assert_eq!(job_code("Analyste SOC"), Some("analyste-cybersecurite"));
    assert_eq!(
        job_code("Administratrice systèmes et réseaux"),
        Some("administrateur-systemes-reseaux")
    );
    assert_eq!(job_code("SRE"), Some("ingenieur-devops"));
    assert_eq!(job_code("Coach agile"), Some("scrum-master"));
    assert_eq!(job_code("DBA"), Some("administrateur-bases-donnees"));
    assert_eq!(job_code("Technicienne support"), Some("technicien-support"));
    assert_eq!(
        job_code("Chargée de mission numérique"),
        Some("charge-mission-numerique")
    );

    let longer = jobs.recognize("Développeur web junior");
    assert_eq!(longer.job.map(|j| j.code), Some("concepteur-developpeur"));
    assert_eq!(longer.how, Recognition::Contains);

    for unknown in ["Boulanger", "", "   ", "-", "Data scientist et designer"] {
        let found = jobs.recognize(unknown);
        assert_eq!(found.job, None, "{unknown:?}");
        assert_eq!(found.how, Recognition::Unknown, "{unknown:?}");
    }
}

#[test]
fn administrations_as_people_write_them() {
    for text in [
        "MINARM",
        "Armées",
        "Défense",
        "Min. Armées",
        "ministère des armées",
    ] {
        assert_eq!(administration_code(text), Some("armees"), "{text:?}");
    }
    let armees = Administrations::get().recognize("MINARM");
    assert_eq!(
        armees.administration.map(|a| a.label),
        Some("Ministère des Armées")
    );
    assert_eq!(armees.how, Recognition::Exact);
    for text in [
        "Intérieur",
        "Ministère de l'Intérieur",
        "MI",
        "Place Beauvau",
    ] {
        assert_eq!(administration_code(text), Some("interieur"), "{text:?}");
    }
    for text in [
        "Bercy",
        "DGFiP",
        "Finances",
        "MEFSIN",
        "Ministère de l'Économie et des Finances",
    ] {
        assert_eq!(administration_code(text), Some("economie"), "{text:?}");
    }
    let pole_emploi = Administrations::get().recognize("Pôle emploi");
    assert_eq!(
        pole_emploi.administration.map(|a| a.label),
        Some("France Travail")
    );
    assert_eq!(pole_emploi.how, Recognition::Synonym);
    assert_eq!(administration_code("pole emploi"), Some("france-travail"));
    assert_eq!(administration_code("DINUM"), Some("dinum"));
    assert_eq!(administration_code("INSEE"), Some("insee"));
    assert_eq!(administration_code("Météo France"), Some("meteo-france"));
    assert_eq!(administration_code("ANSSI"), Some("anssi"));
    assert_eq!(administration_code("Boulangerie Dupont"), None);

    let admins = Administrations::get();
    assert_eq!(admins.parent_of("anssi").map(|a| a.code), Some("sgdsn"));
    assert_eq!(
        admins.ministry_of("anssi").map(|a| a.code),
        Some("premier-ministre")
    );
    assert_eq!(
        admins.ministry_of("insee").map(|a| a.code),
        Some("economie")
    );
    assert!(admins.same_ministry("insee", "economie"));
    assert!(admins.same_ministry("anssi", "dinum"));
    assert!(!admins.same_ministry("insee", "armees"));
    assert!(!admins.same_ministry("insee", "nulle-part"));
}

#[test]
fn organiser_synonyms() {
    let jobs = Jobs::get();
    let extra = vec![(
        "Dev Python".to_string(),
        "concepteur-developpeur".to_string(),
    )];
    let found = jobs.recognize_with("dev python", &extra);
    assert_eq!(found.job.map(|j| j.label), Some("Concepteur-développeur"));
    assert_eq!(found.how, Recognition::OrganiserSynonym);
    // Stored as a key, it works the same.
    let keyed = vec![(
        Jobs::key("Dev Python"),
        "concepteur-developpeur".to_string(),
    )];
    assert_eq!(
        jobs.recognize_with("DEV-PYTHON", &keyed).how,
        Recognition::OrganiserSynonym
    );
    // They take priority over the referential's own names.
    let overriding = vec![("Designer".to_string(), "referent-accessibilite".to_string())];
    assert_eq!(
        jobs.recognize_with("Designer", &overriding)
            .job
            .map(|j| j.code),
        Some("referent-accessibilite")
    );
    assert_eq!(job_code("Designer"), Some("designer-ux-ui"));

    let admins = Administrations::get();
    let extra = vec![(
        "Direction du numérique des armées".to_string(),
        "armees".to_string(),
    )];
    let found = admins.recognize_with("direction du numerique des armees", &extra);
    assert_eq!(found.administration.map(|a| a.code), Some("armees"));
    assert_eq!(found.how, Recognition::OrganiserSynonym);
    assert_eq!(
        Administrations::key("Pôle Emploi"),
        label_key("pole emploi")
    );
}

#[test]
fn families() {
    let jobs = Jobs::get();
    assert!(jobs.same_family("data-scientist", "data-engineer"));
    assert!(jobs.same_family("data-scientist", "data-scientist"));
    assert!(!jobs.same_family("data-scientist", "designer-ux-ui"));
    assert!(!jobs.same_family("data-scientist", "boulanger"));
    let families = jobs.families();
    for family in [
        "Données",
        "Développement",
        "Design",
        "Pilotage de projet et produit",
        "Architecture",
        "Sécurité",
        "Infrastructure et exploitation",
        "Support",
    ] {
        assert!(families.contains(&family), "{family} : {families:?}");
    }
    assert_eq!(families.len(), 8, "{families:?}");
}

#[test]
fn every_demo_job_maps_to_its_label() {
    let jobs = Jobs::get();
    for (canonical, variants) in demo_list("JOBS") {
        let found = jobs.recognize(&canonical);
        assert_eq!(found.job.map(|j| j.label), Some(canonical.as_str()));
        assert_eq!(found.how, Recognition::Exact, "{canonical:?}");
        for variant in &variants {
            let found = jobs.recognize(variant);
            assert_eq!(
                found.job.map(|j| j.label),
                Some(canonical.as_str()),
                "{variant:?}"
            );
            assert!(
                matches!(found.how, Recognition::Exact | Recognition::Synonym),
                "{variant:?} : {found}"
            );
        }
    }
}

#[test]
fn every_demo_administration_maps_to_one_entry() {
    let admins = Administrations::get();
    for (canonical, variants) in demo_list("ADMINISTRATIONS") {
        let found = admins.recognize(&canonical);
        assert!(
            matches!(found.how, Recognition::Exact | Recognition::Synonym),
            "{canonical:?} : {found}"
        );
        let code = found.administration.map(|a| a.code);
        for variant in &variants {
            let found = admins.recognize(variant);
            assert_eq!(found.administration.map(|a| a.code), code, "{variant:?}");
            assert!(
                matches!(found.how, Recognition::Exact | Recognition::Synonym),
                "{variant:?} : {found}"
            );
        }
    }
    // And to the right one.
    for (demo, code) in [
        ("Ministère des Armées", "armees"),
        ("Direction interministérielle du numérique (DINUM)", "dinum"),
        ("Ministère de l'Intérieur et des Outre-mer", "interieur"),
        (
            "Ministère de l'Économie, des Finances et de la Souveraineté industrielle et numérique",
            "economie",
        ),
        (
            "Ministère de la Transition écologique",
            "transition-ecologique",
        ),
        ("Ministère de l'Éducation nationale", "education-nationale"),
        ("Ministère de la Justice", "justice"),
        (
            "Ministère du Travail, de la Santé et des Solidarités",
            "travail-sante-solidarites",
        ),
        ("Ministère de la Culture", "culture"),
        ("Insee", "insee"),
        ("Météo-France", "meteo-france"),
        ("France Travail", "france-travail"),
    ] {
        assert_eq!(administration_code(demo), Some(code), "{demo:?}");
    }
}

/// The column of a header in a header row.
fn column(header: &[Cell], name: &str) -> usize {
    header
        .iter()
        .position(|c| c.display() == name)
        .unwrap_or_else(|| panic!("colonne « {name} » absente"))
}

#[test]
fn the_generated_demo_sheets_are_recognised_as_their_truth() {
    // What the generator wrote in the sheets (canonical label or a variant) is recognised as what it
    // meant (the truth it keeps).
    let people = demo::generate_people(2026, DemoSize::default());
    let jobs = Jobs::get();
    let admins = Administrations::get();

    let students = demo::students_workbook(&people);
    let dossiers = &students.sheets[0];
    let header = &dossiers.rows[0];
    let job_columns = [
        column(header, "Métier que vous souhaitez découvrir (1er choix)"),
        column(header, "Métier que vous souhaitez découvrir (2e choix)"),
        column(header, "Métier que vous souhaitez découvrir (3e choix)"),
    ];
    let admin_column = column(header, "Administration que vous souhaiteriez découvrir");
    for (student, &row) in people.students.iter().zip(&students.rows) {
        let cells = &dossiers.rows[row];
        for (wished, &col) in student.wished_jobs.iter().zip(&job_columns) {
            let written = cells[col].display();
            assert_eq!(
                jobs.recognize(&written).job.map(|j| j.label),
                Some(wished.as_str()),
                "{written:?}"
            );
        }
        let written = cells[admin_column].display();
        let found = admins.recognize(&written).administration.map(|a| a.code);
        match &student.wished_administration {
            Some(wished) => {
                let truth = admins.recognize(wished).administration.map(|a| a.code);
                assert!(truth.is_some(), "{wished:?}");
                assert_eq!(found, truth, "{written:?}");
            }
            // Left blank, or "Sans préférence".
            None => assert_eq!(found, None, "{written:?}"),
        }
    }

    let ambassadors = demo::ambassadors_sheet(&people);
    let header = &ambassadors.sheet.rows[ambassadors.header_row];
    let job_column = column(header, "Quel est votre métier ?");
    let admin_column = column(header, "Administration ou ministère de rattachement");
    for (ambassador, &row) in people.ambassadors.iter().zip(&ambassadors.rows) {
        let cells = &ambassadors.sheet.rows[row];
        let written = cells[job_column].display();
        assert_eq!(
            jobs.recognize(&written).job.map(|j| j.label),
            ambassador.job.as_deref(),
            "{written:?}"
        );
        let written = cells[admin_column].display();
        let truth = ambassador.administration.as_deref().unwrap_or("");
        let truth = admins.recognize(truth).administration.map(|a| a.code);
        assert!(truth.is_some(), "{:?}", ambassador.administration);
        assert_eq!(
            admins.recognize(&written).administration.map(|a| a.code),
            truth,
            "{written:?}"
        );
    }
}

/// Every name of every entry, with what it is, for the ambiguity checks.
fn names<'a>(
    entries: impl Iterator<Item = (&'a str, Vec<(&'a str, &'a str)>)>,
) -> Vec<(&'a str, &'a str, &'a str)> {
    entries
        .flat_map(|(code, names)| {
            names
                .into_iter()
                .map(move |(kind, name)| (code, kind, name))
        })
        .collect()
}

/// How a name of the table is recognised: a synonym as a synonym, unless it reads like the code.
fn expected_recognition(code: &str, kind: &str, name: &str) -> Recognition {
    if kind == "synonyme" && label_key(name) != label_key(code) {
        Recognition::Synonym
    } else {
        Recognition::Exact
    }
}

/// No key names two entries, and no synonym repeats (by key) another name of its own entry.
fn assert_unambiguous(table: &str, names: &[(&str, &str, &str)]) {
    let mut owner: HashMap<String, (&str, &str, &str)> = HashMap::new();
    let mut problems: Vec<String> = Vec::new();
    for &(code, kind, name) in names {
        let key = label_key(name);
        if key.is_empty() {
            problems.push(format!("{code} : {kind} « {name} » sans clé"));
            continue;
        }
        match owner.get(&key) {
            None => {
                owner.insert(key, (code, kind, name));
            }
            Some(&(other, _, other_name)) if other != code => problems.push(format!(
                "« {name} » ({code}) et « {other_name} » ({other}) ont la même clé « {key} »"
            )),
            // A code may read like a name ("rssi", "justice"): codes are not what people see. A
            // synonym that repeats a label, an acronym or another synonym adds nothing.
            Some(&(_, other_kind, other_name)) if kind == "synonyme" && other_kind != "code" => {
                problems.push(format!(
                    "{code} : synonyme « {name} » redondant avec « {other_name} »"
                ))
            }
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{table} :\n{}", problems.join("\n"));
}

#[test]
fn no_two_metiers_share_a_name() {
    let jobs = Jobs::get();
    assert!(jobs.all().len() >= 20);
    let names = names(jobs.all().iter().map(|j| {
        let mut names = vec![("libellé", j.label), ("code", j.code)];
        names.extend(j.synonyms.iter().map(|s| ("synonyme", *s)));
        (j.code, names)
    }));
    assert_unambiguous("metiers.tsv", &names);
    // Each name leads back to its métier, and the key of a key is itself.
    for &(code, kind, name) in &names {
        let found = jobs.recognize(name);
        assert_eq!(found.job.map(|j| j.code), Some(code), "{name:?}");
        let expected = expected_recognition(code, kind, name);
        assert_eq!(found.how, expected, "{name:?}");
        let key = label_key(name);
        assert_eq!(label_key(&key), key, "{name:?}");
    }
}

#[test]
fn no_two_administrations_share_a_name() {
    let admins = Administrations::get();
    assert!(admins.all().len() >= 25);
    let names = names(admins.all().iter().map(|a| {
        let mut names = vec![("libellé", a.label), ("code", a.code)];
        names.extend(a.acronym.map(|s| ("sigle", s)));
        names.extend(a.synonyms.iter().map(|s| ("synonyme", *s)));
        (a.code, names)
    }));
    assert_unambiguous("administrations.tsv", &names);
    for &(code, kind, name) in &names {
        let found = admins.recognize(name);
        assert_eq!(found.administration.map(|a| a.code), Some(code), "{name:?}");
        let expected = expected_recognition(code, kind, name);
        assert_eq!(found.how, expected, "{name:?}");
        let key = label_key(name);
        assert_eq!(label_key(&key), key, "{name:?}");
    }
}

#[test]
fn a_synonym_the_organiser_taught_is_listed_and_can_be_undone() {
    use binome::actions;
    use binome::model::SynonymKind;
    let dir = tempfile::tempdir().unwrap();
    let mut store = binome::Store::open(&dir.path().join("b.sqlite3")).unwrap();
    actions::import::remember_synonym(
        &mut store,
        SynonymKind::Job,
        "Luthier numérique",
        "concepteur-developpeur",
    )
    .unwrap();
    let learned = actions::referentials::learned_synonyms(&store).unwrap();
    assert_eq!(learned.len(), 1);
    assert_eq!(
        (learned[0].key.as_str(), learned[0].label.as_str()),
        ("luthier numerique", "Concepteur-développeur")
    );
    let remembered = store.remembered(binome::model::Role::Student).unwrap();
    assert!(binome::referentials::Jobs::get()
        .recognize_with("Luthier numérique", &remembered.jobs)
        .job
        .is_some());
    actions::referentials::forget_synonym(&mut store, SynonymKind::Job, &learned[0].key).unwrap();
    assert!(actions::referentials::learned_synonyms(&store)
        .unwrap()
        .is_empty());
    let remembered = store.remembered(binome::model::Role::Student).unwrap();
    assert!(binome::referentials::Jobs::get()
        .recognize_with("Luthier numérique", &remembered.jobs)
        .job
        .is_none());
}
