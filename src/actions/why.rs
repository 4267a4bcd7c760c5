//! « Pourquoi ? » as a document (#17; CRPA art. L311-3-1 and R311-3-1-2): for one student or
//! ambassador, on request, the rules of the algorithm and how they applied to them — the
//! criteria and their weights, the values of theirs that were used, their pair and its score
//! point by point, or why they have none. Written as one self-contained HTML page: it opens in
//! any browser, has a print style for A4 (its page count is not measured) and can be attached
//! to an e-mail; the same function serves the window's « Exporter cette explication… » and
//! `binome pourquoi`.
//!
//! Why HTML rather than PDF: a PDF crate (printpdf, genpdf) would need fonts shipped with the
//! app and a page layout written by hand for accents, wrapping and tables; the browser the
//! person already has does all of that, and prints to PDF when they want one.

use std::collections::HashSet;
use std::path::Path;

use super::board::compatibility;
use super::rules::rules;
use super::ActionError;
use crate::model::{Ambassador, AmbassadorId, EditionId, Mobility, Pair, Role, Student, StudentId};
use crate::suggest::{explain, Evaluation, Rules, Weights};
use crate::{Store, StoreError};

/// The document, and the file name offered for it.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct WhyDocument {
    /// `pourquoi-prenom-nom.html`.
    pub file_name: String,
    /// The whole page, as saved.
    pub html: String,
    /// What its `<main>` holds: the window shows this inside its own page (its CSP allows no
    /// frame), styled by the window.
    pub body: String,
}

/// Text made safe inside HTML (names and métiers come from sign-up forms).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn full_name(first: &str, last: &str) -> String {
    crate::text::clean(&format!("{first} {}", last.to_uppercase()))
}

fn or_dash(value: &Option<String>) -> String {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .map_or_else(|| "non renseigné".to_string(), esc)
}

fn place(p: &crate::model::Place) -> String {
    match (&p.commune, &p.departement) {
        (Some(c), Some(d)) => esc(&format!("{c} ({d})")),
        (Some(c), None) => esc(c),
        (None, Some(d)) => esc(&format!("département {d}")),
        (None, None) => "non renseigné".to_string(),
    }
}

fn mobility(m: Mobility) -> &'static str {
    match m {
        Mobility::Departement => "dans son département seulement",
        Mobility::Region => "dans sa région seulement",
        Mobility::National => "partout en France",
        Mobility::Unspecified => "non précisée (traitée comme « partout en France »)",
    }
}

/// The score of one pair, point by point, as a table.
fn breakdown(evaluation: &Evaluation) -> String {
    let mut out = String::from(
        "<table><thead><tr><th scope=\"col\">Critère satisfait</th><th scope=\"col\" class=\"n\">Points</th></tr></thead><tbody>",
    );
    for part in &evaluation.parts {
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
            esc(&part.reason),
            part.points
        ));
    }
    if evaluation.parts.is_empty() {
        out.push_str(
            "<tr><td>aucun critère de préférence satisfait</td><td class=\"n\">0</td></tr>",
        );
    }
    out.push_str(&format!(
        "</tbody><tfoot><tr><th scope=\"row\">Total</th><td class=\"n\"><strong>{}</strong></td></tr></tfoot></table>",
        evaluation.score
    ));
    out
}

/// The criteria and their weights, as the edition's rules set them.
fn weights_table(rules: &Rules) -> String {
    let value = serde_json::to_value(&rules.weights).unwrap_or_default();
    let mut out = String::from(
        "<table><thead><tr><th scope=\"col\">Critère (préférence)</th><th scope=\"col\" class=\"n\">Points</th></tr></thead><tbody>",
    );
    for (key, label) in Weights::LABELS {
        let points = value.get(*key).and_then(|v| v.as_u64()).unwrap_or(0);
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{points}</td></tr>",
            esc(label)
        ));
    }
    out.push_str("</tbody></table>");
    out
}

fn status_sentence(pair: &Pair) -> String {
    let mut s = format!("Statut du binôme : « {} »", pair.status.label_fr());
    if let Some(date) = &pair.agreed_date {
        s.push_str(&format!(
            " ; date convenue : {}",
            crate::messages::date_fr(date)
        ));
    }
    if pair.origin == crate::model::PairOrigin::Manual {
        s.push_str(" ; ce binôme a été formé à la main par l'équipe organisatrice");
    }
    s.push('.');
    s
}

struct Person {
    name: String,
    /// « Vos informations prises en compte »: label, value (already escaped).
    values: Vec<(&'static str, String)>,
    /// « Ce que cela a donné pour vous », HTML.
    outcome: String,
}

fn student_part(
    store: &Store,
    edition: EditionId,
    student: &Student,
    rules: &Rules,
    pairs: &[Pair],
    ambassadors: &[Ambassador],
    withdrawn: bool,
) -> Result<Person, StoreError> {
    let retained = crate::suggest::takes_part(student, rules);
    let values = vec![
        (
            "Métiers souhaités",
            if student.wished_jobs.is_empty() {
                "aucun".to_string()
            } else {
                student
                    .wished_jobs
                    .iter()
                    .enumerate()
                    .map(|(i, j)| format!("{}. {}", i + 1, esc(j)))
                    .collect::<Vec<_>>()
                    .join(" ; ")
            },
        ),
        (
            "Administration souhaitée",
            or_dash(&student.wished_administration),
        ),
        ("Niveau d'études", or_dash(&student.level)),
        ("Lieu", place(&student.place)),
        ("Mobilité", mobility(student.mobility).to_string()),
        (
            "État du dossier",
            format!(
                "{} ({})",
                esc(&crate::model::state::label(
                    student.application_state.as_deref().unwrap_or("")
                )),
                if retained {
                    "retenu par les règles"
                } else {
                    "hors des états retenus"
                }
            ),
        ),
    ];
    let pair = pairs.iter().find(|p| p.student_id == student.id);
    let outcome = if withdrawn {
        "<p>Vous vous êtes retiré(e) de l'opération : aucun binôme ne vous est proposé.</p>"
            .to_string()
    } else if let Some(pair) = pair {
        let host = ambassadors.iter().find(|a| a.id == pair.ambassador_id);
        let explained = compatibility(store, edition, student.id)?;
        let mine = explained.iter().find(|c| c.current);
        let better_free = explained
            .iter()
            .filter(|c| !c.current && c.places_left > 0)
            .filter(|c| {
                c.evaluation.as_ref().map_or(0, |e| e.score)
                    > mine
                        .and_then(|m| m.evaluation.as_ref())
                        .map_or(0, |e| e.score)
            })
            .count();
        let mut html = format!(
            "<p>Votre binôme : <strong>{}</strong> — {}, {}, {}.</p><p>{}</p>",
            host.map_or_else(
                || "ambassadeur introuvable".to_string(),
                |a| esc(&full_name(&a.identity.first_name, &a.identity.last_name))
            ),
            host.map_or_else(String::new, |a| or_dash(&a.job)),
            host.map_or_else(String::new, |a| or_dash(&a.administration)),
            host.map_or_else(String::new, |a| place(&a.place)),
            esc(&status_sentence(pair)),
        );
        match mine.and_then(|m| m.evaluation.as_ref()) {
            Some(evaluation) => {
                html.push_str("<p>Les points de ce binôme, critère par critère :</p>");
                html.push_str(&breakdown(evaluation));
            }
            None => html.push_str(&format!(
                "<p>Ce binôme ne suit pas les règles de préférence (formé à la main) : {}.</p>",
                esc(mine
                    .and_then(|m| m.barrier.as_deref())
                    .unwrap_or("raison non déterminée"))
            )),
        }
        let allowed = explained.iter().filter(|c| c.evaluation.is_some()).count();
        html.push_str(&format!(
            "<p>Selon les règles, {allowed} ambassadeur(s) pouvaient vous accueillir. {}</p>",
            if better_free == 0 {
                "Aucun de ceux qui ont encore une place n'obtenait plus de points avec vous.".to_string()
            } else {
                format!(
                    "{better_free} ambassadeur(s) ayant encore une place obtenaient plus de points avec vous : le calcul place d'abord le plus grand nombre d'étudiants, puis maximise la somme des points de tous les binômes, pas ceux d'un seul."
                )
            }
        ));
        html
    } else {
        let diagnosis = super::suggest::unpaired(store, edition)?
            .into_iter()
            .find(|u| u.student == student.id)
            .map(|u| u.diagnosis)
            .unwrap_or_else(|| "aucun ambassadeur compatible n'avait de place".to_string());
        format!(
            "<p><strong>Vous n'avez pas de binôme.</strong> Pourquoi : {}.</p>",
            esc(&diagnosis)
        )
    };
    Ok(Person {
        name: full_name(&student.identity.first_name, &student.identity.last_name),
        values,
        outcome,
    })
}

fn ambassador_part(
    ambassador: &Ambassador,
    rules: &Rules,
    pairs: &[Pair],
    students: &[Student],
    forbidden: &HashSet<(StudentId, AmbassadorId)>,
    withdrawn: bool,
) -> Person {
    let values = vec![
        ("Métier", or_dash(&ambassador.job)),
        ("Poste", or_dash(&ambassador.job_title)),
        ("Administration", or_dash(&ambassador.administration)),
        ("Service", or_dash(&ambassador.service)),
        ("Lieu", place(&ambassador.place)),
        (
            "Étudiants que vous pouviez accueillir",
            ambassador.capacity.to_string(),
        ),
        (
            "Niveaux d'études préférés",
            if ambassador.preferred_levels.is_empty() {
                "aucune préférence".to_string()
            } else {
                esc(&ambassador.preferred_levels.join(", "))
            },
        ),
    ];
    let hosted: Vec<&Pair> = pairs
        .iter()
        .filter(|p| p.ambassador_id == ambassador.id)
        .collect();
    let evaluate = |s: &Student| {
        let no: HashSet<AmbassadorId> = if forbidden.contains(&(s.id, ambassador.id)) {
            HashSet::from([ambassador.id])
        } else {
            HashSet::new()
        };
        explain::compatibility(s, std::slice::from_ref(ambassador), &[], &no, rules)
            .into_iter()
            .next()
    };
    let outcome = if withdrawn {
        "<p>Vous vous êtes retiré(e) de l'opération : aucun étudiant ne vous est proposé.</p>"
            .to_string()
    } else if !hosted.is_empty() {
        let mut html = format!("<p>Vous accueillez {} étudiant(s) :</p>", hosted.len());
        for pair in hosted {
            let Some(student) = students.iter().find(|s| s.id == pair.student_id) else {
                continue;
            };
            html.push_str(&format!(
                "<h3>{}</h3><p>{} — {}.</p>",
                esc(&full_name(
                    &student.identity.first_name,
                    &student.identity.last_name
                )),
                or_dash(&student.school),
                esc(&status_sentence(pair)),
            ));
            match evaluate(student).and_then(|c| c.evaluation) {
                Some(evaluation) => html.push_str(&breakdown(&evaluation)),
                None => html.push_str(
                    "<p>Ce binôme ne suit pas les règles de préférence (formé à la main).</p>",
                ),
            }
        }
        html
    } else if ambassador.capacity == 0 {
        "<p><strong>Aucun étudiant ne vous a été proposé :</strong> vous aviez indiqué ne pouvoir accueillir personne cette année.</p>".to_string()
    } else {
        let candidates = students
            .iter()
            .filter(|s| crate::suggest::takes_part(s, rules))
            .filter(|s| evaluate(s).is_some_and(|c| c.evaluation.is_some()))
            .count();
        if candidates == 0 {
            "<p><strong>Aucun étudiant ne vous a été proposé :</strong> selon les règles, aucun étudiant retenu ne pouvait vous être associé (métier souhaité, mobilité, distance).</p>".to_string()
        } else {
            format!(
                "<p><strong>Aucun étudiant ne vous a été proposé :</strong> {candidates} étudiant(s) retenu(s) pouvaient vous être associé(s) selon les règles ; le calcul les a associés à d'autres ambassadeurs, parce que cela plaçait plus d'étudiants ou donnait plus de points à l'ensemble des binômes.</p>"
            )
        }
    };
    Person {
        name: full_name(
            &ambassador.identity.first_name,
            &ambassador.identity.last_name,
        ),
        values,
        outcome,
    }
}

const STYLE: &str = "body{font-family:Marianne,Arial,Helvetica,sans-serif;color:#161616;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.45;font-size:11pt}\
h1{font-size:1.45rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.4rem 0 .4rem;border-bottom:2px solid #000091;padding-bottom:.15rem}\
h3{font-size:1rem;margin:1rem 0 .25rem}p{margin:.35rem 0}.meta{color:#3a3a3a}\
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #929292;padding:.2rem .45rem;text-align:left;vertical-align:top}\
thead th{background:#eeeeee}.n{text-align:right;white-space:nowrap}dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0}\
dt{font-weight:700}dd{margin:0}footer{margin-top:1.5rem;font-size:.9em;color:#3a3a3a}\
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}@page{size:A4;margin:15mm}";

/// The « Pourquoi ? » document of one student or ambassador of the edition.
pub fn why_document(
    store: &Store,
    edition: EditionId,
    role: Role,
    id: i64,
) -> Result<WhyDocument, ActionError> {
    let summary = store.edition(edition)?;
    let rules = rules(store, edition)?;
    let pairs = store.list_pairs(edition)?;
    let withdrawn = store
        .withdrawals(edition)?
        .iter()
        .any(|w| w.role == role && w.person == id);
    let person = match role {
        Role::Student => {
            let student =
                store
                    .student(edition, StudentId(id))?
                    .ok_or(StoreError::StudentNotFound {
                        student: StudentId(id),
                    })?;
            student_part(
                store,
                edition,
                &student,
                &rules,
                &pairs,
                &store.list_ambassadors(edition)?,
                withdrawn,
            )?
        }
        Role::Ambassador => {
            let ambassador = store.ambassador(edition, AmbassadorId(id))?.ok_or(
                StoreError::AmbassadorNotFound {
                    ambassador: AmbassadorId(id),
                },
            )?;
            let forbidden = store
                .forbidden_pairs(edition)?
                .into_iter()
                .map(|f| (f.student_id, f.ambassador_id))
                .collect();
            let (gone, _) = store.withdrawn(edition)?;
            let mut students = store.list_students(edition)?;
            students.retain(|s| !gone.contains(&s.id));
            ambassador_part(
                &ambassador,
                &rules,
                &pairs,
                &students,
                &forbidden,
                withdrawn,
            )
        }
    };
    let organiser = super::messages::templates(store, edition)?;
    let today = crate::messages::date_fr(&super::messages::now().date().to_string());
    let edition_name = esc(&summary.edition.name);
    let name = esc(&person.name);
    let head = format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>Pourquoi ? — {name} — {edition_name}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    );
    let mut html = format!(
        "<h1>Comment l'algorithme a traité votre inscription</h1>\n<p class=\"meta\">{edition_name} · {role} : <strong>{name}</strong> · document établi le {today}</p>\n\
         <p>Les binômes sont proposés par un traitement algorithmique (article L311-3-1 du code des relations entre le public et l'administration). Son objet : rapprocher chaque étudiant d'un ambassadeur selon le métier souhaité, la géographie et les places disponibles. L'équipe organisatrice relit, modifie et valide chaque binôme avant de l'annoncer. Ce document donne, comme le prévoit l'article R311-3-1-2, la part du traitement dans la décision, les données utilisées, les critères et leur poids appliqués à votre situation, et les opérations effectuées.</p>\n",
        role = match role {
            Role::Student => "étudiant(e)",
            Role::Ambassador => "ambassadeur / ambassadrice",
        },
    );
    html.push_str("<h2>1. Les règles du traitement</h2>\n");
    for line in rules.notice_fr() {
        html.push_str(&format!("<p>{}</p>\n", esc(&line)));
    }
    html.push_str("<p>Les critères de préférence et leurs points :</p>\n");
    html.push_str(&weights_table(&rules));
    html.push_str("\n<h2>2. Vos informations prises en compte</h2>\n<dl>\n");
    for (label, value) in &person.values {
        html.push_str(&format!("<dt>{label}</dt><dd>{value}</dd>\n"));
    }
    html.push_str("</dl>\n<p>Ces informations viennent de votre inscription (et des corrections que vous avez demandées). Votre nom, votre adresse électronique et votre téléphone ne comptent pas dans le calcul.</p>\n");
    html.push_str("<h2>3. Ce que cela a donné pour vous</h2>\n");
    html.push_str(&person.outcome);
    html.push_str(&format!(
        "\n<h2>4. Vos droits</h2>\n<p>Pour toute question, pour demander qu'une personne réexamine votre situation, ou pour exercer vos droits sur vos données (accès, rectification, effacement), écrivez à {} — {}.</p>\n",
        esc(&organiser.organiser_email),
        esc(&organiser.organiser_name),
    ));
    html.push_str("<footer>Document établi par l'application Binômes à partir de la base de l'édition, à la demande de la personne concernée.</footer>\n");
    let slug: String = crate::text::header_key(&person.name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    Ok(WhyDocument {
        file_name: format!("pourquoi-{slug}.html"),
        html: format!("{head}{html}</main>\n</body>\n</html>\n"),
        body: html,
    })
}

/// Writes the « Pourquoi ? » document to `out` (whole, or nothing: through a temporary file).
pub fn export_why(
    store: &Store,
    edition: EditionId,
    role: Role,
    id: i64,
    out: &Path,
) -> Result<WhyDocument, ActionError> {
    let document = why_document(store, edition, role, id)?;
    crate::export::write_atomically(out, &store.files(), |tmp| {
        std::fs::write(tmp, document.html.as_bytes()).map_err(rust_xlsxwriter::XlsxError::IoError)
    })?;
    Ok(document)
}

/// `binome pourquoi`: the document of the person signed up with this e-mail, in the edition
/// named (or the most recent one they are in); returns where they were found.
pub fn export_why_by_email(
    store: &mut Store,
    email: &str,
    edition: Option<&str>,
    out: &Path,
) -> Result<super::people::Found, ActionError> {
    // The edition named as the other commands find it (case aside), refused by name if absent.
    let named = match edition {
        Some(name) => Some(store.existing_edition_for_command_line(Some(name))?.id),
        None => None,
    };
    let found = super::people::find_by_email(store, email)?;
    let chosen = found
        .into_iter()
        .find(|f| named.is_none_or(|id| f.edition == id))
        .ok_or_else(|| {
            ActionError::Invalid(match edition {
                Some(name) => format!(
                    "Personne n'est inscrit avec l'adresse « {} » dans l'édition « {name} ».",
                    email.trim()
                ),
                None => format!(
                    "Personne n'est inscrit avec l'adresse « {} » dans cette base.",
                    email.trim()
                ),
            })
        })?;
    export_why(store, chosen.edition, chosen.role, chosen.id, out)?;
    Ok(chosen)
}
