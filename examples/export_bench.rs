//! Export benchmark driver (`bench/export.sh` runs it and Python XlsxWriter on the same rows):
//! `export_bench N ROWS.json OUT.xlsx` builds N pairs from generated people, writes the rows of
//! the `Binômes` sheet to ROWS.json for the peer, then writes the workbook and prints its time.
use std::time::Instant;

use binome::export::{write_workbook, ExportData, ExportOptions, PairRow};
use binome::model::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args[1].parse().expect("N");
    let people = binome::demo::generate_people(
        5,
        binome::demo::DemoSize {
            students: n,
            ambassadors: n,
        },
    );
    let pairs: Vec<Pair> = (0..n)
        .map(|i| Pair {
            id: PairId(i as i64),
            edition_id: EditionId(1),
            student_id: StudentId(i as i64),
            ambassador_id: AmbassadorId(i as i64),
            status: PairStatus::Proposed,
            origin: PairOrigin::Suggested,
            locked: false,
            note: None,
            agreed_date: Some("2026-11-24".into()),
        })
        .collect();
    let rules = binome::suggest::Rules::default();
    let rows: Vec<PairRow> = (0..n)
        .map(|i| PairRow {
            pair: &pairs[i],
            student: &people.students[i],
            ambassador: &people.ambassadors[i],
            score: 130,
            reasons: vec![
                "métier souhaité n°1 : Data scientist".into(),
                "même département, Rhône (69)".into(),
            ],
        })
        .collect();
    // The same cells for the peer, as JSON rows of strings.
    let json: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let (s, a) = (&r.student.identity, &r.ambassador.identity);
            vec![
                "proposé".into(),
                s.civility.clone().unwrap_or_default(),
                s.last_name.clone(),
                s.first_name.clone(),
                s.email.clone().unwrap_or_default(),
                s.phone.clone().unwrap_or_default(),
                r.student.school.clone().unwrap_or_default(),
                r.student.level.clone().unwrap_or_default(),
                r.student.curriculum.clone().unwrap_or_default(),
                r.student.place.commune.clone().unwrap_or_default(),
                r.student.place.postal_code.clone().unwrap_or_default(),
                r.student.place.departement.clone().unwrap_or_default(),
                r.student.wished_jobs.join(" ; "),
                a.civility.clone().unwrap_or_default(),
                a.last_name.clone(),
                a.first_name.clone(),
                a.email.clone().unwrap_or_default(),
                a.phone.clone().unwrap_or_default(),
                r.ambassador.job.clone().unwrap_or_default(),
                r.ambassador.job_title.clone().unwrap_or_default(),
                r.ambassador.administration.clone().unwrap_or_default(),
                r.ambassador.structure_type.clone().unwrap_or_default(),
                r.ambassador.service.clone().unwrap_or_default(),
                r.ambassador.place.commune.clone().unwrap_or_default(),
                r.ambassador.place.postal_code.clone().unwrap_or_default(),
                r.ambassador.place.departement.clone().unwrap_or_default(),
                "130".into(),
                r.reasons.join(" ; "),
                "non".into(),
                "2026-11-24".into(),
                String::new(),
            ]
        })
        .collect();
    std::fs::write(&args[2], serde_json::to_vec(&json).expect("json")).expect("write rows");
    let data = ExportData {
        edition_name: "Banc d'essai".into(),
        event_date: Some("2026-11-24".into()),
        rules: &rules,
        pairs: rows,
        unpaired: vec![],
        open_ambassadors: vec![],
        students_total: n,
        students_excluded: 0,
        ambassadors_total: n,
        options: ExportOptions::default(),
        season: None,
    };
    let start = Instant::now();
    write_workbook(&data, std::path::Path::new(&args[3])).expect("workbook");
    println!("{:.3}", start.elapsed().as_secs_f64());
}
