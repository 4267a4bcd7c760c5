//! Generating the demo people and laying them out as the two kinds of sign-up sheet.

use std::collections::HashSet;

use fastrand::Rng;
use unicode_normalization::UnicodeNormalization;

use super::data::{self, Commune};
use super::sheet::{serial, Cell, Merge, Sheet};
use super::DemoSize;
use crate::model::{
    Ambassador, AmbassadorId, EditionId, Identity, Mobility, Place, Student, StudentId,
};

/// The generated people — the truth — and each one's row as the sign-up sheet shows it.
pub struct DemoPeople {
    pub students: Vec<Student>,
    pub ambassadors: Vec<Ambassador>,
    student_rows: Vec<Vec<Cell>>,
    ambassador_rows: Vec<Vec<Cell>>,
}

impl DemoPeople {
    /// The people numbered from 1, as a store would number them: to suggest pairs among them
    /// without a store (tests, benchmarks).
    pub fn numbered(self) -> (Vec<Student>, Vec<Ambassador>) {
        let (mut students, mut ambassadors) = (self.students, self.ambassadors);
        for (i, s) in students.iter_mut().enumerate() {
            s.id = StudentId(i as i64 + 1);
        }
        for (i, a) in ambassadors.iter_mut().enumerate() {
            a.id = AmbassadorId(i as i64 + 1);
        }
        (students, ambassadors)
    }
}

/// The students' démarches simplifiées workbook; `rows[i]` is the 0-based sheet row of student i
/// in `sheets[0]` (`Dossiers`).
pub struct StudentsWorkbook {
    pub sheets: Vec<Sheet>,
    pub rows: Vec<usize>,
}

/// The ambassadors' reworked Sphinx sheet; `rows[i]` is the 0-based row of ambassador i.
pub struct AmbassadorsSheet {
    pub sheet: Sheet,
    pub header_row: usize,
    pub rows: Vec<usize>,
}

pub const STUDENT_HEADERS: &[&str] = &[
    "ID",
    "Email",
    "FranceConnect ?",
    "Civilité",
    "Nom",
    "Prénom",
    "Dépôt pour un tiers",
    "Nom du mandataire",
    "Prénom du mandataire",
    "Archivé",
    "État du dossier",
    "Dernière mise à jour le",
    "Déposé le",
    "Passé en instruction le",
    "Traité le",
    "Motivation de la décision",
    "Instructeurs",
    "Numéro de téléphone",
    "Établissement d'enseignement",
    "Niveau d'études",
    "Intitulé de votre formation",
    "Commune de votre lieu de résidence",
    "Commune de votre lieu de résidence (Code INSEE)",
    "Commune de votre lieu de résidence (Département)",
    "Code postal de votre lieu de résidence",
    "Métier que vous souhaitez découvrir (1er choix)",
    "Métier que vous souhaitez découvrir (2e choix)",
    "Métier que vous souhaitez découvrir (3e choix)",
    "Administration que vous souhaiteriez découvrir",
    "Mobilité géographique",
    "Villes où vous pourriez vous rendre",
    "Avez-vous des remarques ou contraintes particulières ?",
];

pub const AMBASSADOR_HEADERS: &[&str] = &[
    "N°",
    "Civilité",
    "NOM",
    "Prénom",
    "Adresse électronique professionnelle",
    "Téléphone professionnel",
    "Quel est votre métier ?",
    "Intitulé exact de votre poste",
    "Administration ou ministère de rattachement",
    "Type de structure",
    "Service / direction",
    "Code postal de votre lieu de travail",
    "Ville de votre lieu de travail",
    "Combien d'étudiants pouvez-vous accueillir ?",
    "Date de réponse",
    "Remarques",
    "Niveau d'études souhaité",
];

const AMBASSADOR_SERVICE_COL: u16 = 10;
const AMBASSADOR_CAPACITY_COL: usize = 13;

/// Comments that start like a formula: they must stay text all the way to the export.
const FORMULA_LIKE_COMMENTS: &[&str] = &[
    "=) Très motivée pour découvrir la data !",
    "+33 6 12 34 56 78 : joignable le soir",
    "- disponible seulement l'après-midi",
    "@moi sur LinkedIn si besoin",
];

/// Makes the people of a demo edition. Same seed and size, same people.
pub fn generate_people(seed: u64, size: DemoSize) -> DemoPeople {
    let mut rng = Rng::with_seed(seed);
    let mut emails = HashSet::new();
    let mut people = DemoPeople {
        students: Vec::with_capacity(size.students),
        ambassadors: Vec::with_capacity(size.ambassadors),
        student_rows: Vec::with_capacity(size.students),
        ambassador_rows: Vec::with_capacity(size.ambassadors),
    };
    for i in 0..size.students {
        let (student, row) = student(&mut rng, &mut emails, i);
        people.students.push(student);
        people.student_rows.push(row);
    }
    for i in 0..size.ambassadors {
        let (ambassador, row) = ambassador(&mut rng, &mut emails, i);
        people.ambassadors.push(ambassador);
        people.ambassador_rows.push(row);
    }
    people
}

fn student(rng: &mut Rng, emails: &mut HashSet<String>, i: usize) -> (Student, Vec<Cell>) {
    let (civility, first) = person_name(rng);
    let last = pick(rng, data::LAST_NAMES);
    // One sign-up in forty was reworked by hand and lost its e-mail.
    let email = (i % 40 != 17).then(|| unique_email(emails, first, last, "etu.example"));
    let phone = phone(rng, i);
    let commune = pick_commune(rng, false);
    let school = pick(rng, data::SCHOOLS);
    let (level, curriculum) = pick(rng, data::CURRICULA);
    let jobs = distinct_jobs(rng, 3);
    let admin_wish = (rng.u32(0..100) < 55).then(|| pick(rng, data::ADMINISTRATIONS));
    let mobility_answer = weighted(rng, data::MOBILITY_ANSWERS);
    let state = weighted(rng, data::APPLICATION_STATES);
    let deposited_day = time::macros::date!(2026 - 09 - 15) + time::Duration::days(rng.i64(0..46));
    let deposited = serial(deposited_day, rng.u8(7..23), rng.u8(0..60));
    let instructed = (state != "en_construction").then(|| deposited + f64::from(rng.u32(1..8)));
    let processed = matches!(state, "accepte" | "refuse" | "sans_suite")
        .then(|| instructed.unwrap_or(deposited) + f64::from(rng.u32(1..6)));
    let comment = match i {
        20..=23 => FORMULA_LIKE_COMMENTS[i - 20].to_string(),
        _ if rng.u32(0..100) < 8 => {
            "Je souhaiterais un ambassadeur proche des transports en commun.".to_string()
        }
        _ => String::new(),
    };
    let mobility = match mobility_answer {
        "Dans mon département uniquement" => Mobility::Departement,
        "Dans ma région" => Mobility::Region,
        "Partout en France" => Mobility::National,
        _ => Mobility::Unspecified,
    };
    let cities = match mobility {
        Mobility::National if rng.bool() => "Paris; Lyon".to_string(),
        Mobility::Region if rng.u32(0..4) == 0 => {
            format!("{}; {}", commune.name, pick_commune(rng, false).name)
        }
        _ => String::new(),
    };

    let truth = Student {
        id: StudentId(0),
        edition_id: EditionId(0),
        identity: Identity {
            civility: Some(civility.to_string()),
            last_name: last.to_string(),
            first_name: first.to_string(),
            email: email.clone(),
            phone: Some(phone.clone()),
        },
        place: place_of(commune),
        school: Some(school.to_string()),
        level: Some(level.to_string()),
        curriculum: Some(curriculum.to_string()),
        wished_jobs: jobs
            .iter()
            .map(|(canonical, _)| canonical.to_string())
            .collect(),
        wished_administration: admin_wish.map(|(canonical, _)| canonical.to_string()),
        mobility,
        application_state: Some(state.to_string()),
        comments: crate::text::clean_opt(&comment),
        source_row: None,
    };

    let written_jobs: Vec<String> = jobs
        .iter()
        .map(|(canonical, variants)| {
            if rng.u32(0..100) < 12 {
                pick(rng, variants).to_string()
            } else {
                canonical.to_string()
            }
        })
        .collect();
    let row = vec![
        Cell::Number(f64::from(14_520_000 + i as u32 * 7 + rng.u32(0..7))),
        Cell::text(
            email
                .as_deref()
                .map(|e| messy_email(e, i))
                .unwrap_or_default(),
        ),
        Cell::text(if rng.u32(0..10) < 3 { "true" } else { "false" }),
        Cell::text(civility),
        Cell::text(messy_name(last, i)),
        Cell::text(messy_name(first, i + 1)),
        Cell::text("false"),
        Cell::Empty,
        Cell::Empty,
        Cell::text("false"),
        Cell::text(state),
        Cell::DateTime(processed.or(instructed).unwrap_or(deposited)),
        Cell::DateTime(deposited),
        match instructed {
            // A few dates lost their format in a reworked copy: bare serial numbers.
            Some(day) if i.is_multiple_of(5) => Cell::Serial(day),
            Some(day) => Cell::DateTime(day),
            None => Cell::Empty,
        },
        processed.map(Cell::DateTime).unwrap_or(Cell::Empty),
        Cell::text(if state == "refuse" {
            "Formation hors du champ du numérique."
        } else {
            ""
        }),
        Cell::text(pick(rng, data::INSTRUCTORS)),
        Cell::text(phone),
        Cell::text(school),
        Cell::text(level),
        Cell::text(curriculum),
        Cell::text(messy_name(commune.name, i + 2)),
        Cell::text(commune.insee),
        Cell::text(format!("{} – {}", commune.dep, commune.dep_name)),
        postal_code_cell(commune.postal_code, i),
        Cell::text(written_jobs[0].clone()),
        Cell::text(written_jobs[1].clone()),
        Cell::text(written_jobs[2].clone()),
        Cell::text(match admin_wish {
            Some((_, short)) => pick(rng, short).to_string(),
            None if rng.bool() => "Sans préférence".to_string(),
            None => String::new(),
        }),
        Cell::text(mobility_answer),
        Cell::text(cities),
        Cell::text(comment),
    ];
    (truth, row)
}

fn ambassador(rng: &mut Rng, emails: &mut HashSet<String>, i: usize) -> (Ambassador, Vec<Cell>) {
    let (civility, first) = person_name(rng);
    let last = pick(rng, data::LAST_NAMES);
    let (admin, _) = pick(rng, data::ADMINISTRATIONS);
    let domain = format!("{}.example", admin_domain(admin));
    let email = unique_email(emails, first, last, &domain);
    let phone = phone(rng, i + 3);
    let commune = pick_commune(rng, true);
    let (job, variants) = pick(rng, data::JOBS);
    let written_job = if rng.u32(0..100) < 40 {
        pick(rng, variants)
    } else {
        job
    };
    let service = pick(rng, data::SERVICES);
    let structure = pick(rng, data::STRUCTURE_TYPES);
    let capacity_answer: Option<u32> = match rng.u32(0..100) {
        0..=59 => Some(1),
        60..=81 => Some(2),
        82..=89 => Some(3),
        90..=96 => None, // left blank: means one student
        _ => Some(0),    // cannot host this year
    };
    let answered = time::macros::date!(2026 - 09 - 01) + time::Duration::days(rng.i64(0..60));
    let remark = match rng.u32(0..100) {
        0..=5 => "Ne peut pas se libérer le jour J : proposer une autre date en décembre.",
        6..=9 => "Télétravail le vendredi.",
        _ => "",
    };
    // Some say which students they would rather host, as people answer (not drawn from `rng`,
    // so the rest of the demo stays what it was).
    let (level_answer, preferred_levels): (&str, &[&str]) = match i % 10 {
        0 => ("Master", &["Bac+4", "Bac+5"]),
        5 => ("Bac+4, Bac+5", &["Bac+4", "Bac+5"]),
        2 | 7 => ("Licence", &["Bac+3"]),
        4 => ("Indifférent", &[]),
        _ => ("", &[]),
    };

    let truth = Ambassador {
        id: AmbassadorId(0),
        edition_id: EditionId(0),
        identity: Identity {
            civility: Some(civility.to_string()),
            last_name: last.to_string(),
            first_name: first.to_string(),
            email: Some(email.clone()),
            phone: Some(phone.clone()),
        },
        place: place_of(commune),
        job: Some(job.to_string()),
        job_title: Some(format!("{job} – {service}")),
        administration: Some(admin.to_string()),
        structure_type: Some(structure.to_string()),
        service: Some(service.to_string()),
        capacity: capacity_answer.unwrap_or(1),
        preferred_levels: preferred_levels.iter().map(|l| l.to_string()).collect(),
        comments: crate::text::clean_opt(remark),
        source_row: None,
    };
    let row = vec![
        Cell::Number(i as f64 + 1.0),
        Cell::text(civility),
        // Sphinx reworked by hand: surnames in capitals.
        Cell::text(last.to_uppercase()),
        Cell::text(first),
        Cell::text(messy_email(&email, i + 3)),
        Cell::text(phone),
        Cell::text(written_job),
        Cell::text(format!("{job} – {service}")),
        Cell::text(admin),
        Cell::text(structure),
        Cell::text(service),
        postal_code_cell(commune.postal_code, i + 1),
        Cell::text(commune.name),
        capacity_answer.map_or(Cell::Empty, |n| Cell::Number(f64::from(n))),
        Cell::DateTime(serial(answered, rng.u8(8..19), rng.u8(0..60))),
        Cell::text(remark),
        Cell::text(level_answer),
    ];
    (truth, row)
}

/// Lays the students out as a démarches simplifiées export, with one applicant who applied twice.
pub fn students_workbook(people: &DemoPeople) -> StudentsWorkbook {
    let mut rows = vec![STUDENT_HEADERS
        .iter()
        .map(|h| Cell::text(*h))
        .collect::<Vec<_>>()];
    let mut positions = Vec::with_capacity(people.student_rows.len());
    for row in &people.student_rows {
        positions.push(rows.len());
        rows.push(row.clone());
    }
    // The same person twice: a second application, e-mail typed in capitals, deposited later.
    if let Some(first) = people.student_rows.get(10) {
        let mut again = first.clone();
        if let Cell::Text(email) = &again[1] {
            again[1] = Cell::Text(email.to_uppercase());
        }
        again[0] = Cell::Number(14_529_999.0);
        if let Cell::DateTime(day) = again[12] {
            again[12] = Cell::DateTime(day + 3.0);
        }
        again[10] = Cell::text("en_construction");
        rows.push(again);
    }
    let ids: Vec<Cell> = people.student_rows.iter().map(|r| r[0].clone()).collect();
    let avis_rows = vec![
        [
            "Dossier ID",
            "Introduction",
            "Réponse",
            "Question",
            "Réponse à la question",
            "Créé le",
            "Répondu le",
            "Instructeur",
            "Expert",
        ]
        .iter()
        .map(|h| Cell::text(*h))
        .collect(),
        avis(
            &ids,
            3,
            "Merci de vérifier l'établissement.",
            "Établissement vérifié.",
        ),
        avis(
            &ids,
            8,
            "Le niveau d'études est-il suffisant ?",
            "Oui, alternance en cours.",
        ),
    ];
    StudentsWorkbook {
        sheets: vec![
            Sheet {
                name: "Dossiers".into(),
                rows,
                merges: vec![],
                column_width: 22.0,
            },
            Sheet {
                name: "Etablissements".into(),
                rows: vec![[
                    "Dossier ID",
                    "Champ",
                    "Établissement SIRET",
                    "Établissement siège social",
                    "Établissement NAF",
                    "Établissement libellé NAF",
                    "Établissement Adresse",
                ]
                .iter()
                .map(|h| Cell::text(*h))
                .collect()],
                merges: vec![],
                column_width: 22.0,
            },
            Sheet {
                name: "Avis".into(),
                rows: avis_rows,
                merges: vec![],
                column_width: 22.0,
            },
        ],
        rows: positions,
    }
}

fn avis(ids: &[Cell], index: usize, question: &str, answer: &str) -> Vec<Cell> {
    vec![
        ids.get(index).cloned().unwrap_or(Cell::Empty),
        Cell::text(question),
        Cell::text(answer),
        Cell::Empty,
        Cell::Empty,
        Cell::DateTime(serial(time::macros::date!(2026 - 10 - 20), 10, 0)),
        Cell::DateTime(serial(time::macros::date!(2026 - 10 - 21), 16, 30)),
        Cell::text(data::INSTRUCTORS[0]),
        Cell::text("expertise.numerique@numerique.example"),
    ]
}

/// Lays the ambassadors out as a Sphinx export reworked by an organiser: two title rows merged
/// across the table, a blank row, the header on row 4, a blank row in the data, a service cell
/// merged over two people of the same service, and a totals row with a formula.
pub fn ambassadors_sheet(people: &DemoPeople) -> AmbassadorsSheet {
    let width = AMBASSADOR_HEADERS.len() as u16;
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![Cell::text(
            "Vis mon job 2026 — inscriptions des ambassadeurs",
        )],
        vec![Cell::text(
            "Export Sphinx du 31/10/2026, retravaillé par l'équipe DINUM",
        )],
        vec![],
        AMBASSADOR_HEADERS.iter().map(|h| Cell::text(*h)).collect(),
    ];
    let mut merges = vec![
        Merge {
            first_row: 0,
            first_col: 0,
            last_row: 0,
            last_col: width - 1,
        },
        Merge {
            first_row: 1,
            first_col: 0,
            last_row: 1,
            last_col: width - 1,
        },
    ];
    let header_row = 3;
    let mut positions = Vec::with_capacity(people.ambassador_rows.len());
    let blank_after = people.ambassador_rows.len() / 3;
    for (i, row) in people.ambassador_rows.iter().enumerate() {
        if i == blank_after && i > 0 {
            rows.push(vec![]);
        }
        positions.push(rows.len());
        rows.push(row.clone());
    }
    // Two neighbours of the same service: the organiser merged their service cells.
    if let [.., a, b] = positions[..positions.len().min(6)] {
        let service = people.ambassadors[positions.iter().position(|p| *p == a).unwrap_or(0)]
            .service
            .clone()
            .unwrap_or_default();
        rows[a][AMBASSADOR_SERVICE_COL as usize] = Cell::text(service);
        rows[b][AMBASSADOR_SERVICE_COL as usize] = Cell::Empty;
        merges.push(Merge {
            first_row: a as u32,
            first_col: AMBASSADOR_SERVICE_COL,
            last_row: b as u32,
            last_col: AMBASSADOR_SERVICE_COL,
        });
    }
    // A blank line, then the organiser's totals row.
    rows.push(vec![]);
    let first = positions.first().map_or(header_row + 2, |p| p + 1);
    let last = positions.last().map_or(first, |p| p + 1);
    let total: f64 = people
        .ambassador_rows
        .iter()
        .filter_map(|r| match r[AMBASSADOR_CAPACITY_COL] {
            Cell::Number(n) => Some(n),
            _ => None,
        })
        .sum();
    let mut totals = vec![Cell::text("TOTAL")];
    totals.resize(AMBASSADOR_CAPACITY_COL, Cell::Empty);
    totals.push(Cell::Formula {
        formula: format!("=SUM(N{first}:N{last})"),
        value: total,
    });
    rows.push(totals);
    AmbassadorsSheet {
        sheet: Sheet {
            name: "Réponses".into(),
            rows,
            merges,
            column_width: 24.0,
        },
        header_row,
        rows: positions,
    }
}

fn person_name(rng: &mut Rng) -> (&'static str, &'static str) {
    if rng.bool() {
        ("Mme", pick(rng, data::FIRST_NAMES_F))
    } else {
        ("M.", pick(rng, data::FIRST_NAMES_M))
    }
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(0..items.len())]
}

/// Picks from `(value, weight per thousand)` pairs.
fn weighted(rng: &mut Rng, items: &[(&'static str, u32)]) -> &'static str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut draw = rng.u32(0..total);
    for (value, weight) in items {
        if draw < *weight {
            return value;
        }
        draw -= weight;
    }
    items[items.len() - 1].0
}

fn pick_commune(rng: &mut Rng, ambassador: bool) -> &'static Commune {
    // Ambassadors work mostly where administrations are: Île-de-France weighs more.
    let weight = |c: &Commune| {
        if ambassador && c.region == "Île-de-France" {
            c.weight * 3
        } else {
            c.weight
        }
    };
    let total: u32 = data::COMMUNES.iter().map(weight).sum();
    let mut draw = rng.u32(0..total);
    for commune in data::COMMUNES {
        if draw < weight(commune) {
            return commune;
        }
        draw -= weight(commune);
    }
    &data::COMMUNES[0]
}

fn distinct_jobs(rng: &mut Rng, n: usize) -> Vec<(&'static str, &'static [&'static str])> {
    let mut picked: Vec<(&str, &[&str])> = Vec::with_capacity(n);
    while picked.len() < n {
        let job = pick(rng, data::JOBS);
        if !picked.iter().any(|p| p.0 == job.0) {
            picked.push(job);
        }
    }
    picked
}

fn place_of(commune: &Commune) -> Place {
    Place {
        postal_code: Some(commune.postal_code.to_string()),
        commune: Some(commune.name.to_string()),
        insee_code: Some(commune.insee.to_string()),
        departement: Some(commune.dep.to_string()),
    }
}

fn ascii_slug(value: &str) -> String {
    value
        .nfd()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase()
}

fn unique_email(taken: &mut HashSet<String>, first: &str, last: &str, domain: &str) -> String {
    let base = format!("{}.{}", ascii_slug(first), ascii_slug(last));
    let email = (1..)
        .map(|n| match n {
            1 => format!("{base}@{domain}"),
            n => format!("{base}{n}@{domain}"),
        })
        .find(|e| !taken.contains(e))
        .expect("an unbounded range always yields a free address");
    taken.insert(email.clone());
    email
}

fn admin_domain(admin: &str) -> String {
    let word = admin
        .trim_start_matches("Ministère ")
        .trim_start_matches("de la ")
        .trim_start_matches("de l'")
        .trim_start_matches("des ")
        .trim_start_matches("du ");
    ascii_slug(
        word.split([' ', ',', '('])
            .next()
            .unwrap_or("administration"),
    )
}

/// Phone numbers as people type them.
fn phone(rng: &mut Rng, i: usize) -> String {
    let digits: Vec<u8> = (0..8).map(|_| rng.u8(0..10)).collect();
    let d = |k: usize| digits[k];
    match i % 4 {
        0 => format!(
            "06 {}{} {}{} {}{} {}{}",
            d(0),
            d(1),
            d(2),
            d(3),
            d(4),
            d(5),
            d(6),
            d(7)
        ),
        1 => format!(
            "07{}{}{}{}{}{}{}{}",
            d(0),
            d(1),
            d(2),
            d(3),
            d(4),
            d(5),
            d(6),
            d(7)
        ),
        2 => format!(
            "+33 6 {}{} {}{} {}{} {}{}",
            d(0),
            d(1),
            d(2),
            d(3),
            d(4),
            d(5),
            d(6),
            d(7)
        ),
        _ => format!(
            "01.{}{}.{}{}.{}{}.{}{}",
            d(0),
            d(1),
            d(2),
            d(3),
            d(4),
            d(5),
            d(6),
            d(7)
        ),
    }
}

/// Names as they arrive: now and then with stray spaces, or with decomposed accents (NFD).
fn messy_name(name: &str, i: usize) -> String {
    match i % 13 {
        2 => format!("  {name} "),
        5 => name.nfd().collect(),
        _ => name.to_string(),
    }
}

/// E-mails as they arrive: now and then capitalised, or with a trailing space.
fn messy_email(email: &str, i: usize) -> String {
    match i % 9 {
        4 => {
            let mut chars = email.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
        7 => format!("{email} "),
        _ => email.to_string(),
    }
}

/// Postal codes: text as the form gives them, but in a reworked copy some became numbers,
/// which loses the leading zero (`01000` → `1000`).
fn postal_code_cell(code: &str, i: usize) -> Cell {
    let as_number = code.starts_with('0') && i.is_multiple_of(2) || i % 7 == 3;
    match code.parse::<u32>() {
        Ok(n) if as_number => Cell::Number(f64::from(n)),
        _ => Cell::text(code),
    }
}
