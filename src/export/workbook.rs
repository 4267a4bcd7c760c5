//! The workbook itself, sheet by sheet, with rust_xlsxwriter.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::ExportData;
use crate::model::{Identity, Mobility, Place};

/// A cell to write.
enum Out {
    Text(String),
    Number(f64),
    /// ISO 8601 date, written as a real Excel date.
    Date(String),
}

fn text(value: impl Into<String>) -> Out {
    Out::Text(value.into())
}

fn opt(value: &Option<String>) -> Out {
    Out::Text(value.clone().unwrap_or_default())
}

use crate::text::looks_like_formula;

struct Sheet<'w> {
    sheet: &'w mut Worksheet,
    row: u32,
    widths: Vec<usize>,
}

impl<'w> Sheet<'w> {
    fn new(
        workbook: &'w mut Workbook,
        name: &str,
        headers: &[&str],
    ) -> Result<Sheet<'w>, XlsxError> {
        // Rows are written in order and flushed to a temporary file as they go: 50,000 pairs
        // take no more memory than 50.
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        let bold = Format::new().set_bold().set_text_wrap();
        for (col, header) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *header, &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(Sheet {
            sheet,
            row: 1,
            widths: headers.iter().map(|h| h.chars().count().min(30)).collect(),
        })
    }

    fn write(&mut self, cells: Vec<Out>) -> Result<(), XlsxError> {
        let quoted = Format::new().set_quote_prefix();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        for (col, cell) in cells.into_iter().enumerate() {
            let c = col as u16;
            let width = match &cell {
                Out::Text(t) if t.is_empty() => 0,
                Out::Text(t) if looks_like_formula(t) => {
                    self.sheet
                        .write_string_with_format(self.row, c, t, &quoted)?;
                    t.chars().count()
                }
                Out::Text(t) => {
                    self.sheet.write_string(self.row, c, t)?;
                    t.chars().count()
                }
                Out::Number(n) => {
                    self.sheet.write_number(self.row, c, *n)?;
                    6
                }
                Out::Date(iso) => {
                    match ExcelDateTime::parse_from_str(iso) {
                        Ok(d) => self
                            .sheet
                            .write_datetime_with_format(self.row, c, &d, &date)?,
                        Err(_) => self.sheet.write_string(self.row, c, iso)?,
                    };
                    10
                }
            };
            if let Some(w) = self.widths.get_mut(col) {
                *w = (*w).max(width);
            }
        }
        self.row += 1;
        Ok(())
    }

    fn finish(self) -> Result<(), XlsxError> {
        let columns = self.widths.len() as u16;
        if columns > 0 {
            self.sheet
                .autofilter(0, 0, self.row.saturating_sub(1).max(1), columns - 1)?;
        }
        for (col, width) in self.widths.iter().enumerate() {
            self.sheet
                .set_column_width(col as u16, (*width as f64 + 2.0).clamp(8.0, 60.0))?;
        }
        Ok(())
    }
}

fn person(who: &Identity, with_phone: bool) -> Vec<Out> {
    let mut cells = vec![
        opt(&who.civility),
        text(&who.last_name),
        text(&who.first_name),
        opt(&who.email),
    ];
    if with_phone {
        cells.push(opt(&who.phone));
    }
    cells
}

fn place(place: &Place) -> Vec<Out> {
    vec![
        opt(&place.commune),
        opt(&place.postal_code),
        opt(&place.departement),
    ]
}

fn mobility(m: Mobility) -> &'static str {
    match m {
        Mobility::Departement => "dans son département",
        Mobility::Region => "dans sa région",
        Mobility::National => "partout en France",
        Mobility::Unspecified => "non précisée",
    }
}

/// Header names with or without the phone column, keeping the order.
fn headers<'a>(all: &[&'a str], minimal: bool) -> Vec<&'a str> {
    all.iter()
        .copied()
        .filter(|h| !(minimal && h.starts_with("Téléphone")))
        .collect()
}

pub(super) fn write(data: &ExportData, path: &std::path::Path) -> Result<(), XlsxError> {
    let with_phone = !data.options.minimal;
    let mut workbook = Workbook::new();
    // Rows waiting to be zipped go beside the export (where the organiser chose to put personal
    // data), not to the system's shared temporary folder.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        workbook.set_tempdir(dir)?;
    }
    workbook.set_properties(
        &DocProperties::new().set_title(format!("Binômes — {}", data.edition_name)),
    );

    let pair_headers = headers(
        &[
            "Statut",
            "Civilité étudiant",
            "Nom étudiant",
            "Prénom étudiant",
            "Email étudiant",
            "Téléphone étudiant",
            "École",
            "Niveau",
            "Formation",
            "Commune étudiant",
            "Code postal étudiant",
            "Département étudiant",
            "Métiers souhaités",
            "Civilité ambassadeur",
            "Nom ambassadeur",
            "Prénom ambassadeur",
            "Email ambassadeur",
            "Téléphone ambassadeur",
            "Métier",
            "Poste",
            "Administration",
            "Type de structure",
            "Service",
            "Commune ambassadeur",
            "Code postal ambassadeur",
            "Département ambassadeur",
            "Score",
            "Ce qui correspond",
            "Verrouillé",
            "Date convenue",
            "Note",
        ],
        data.options.minimal,
    );
    let mut sheet = Sheet::new(&mut workbook, "Binômes", &pair_headers)?;
    for row in &data.pairs {
        let (s, a) = (row.student, row.ambassador);
        let mut cells = vec![text(row.pair.status.label_fr())];
        cells.extend(person(&s.identity, with_phone));
        cells.extend([opt(&s.school), opt(&s.level), opt(&s.curriculum)]);
        cells.extend(place(&s.place));
        cells.push(text(s.wished_jobs.join(" ; ")));
        cells.extend(person(&a.identity, with_phone));
        cells.extend([
            opt(&a.job),
            opt(&a.job_title),
            opt(&a.administration),
            opt(&a.structure_type),
            opt(&a.service),
        ]);
        cells.extend(place(&a.place));
        cells.push(Out::Number(f64::from(row.score)));
        cells.push(text(row.reasons.join(" ; ")));
        cells.push(text(if row.pair.locked { "oui" } else { "non" }));
        cells.push(match &row.pair.agreed_date {
            Some(d) => Out::Date(d.clone()),
            None => text(""),
        });
        cells.push(opt(&row.pair.note));
        sheet.write(cells)?;
    }
    sheet.finish()?;

    let student_headers = headers(
        &[
            "Civilité",
            "Nom",
            "Prénom",
            "Email",
            "Téléphone",
            "Commune",
            "Code postal",
            "Département",
            "Métiers souhaités",
            "Mobilité",
            "État du dossier",
            "Diagnostic",
        ],
        data.options.minimal,
    );
    let mut sheet = Sheet::new(&mut workbook, "Étudiants sans binôme", &student_headers)?;
    for (student, diagnosis) in &data.unpaired {
        let mut cells = person(&student.identity, with_phone);
        cells.extend(place(&student.place));
        cells.push(text(student.wished_jobs.join(" ; ")));
        cells.push(text(mobility(student.mobility)));
        // The state's French label (« en instruction »), not the export's code.
        cells.push(opt(&student
            .application_state
            .as_deref()
            .map(crate::model::state::label)));
        cells.push(text(diagnosis));
        sheet.write(cells)?;
    }
    sheet.finish()?;

    let ambassador_headers = headers(
        &[
            "Civilité",
            "Nom",
            "Prénom",
            "Email",
            "Téléphone",
            "Métier",
            "Administration",
            "Commune",
            "Code postal",
            "Département",
            "Capacité",
            "Étudiants accueillis",
            "Places restantes",
        ],
        data.options.minimal,
    );
    let mut sheet = Sheet::new(
        &mut workbook,
        "Ambassadeurs sans étudiant",
        &ambassador_headers,
    )?;
    for (ambassador, hosted, left) in &data.open_ambassadors {
        let mut cells = person(&ambassador.identity, with_phone);
        cells.extend([opt(&ambassador.job), opt(&ambassador.administration)]);
        cells.extend(place(&ambassador.place));
        cells.push(Out::Number(f64::from(ambassador.capacity)));
        cells.push(Out::Number(f64::from(*hosted)));
        cells.push(Out::Number(f64::from(*left)));
        sheet.write(cells)?;
    }
    sheet.finish()?;

    let mut sheet = Sheet::new(&mut workbook, "Synthèse", &["Rubrique", "Valeur"])?;
    let count = |status| {
        data.pairs
            .iter()
            .filter(|p| p.pair.status == status)
            .count() as f64
    };
    let first_wish = data
        .pairs
        .iter()
        .filter(|p| {
            p.reasons
                .iter()
                .any(|r| r.starts_with("métier souhaité n°1"))
        })
        .count();
    let lines: Vec<(String, Out)> = vec![
        ("Édition".into(), text(&data.edition_name)),
        (
            "Jour J".into(),
            match &data.event_date {
                Some(d) => Out::Date(d.clone()),
                None => text("à fixer"),
            },
        ),
        ("Étudiants inscrits".into(), Out::Number(data.students_total as f64)),
        (
            "Étudiants hors des états retenus".into(),
            Out::Number(data.students_excluded as f64),
        ),
        ("Ambassadeurs inscrits".into(), Out::Number(data.ambassadors_total as f64)),
        ("Binômes dans ce fichier".into(), Out::Number(data.pairs.len() as f64)),
        ("dont proposés".into(), Out::Number(count(crate::model::PairStatus::Proposed))),
        ("dont validés".into(), Out::Number(count(crate::model::PairStatus::Validated))),
        ("dont notifiés".into(), Out::Number(count(crate::model::PairStatus::Notified))),
        ("Binômes sur le 1er métier souhaité".into(), Out::Number(first_wish as f64)),
        ("Étudiants sans binôme".into(), Out::Number(data.unpaired.len() as f64)),
        (
            "Places encore libres".into(),
            Out::Number(data.open_ambassadors.iter().map(|(_, _, l)| f64::from(*l)).sum()),
        ),
        (
            "Données personnelles".into(),
            text("Ce fichier contient des données personnelles (noms, adresses e-mail, téléphones, communes). Ne le transmettez qu'aux personnes qui en ont besoin pour l'opération et supprimez-le ensuite."),
        ),
    ];
    for (label, value) in lines {
        sheet.write(vec![Out::Text(label), value])?;
    }
    let wish = |rank: usize| {
        let prefix = format!("métier souhaité n°{rank}");
        data.pairs
            .iter()
            .filter(|p| p.reasons.iter().any(|r| r.starts_with(&prefix)))
            .count() as f64
    };
    sheet.write(vec![
        text("Binômes sur le 2e métier souhaité"),
        Out::Number(wish(2)),
    ])?;
    sheet.write(vec![
        text("Binômes sur le 3e métier souhaité"),
        Out::Number(wish(3)),
    ])?;
    let administration = data
        .pairs
        .iter()
        .filter(|p| {
            p.reasons
                .iter()
                .any(|r| r.starts_with("administration souhaitée"))
        })
        .count();
    sheet.write(vec![
        text("Binômes dans l'administration souhaitée"),
        Out::Number(administration as f64),
    ])?;
    // Breakdowns: by région (of the student), by 1st wished métier, by administration (of the
    // ambassador) — placed students and those still without a pair.
    let geography = crate::referentials::geography::Geography::get();
    let region = |s: &crate::model::Student| {
        s.place
            .departement
            .as_deref()
            .and_then(|d| geography.region_of(d))
            .map(|r| r.name.to_string())
            .unwrap_or_else(|| "lieu inconnu".to_string())
    };
    let mut by_region: std::collections::BTreeMap<String, (u32, u32)> = Default::default();
    let mut by_job: std::collections::BTreeMap<String, (u32, u32)> = Default::default();
    for row in &data.pairs {
        by_region.entry(region(row.student)).or_default().0 += 1;
        let job = row
            .student
            .wished_jobs
            .first()
            .cloned()
            .unwrap_or_else(|| "sans souhait".into());
        by_job.entry(job).or_default().0 += 1;
    }
    // Waiting students by région and métier: those taking part (the others are not demand).
    for (student, _) in data
        .unpaired
        .iter()
        .filter(|(s, _)| crate::suggest::takes_part(s, data.rules))
    {
        by_region.entry(region(student)).or_default().1 += 1;
        let job = student
            .wished_jobs
            .first()
            .cloned()
            .unwrap_or_else(|| "sans souhait".into());
        by_job.entry(job).or_default().1 += 1;
    }
    let mut by_administration: std::collections::BTreeMap<String, u32> = Default::default();
    for row in &data.pairs {
        *by_administration
            .entry(
                row.ambassador
                    .administration
                    .clone()
                    .unwrap_or_else(|| "non précisée".into()),
            )
            .or_default() += 1;
    }
    for (label, map) in [("Région", &by_region), ("1er métier souhaité", &by_job)] {
        for (key, (placed, waiting)) in map {
            sheet.write(vec![
                text(format!("{label} : {key}")),
                text(format!("{placed} avec binôme, {waiting} sans binôme")),
            ])?;
        }
    }
    for (key, n) in &by_administration {
        sheet.write(vec![
            text(format!("Administration : {key}")),
            text(format!("{n} binôme(s)")),
        ])?;
    }
    if let Some(season) = &data.season {
        season_lines(&mut sheet, season)?;
    }
    for (i, line) in data.rules.notice_fr().into_iter().enumerate() {
        sheet.write(vec![text(format!("Règle {}", i + 1)), text(line)])?;
    }
    sheet.finish()?;
    workbook.save(path)
}

/// The season dashboard in the `Synthèse` sheet, as "rubrique, valeur" lines like the rest of
/// the sheet: wish satisfaction, distances, supply and demand, the gaps.
fn season_lines(
    sheet: &mut Sheet,
    season: &crate::season::SeasonOverview,
) -> Result<(), XlsxError> {
    let s = &season.satisfaction;
    let share = |n: u32, of: u32| {
        if of == 0 {
            "–".to_string()
        } else {
            format!("{n} ({} %)", (f64::from(n) * 100.0 / f64::from(of)).round())
        }
    };
    let mut lines: Vec<(String, String)> = vec![
        (
            "Tableau de bord : étudiants placés".into(),
            share(s.placed, season.students),
        ),
        (
            "Tableau de bord : places offertes".into(),
            season.places.to_string(),
        ),
        (
            "Tableau de bord : hors des états retenus".into(),
            format!(
                "{} étudiant(s), non comptés dans la demande",
                season.excluded
            ),
        ),
    ];
    for (rank, n) in s.wish.iter().enumerate() {
        lines.push((
            format!("Placés sur leur souhait de métier n°{}", rank + 1),
            share(*n, s.placed),
        ));
    }
    lines.push((
        "Placés sur un métier non souhaité".into(),
        share(s.other_job, s.placed),
    ));
    lines.push((
        "Administration souhaitée obtenue".into(),
        share(s.got_administration, s.wished_administration),
    ));
    let buckets = [
        "même département",
        "50 km ou moins",
        "51 à 100 km",
        "101 à 300 km",
        "plus de 300 km",
        "distance inconnue",
    ];
    for (label, n) in buckets.iter().zip(s.distance) {
        lines.push((format!("Distance : {label}"), share(n, s.placed)));
    }
    let geography = crate::referentials::geography::Geography::get();
    let tables: [(&str, &[crate::season::SupplyDemand]); 4] = [
        ("métier", &season.by_job),
        ("région", &season.by_region),
        ("département", &season.by_departement),
        ("administration", &season.by_administration),
    ];
    for (what, table) in tables {
        for line in table {
            let label = match geography.departement(&line.label) {
                Some(d) if what == "département" => format!("{} {}", d.code, d.name),
                _ => line.label.clone(),
            };
            let demand = if what == "métier" {
                format!(
                    "{} en 1er souhait ({} tous rangs)",
                    line.demand, line.demand_any
                )
            } else {
                format!("{} étudiant(s)", line.demand)
            };
            lines.push((
                format!("Offre et demande, {what} : {label}"),
                format!(
                    "{demand}, {} place(s), {} placé(s)",
                    line.places, line.placed
                ),
            ));
        }
    }
    for gap in &season.gaps {
        lines.push(("Manque d'ambassadeurs".into(), gap.sentence.clone()));
    }
    for (label, value) in lines {
        sheet.write(vec![Out::Text(label), Out::Text(value)])?;
    }
    Ok(())
}
