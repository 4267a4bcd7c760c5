//! The workbook itself, sheet by sheet, with rust_xlsxwriter.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

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
    /// How many leading columns print (all of them unless a sheet says fewer): the printed page
    /// holds what is needed on the day, the file keeps every column.
    printed: usize,
    /// Columns of long text, written wrapped so that the printed page shows all of it.
    wrapped: Vec<bool>,
}

/// Long-text columns: wrapped rather than cut at the column's edge, on screen and on paper.
const WRAPPED: [&str; 4] = ["Ce qui correspond", "Note", "Diagnostic", "Valeur"];
/// The widest a column gets; wrapped columns stop earlier so a page holds a whole row.
const MAX_WIDTH: f64 = 60.0;
const MAX_WRAPPED_WIDTH: f64 = 45.0;
/// The tallest a row gets (a longer text is still whole in its cell, on screen).
const MAX_LINES: usize = 8;

/// Lines a wrapped text takes in a column `MAX_WRAPPED_WIDTH` wide, rounded up (a column's width
/// counts digits, a little wider than most letters, which makes up for words wrapped early).
fn wrapped_lines(text: &str) -> usize {
    let per_line = MAX_WRAPPED_WIDTH as usize;
    text.chars().count().div_ceil(per_line).max(1)
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
            printed: headers.len(),
            wrapped: headers.iter().map(|h| WRAPPED.contains(h)).collect(),
        })
    }

    /// Prints only the first `columns` columns (see `printed`).
    fn print_first(mut self, columns: usize) -> Self {
        self.printed = columns.clamp(1, self.widths.len().max(1));
        self
    }

    fn write(&mut self, cells: Vec<Out>) -> Result<(), XlsxError> {
        let quoted = Format::new().set_quote_prefix();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let mut lines = 1;
        for (col, cell) in cells.into_iter().enumerate() {
            let cell = match cell {
                Out::Text(t) => Out::Text(fit_in_a_cell(t)),
                other => other,
            };
            let c = col as u16;
            let wrapped = self.wrapped.get(col).copied().unwrap_or(false);
            // Only printed columns set the height: a row is one line of paper wherever it can be.
            if let (true, true, Out::Text(t)) = (wrapped, col < self.printed, &cell) {
                lines = lines.max(wrapped_lines(t));
            }
            let width = match &cell {
                Out::Text(t) if t.is_empty() => 0,
                Out::Text(t) if looks_like_formula(t) => {
                    let format = if wrapped {
                        quoted.clone().set_text_wrap()
                    } else {
                        quoted.clone()
                    };
                    self.sheet
                        .write_string_with_format(self.row, c, t, &format)?;
                    t.chars().count()
                }
                Out::Text(t) if wrapped => {
                    self.sheet.write_string_with_format(self.row, c, t, &wrap)?;
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
        // Spreadsheets do not grow a row for wrapped text they read from a file (LibreOffice
        // printed the lines over one another), so the row is given its height here; a wrapped
        // column's final width is known (its text is longer than the cap, or fits one line).
        if lines > 1 {
            self.sheet
                .set_row_height(self.row, 15.0 * lines.min(MAX_LINES) as f64)?;
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
            let max = if self.wrapped[col] {
                MAX_WRAPPED_WIDTH
            } else {
                MAX_WIDTH
            };
            self.sheet
                .set_column_width(col as u16, (*width as f64 + 2.0).clamp(8.0, max))?;
        }
        // On paper (#18): landscape A4, as many pages down as needed but one page wide, the header
        // row on every page, gridlines so that a line reads as one row, and the sheet's name and
        // the page number in the margins. Without this LibreOffice printed 104 pages, four
        // columns of `Binômes` a page.
        let last_row = self.row.saturating_sub(1);
        let last_col = (self.printed.max(1) - 1) as u16;
        self.sheet
            .set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0)
            .set_print_gridlines(true)
            .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
            .set_header("&L&A")
            .set_footer("&RPage &P sur &N");
        self.sheet.set_repeat_rows(0, 0)?;
        self.sheet.set_print_area(0, 0, last_row, last_col)?;
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
    // Level 3, not the default 6: writing the workbook of 3,000 pairs took 115 ms rather than 135,
    // for a file 14 % larger (rust_xlsxwriter's own measurements: half the time deflating).
    workbook.set_zip_compression_level(3);
    workbook.set_properties(
        &DocProperties::new().set_title(format!("Binômes — {}", data.edition_name)),
    );

    // The first block is what a printed page holds, one pair per line: who, how to reach them,
    // where, the date (#18). The details follow; they stay in the file but do not print. The
    // contract is the header names, not their places (docs/contracts.md §2.3), and `Email
    // étudiant` still comes before `Email ambassadeur`.
    type Column = (&'static str, fn(&super::PairRow) -> Out);
    let printed: [Column; 14] = [
        ("Statut", |r| text(r.pair.status.label_fr())),
        ("Nom étudiant", |r| text(&r.student.identity.last_name)),
        ("Prénom étudiant", |r| {
            text(&r.student.identity.first_name)
        }),
        ("Email étudiant", |r| opt(&r.student.identity.email)),
        ("Téléphone étudiant", |r| opt(&r.student.identity.phone)),
        ("Commune étudiant", |r| opt(&r.student.place.commune)),
        ("Nom ambassadeur", |r| {
            text(&r.ambassador.identity.last_name)
        }),
        ("Prénom ambassadeur", |r| {
            text(&r.ambassador.identity.first_name)
        }),
        ("Email ambassadeur", |r| opt(&r.ambassador.identity.email)),
        ("Téléphone ambassadeur", |r| {
            opt(&r.ambassador.identity.phone)
        }),
        ("Métier", |r| opt(&r.ambassador.job)),
        ("Administration", |r| opt(&r.ambassador.administration)),
        ("Commune ambassadeur", |r| opt(&r.ambassador.place.commune)),
        ("Date convenue", |r| match &r.pair.agreed_date {
            Some(d) => Out::Date(d.clone()),
            None => text(""),
        }),
    ];
    let details: [Column; 17] = [
        ("Civilité étudiant", |r| opt(&r.student.identity.civility)),
        ("École", |r| opt(&r.student.school)),
        ("Niveau", |r| opt(&r.student.level)),
        ("Formation", |r| opt(&r.student.curriculum)),
        ("Code postal étudiant", |r| {
            opt(&r.student.place.postal_code)
        }),
        ("Département étudiant", |r| {
            opt(&r.student.place.departement)
        }),
        ("Métiers souhaités", |r| {
            text(r.student.wished_jobs.join(" ; "))
        }),
        ("Civilité ambassadeur", |r| {
            opt(&r.ambassador.identity.civility)
        }),
        ("Poste", |r| opt(&r.ambassador.job_title)),
        ("Type de structure", |r| opt(&r.ambassador.structure_type)),
        ("Service", |r| opt(&r.ambassador.service)),
        ("Code postal ambassadeur", |r| {
            opt(&r.ambassador.place.postal_code)
        }),
        ("Département ambassadeur", |r| {
            opt(&r.ambassador.place.departement)
        }),
        ("Score", |r| Out::Number(f64::from(r.score))),
        ("Ce qui correspond", |r| text(r.reasons.join(" ; "))),
        ("Verrouillé", |r| {
            text(if r.pair.locked { "oui" } else { "non" })
        }),
        ("Note", |r| opt(&r.pair.note)),
    ];
    let kept = |(header, _): &&Column| !(data.options.minimal && header.starts_with("Téléphone"));
    let columns: Vec<&Column> = printed.iter().chain(details.iter()).filter(kept).collect();
    let pair_headers: Vec<&str> = columns.iter().map(|(h, _)| *h).collect();
    let mut sheet = Sheet::new(&mut workbook, "Binômes", &pair_headers)?
        .print_first(printed.iter().filter(kept).count());
    for row in &data.pairs {
        sheet.write(columns.iter().map(|(_, cell)| cell(row)).collect())?;
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
        // The follow-up after notification (#17), after the lines that were there before.
        ("dont confirmés".into(), Out::Number(count(crate::model::PairStatus::Confirmed))),
        ("dont réalisés".into(), Out::Number(count(crate::model::PairStatus::Done))),
        ("dont annulés".into(), Out::Number(count(crate::model::PairStatus::Cancelled))),
        ("dont absents".into(), Out::Number(count(crate::model::PairStatus::Absent))),
        (
            "Binômes avec une date convenue".into(),
            Out::Number(data.pairs.iter().filter(|p| p.pair.agreed_date.is_some()).count() as f64),
        ),
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
    by_date_sheet(&mut workbook, data)?;
    workbook.save(path)
}

/// `Par date` (#17, after the four sheets of the contract): the pairs of this file by agreed
/// date — who goes where, which day —, the undated ones next, the cancelled ones last; printed
/// as it reads.
fn by_date_sheet(workbook: &mut Workbook, data: &ExportData) -> Result<(), XlsxError> {
    let pairs: Vec<crate::model::Pair> = data.pairs.iter().map(|r| r.pair.clone()).collect();
    let students: Vec<crate::model::Student> =
        data.pairs.iter().map(|r| r.student.clone()).collect();
    let mut ambassadors: Vec<crate::model::Ambassador> =
        data.pairs.iter().map(|r| r.ambassador.clone()).collect();
    ambassadors.sort_by_key(|a| a.id);
    ambassadors.dedup_by_key(|a| a.id);
    let view = crate::season::by_date(
        &data.edition_name,
        data.event_date.as_deref(),
        &pairs,
        &students,
        &ambassadors,
    );
    let all = [
        "Date",
        "Jour",
        "Statut",
        "Ambassadeur",
        "Administration",
        "Service",
        "Lieu",
        "Étudiant",
        "Email étudiant",
        "Téléphone étudiant",
        "Email ambassadeur",
        "Téléphone ambassadeur",
        "Note",
    ];
    let minimal = data.options.minimal;
    let headers = headers(&all, minimal);
    let mut sheet = Sheet::new(workbook, "Par date", &headers)?;
    let undated = match &view.official_day {
        Some(day) => format!("sans date convenue (jour J : {day})"),
        None => "sans date convenue".to_string(),
    };
    let rows = view
        .days
        .iter()
        .flat_map(|d| {
            d.pairs
                .iter()
                .map(move |p| (Out::Date(d.date.clone()), d.label.clone(), p))
        })
        .chain(view.undated.iter().map(|p| (text(""), undated.clone(), p)))
        .chain(
            view.cancelled
                .iter()
                .map(|p| (text(""), "annulé".to_string(), p)),
        );
    for (date, day, p) in rows {
        let cells = [
            ("Date", date),
            ("Jour", text(day)),
            ("Statut", text(&p.status_label)),
            ("Ambassadeur", text(&p.ambassador)),
            ("Administration", opt(&p.administration)),
            ("Service", opt(&p.service)),
            ("Lieu", opt(&p.place)),
            ("Étudiant", text(&p.student)),
            ("Email étudiant", opt(&p.student_email)),
            ("Téléphone étudiant", opt(&p.student_phone)),
            ("Email ambassadeur", opt(&p.ambassador_email)),
            ("Téléphone ambassadeur", opt(&p.ambassador_phone)),
            ("Note", opt(&p.note)),
        ];
        sheet.write(
            cells
                .into_iter()
                .filter(|(h, _)| !(minimal && h.starts_with("Téléphone")))
                .map(|(_, c)| c)
                .collect(),
        )?;
    }
    sheet.finish()
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

/// The most a cell holds in Excel (UTF-16 code units); a longer text is refused by the writer.
const CELL_MAX: usize = 32_767;

/// `text`, cut to what a cell holds and ended with « … » when longer: one comment pasted
/// twenty times must not make the whole workbook impossible to write. The database keeps it whole.
fn fit_in_a_cell(text: String) -> String {
    if text.len() <= CELL_MAX || text.encode_utf16().count() <= CELL_MAX {
        return text;
    }
    let mut units = 0;
    let mut cut: String = text
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units < CELL_MAX
        })
        .collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::{fit_in_a_cell, CELL_MAX};

    #[test]
    fn a_text_longer_than_a_cell_is_cut_to_fit_and_says_so() {
        let short = "Développeuse".to_string();
        assert_eq!(fit_in_a_cell(short.clone()), short);
        // Exactly full, a character outside the basic plane counting twice: kept whole.
        for exact in ["é".repeat(CELL_MAX), format!("a{}", "🎓".repeat(16_383))] {
            assert_eq!(fit_in_a_cell(exact.clone()), exact);
        }
        // Characters outside the basic plane count twice in Excel's limit.
        for long in [
            "a".repeat(40_000),
            "🎓".repeat(20_000),
            format!("a{}", "🎓".repeat(16_384)),
        ] {
            let cut = fit_in_a_cell(long.clone());
            let units = cut.encode_utf16().count();
            assert!((CELL_MAX - 2..=CELL_MAX).contains(&units), "{units}");
            assert!(cut.ends_with('…'));
            assert!(long.starts_with(cut.trim_end_matches('…')));
        }
    }
}
