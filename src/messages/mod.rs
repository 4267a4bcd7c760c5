//! The messages that tell each person about their pair: per-role templates in French with
//! fields, rendered for each person, written as `.eml` drafts the organiser's own mail tool
//! opens (UTF-8, MIME-encoded headers, marked unsent) and as one mail-merge sheet. Nothing is
//! sent from here: personal data leaves the machine only through the organiser's mail tool.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Ambassador, PairId, Role, Student};

/// One role's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// The templates of an edition and who signs the messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Templates {
    pub organiser_name: String,
    pub organiser_email: String,
    pub student: Template,
    pub ambassador: Template,
}

impl Default for Templates {
    fn default() -> Self {
        Templates {
            organiser_name: "L'équipe Vis mon job (DINUM)".into(),
            organiser_email: "vismonjob@numerique.gouv.fr".into(),
            student: Template {
                subject: "Vis mon job : votre binôme, {binome_prenom} {binome_nom}".into(),
                body: "Bonjour {prenom},\n\n\
                       Pour « Vis mon job », vous passerez une journée le {date} avec {binome_civilite} {binome_prenom} {binome_nom}, \
                       {binome_metier} ({binome_poste}) à {binome_administration}, {binome_service}, à {binome_commune}.\n\n\
                       Vous pouvez lui écrire à {binome_email} pour préparer cette journée (horaires, adresse, pièce d'identité). \
                       Si la date ne convient pas à l'un de vous, convenez ensemble d'une autre date proche et dites-le-nous.\n\n\
                       Bonne journée d'immersion !\n\n{organisateur}\n{organisateur_email}\n"
                    .into(),
            },
            ambassador: Template {
                subject: "Vis mon job : l'étudiant(e) que vous accueillez, {binome_prenom} {binome_nom}".into(),
                body: "Bonjour {prenom},\n\n\
                       Merci d'être ambassadeur de « Vis mon job ». Le {date}, vous accueillerez {binome_civilite} {binome_prenom} {binome_nom}, \
                       étudiant(e) en {binome_formation} ({binome_niveau}) à {binome_ecole}, qui souhaite découvrir votre métier.\n\n\
                       Son adresse : {binome_email}. Si la date ne vous convient pas, convenez ensemble d'une autre date proche et dites-le-nous.\n\n\
                       Merci pour votre accueil !\n\n{organisateur}\n{organisateur_email}\n"
                    .into(),
            },
        }
    }
}

/// The fields a template may use, with what they hold (shown to the organiser).
pub const FIELDS: &[(&str, &str)] = &[
    ("prenom", "prénom de la personne"),
    ("nom", "nom de la personne"),
    ("civilite", "civilité de la personne"),
    (
        "date",
        "jour de l'immersion (date convenue, sinon le jour J)",
    ),
    ("binome_prenom", "prénom de son binôme"),
    ("binome_nom", "nom de son binôme"),
    ("binome_civilite", "civilité de son binôme"),
    ("binome_email", "e-mail de son binôme"),
    ("binome_telephone", "téléphone de son binôme"),
    ("binome_commune", "commune de son binôme"),
    ("binome_metier", "métier de l'ambassadeur"),
    ("binome_poste", "poste de l'ambassadeur"),
    ("binome_administration", "administration de l'ambassadeur"),
    ("binome_service", "service de l'ambassadeur"),
    ("binome_ecole", "école de l'étudiant"),
    ("binome_formation", "formation de l'étudiant"),
    ("binome_niveau", "niveau d'études de l'étudiant"),
    ("organisateur", "nom de l'organisateur"),
    ("organisateur_email", "e-mail de l'organisateur"),
];

/// One message, ready to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub pair: PairId,
    pub role: Role,
    pub to_name: String,
    pub to_email: Option<String>,
    pub subject: String,
    pub body: String,
}

/// Replaces `{field}` by its value; unknown fields are left as written, so a typo shows.
pub fn render(text: &str, values: &[(&str, String)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// "2026-11-24" → "mardi 24 novembre 2026".
pub fn date_fr(iso: &str) -> String {
    const DAYS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match time::Date::parse(iso, &format) {
        Ok(d) => format!(
            "{} {} {} {}",
            DAYS[d.weekday().number_days_from_monday() as usize],
            d.day(),
            MONTHS[u8::from(d.month()) as usize - 1],
            d.year()
        ),
        Err(_) => iso.to_string(),
    }
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// The two messages of a pair: to the student, then to the ambassador.
pub fn messages_for_pair(
    pair: PairId,
    student: &Student,
    ambassador: &Ambassador,
    date: &str,
    templates: &Templates,
) -> [Message; 2] {
    let (s, a) = (&student.identity, &ambassador.identity);
    let common = |first: &str, last: &str, civility: &Option<String>| {
        vec![
            ("prenom", first.to_string()),
            ("nom", last.to_string()),
            ("civilite", text(civility)),
            ("date", date.to_string()),
            ("organisateur", templates.organiser_name.clone()),
            ("organisateur_email", templates.organiser_email.clone()),
        ]
    };
    let mut to_student = common(&s.first_name, &s.last_name, &s.civility);
    to_student.extend([
        ("binome_prenom", a.first_name.clone()),
        ("binome_nom", a.last_name.to_uppercase()),
        ("binome_civilite", text(&a.civility)),
        ("binome_email", text(&a.email)),
        ("binome_telephone", text(&a.phone)),
        ("binome_commune", text(&ambassador.place.commune)),
        ("binome_metier", text(&ambassador.job)),
        ("binome_poste", text(&ambassador.job_title)),
        ("binome_administration", text(&ambassador.administration)),
        ("binome_service", text(&ambassador.service)),
    ]);
    let mut to_ambassador = common(&a.first_name, &a.last_name, &a.civility);
    to_ambassador.extend([
        ("binome_prenom", s.first_name.clone()),
        ("binome_nom", s.last_name.to_uppercase()),
        ("binome_civilite", text(&s.civility)),
        ("binome_email", text(&s.email)),
        ("binome_telephone", text(&s.phone)),
        ("binome_commune", text(&student.place.commune)),
        ("binome_ecole", text(&student.school)),
        ("binome_formation", text(&student.curriculum)),
        ("binome_niveau", text(&student.level)),
    ]);
    let name = |first: &str, last: &str| crate::text::clean(&format!("{first} {last}"));
    [
        Message {
            pair,
            role: Role::Student,
            to_name: name(&s.first_name, &s.last_name),
            to_email: s.email.clone(),
            subject: render(&templates.student.subject, &to_student),
            body: render(&templates.student.body, &to_student),
        },
        Message {
            pair,
            role: Role::Ambassador,
            to_name: name(&a.first_name, &a.last_name),
            to_email: a.email.clone(),
            subject: render(&templates.ambassador.subject, &to_ambassador),
            body: render(&templates.ambassador.body, &to_ambassador),
        },
    ]
}

/// The two messages of each pair (pairs whose people are not both found are skipped). The day
/// is the pair's agreed date, or the edition's official day.
pub fn messages_for_pairs<'a>(
    pairs: impl IntoIterator<Item = &'a crate::model::Pair>,
    students: &std::collections::HashMap<crate::model::StudentId, crate::model::Student>,
    ambassadors: &std::collections::HashMap<crate::model::AmbassadorId, crate::model::Ambassador>,
    official_day: Option<&str>,
    templates: &Templates,
) -> Vec<Message> {
    let official_day = official_day.map(date_fr);
    let mut out = Vec::new();
    for pair in pairs {
        let (Some(student), Some(ambassador)) = (
            students.get(&pair.student_id),
            ambassadors.get(&pair.ambassador_id),
        ) else {
            continue;
        };
        let date = match (&pair.agreed_date, &official_day) {
            (Some(agreed), _) => date_fr(agreed),
            (None, Some(day)) => day.clone(),
            (None, None) => "jour de l'opération (date à confirmer)".to_string(),
        };
        out.extend(messages_for_pair(
            pair.id, student, ambassador, &date, templates,
        ));
    }
    out
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DraftsSummary {
    pub folder: String,
    pub drafts: usize,
    pub merge_sheet: String,
    /// People with no e-mail: to be told another way.
    pub without_email: Vec<String>,
    pub pairs: Vec<PairId>,
}

#[derive(Debug, thiserror::Error)]
pub enum MessagesError {
    #[error("Impossible d'écrire les messages dans « {folder} » : {detail}")]
    Write { folder: String, detail: String },
}

fn slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let ascii: String = text
        .nfd()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .collect::<String>()
        .to_lowercase();
    ascii.split_whitespace().collect::<Vec<_>>().join("-")
}

/// Writes one `.eml` draft per message that has an address, and `publipostage.csv` (one row
/// per message, UTF-8 with BOM, `;`, for a mail merge).
pub fn write_drafts(
    messages: &[Message],
    folder: &Path,
    templates: &Templates,
) -> Result<DraftsSummary, MessagesError> {
    let fail = |detail: String| MessagesError::Write {
        folder: folder.display().to_string(),
        detail,
    };
    std::fs::create_dir_all(folder).map_err(|e| fail(e.to_string()))?;
    let mut written = 0;
    let mut without_email = Vec::new();
    for (i, message) in messages.iter().enumerate() {
        let Some(email) = &message.to_email else {
            without_email.push(message.to_name.clone());
            continue;
        };
        let role = match message.role {
            Role::Student => "etudiant",
            Role::Ambassador => "ambassadeur",
        };
        let path: PathBuf = folder.join(format!(
            "{:04}-{role}-{}.eml",
            i + 1,
            slug(&message.to_name)
        ));
        let bytes = mail_builder::MessageBuilder::new()
            .from((
                templates.organiser_name.clone(),
                templates.organiser_email.clone(),
            ))
            .to((message.to_name.clone(), email.clone()))
            .subject(message.subject.clone())
            // Outlook and Thunderbird open a message marked unsent as a draft to send.
            .header("X-Unsent", mail_builder::headers::raw::Raw::new("1"))
            .text_body(message.body.clone())
            .write_to_vec()
            .map_err(|e| fail(e.to_string()))?;
        std::fs::write(&path, bytes).map_err(|e| fail(e.to_string()))?;
        crate::files::private_file(&path);
        written += 1;
    }
    let merge_path = folder.join("publipostage.csv");
    // As French Excel on Windows reads it: UTF-8 with a byte-order mark, `;`, CRLF.
    let mut csv = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = ["Rôle", "Nom", "Email", "Objet", "Message"];
    csv.write_record(header).map_err(|e| fail(e.to_string()))?;
    for message in messages {
        let role = match message.role {
            Role::Student => "étudiant",
            Role::Ambassador => "ambassadeur",
        };
        // Names and texts come from applicants: none may become a formula in Excel.
        let safe = crate::text::csv_safe;
        csv.write_record([
            role,
            &safe(&message.to_name),
            &safe(message.to_email.as_deref().unwrap_or("")),
            &safe(&message.subject),
            &safe(&message.body),
        ])
        .map_err(|e| fail(e.to_string()))?;
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(csv.into_inner().map_err(|e| fail(e.to_string()))?);
    std::fs::write(&merge_path, bytes).map_err(|e| fail(e.to_string()))?;
    crate::files::private_file(&merge_path);
    let mut pairs: Vec<PairId> = messages.iter().map(|m| m.pair).collect();
    pairs.dedup();
    Ok(DraftsSummary {
        folder: folder.display().to_string(),
        drafts: written,
        merge_sheet: merge_path.display().to_string(),
        without_email,
        pairs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_french_and_fields_replaced() {
        assert_eq!(date_fr("2026-11-24"), "mardi 24 novembre 2026");
        assert_eq!(
            render("Bonjour {prenom} {inconnu}", &[("prenom", "Zoé".into())]),
            "Bonjour Zoé {inconnu}"
        );
    }
}
