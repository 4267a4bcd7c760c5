//! The messages that tell each person where they stand: per-kind, per-role templates in French
//! with fields (`french` writes the articles and contractions), composed for each person (one
//! message per ambassador, listing all their students), what each person is owed (`owed`, from
//! the pairs and the notification log), waves written as `.eml` drafts and a mail-merge sheet
//! (`wave`), and real sending over SMTP to the server the organiser configured (`smtp`).
//! Personal data leaves the machine only through a draft or a message the organiser asks for.

pub mod french;
pub mod owed;
pub mod smtp;
pub mod wave;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::{Ambassador, AmbassadorId, MessageKind, Pair, PairId, Role, Student, StudentId};

pub use owed::{owed, Owed, Standing};
pub use wave::{write_wave, DraftsSummary, MessagesError};

/// One message's subject and body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub subject: String,
    pub body: String,
}

fn template(subject: &str, body: &str) -> Template {
    Template {
        subject: subject.into(),
        body: body.into(),
    }
}

/// The templates of an edition and who signs the messages. `student` and `ambassador` are the
/// new-pair messages (the names of the first release, kept so stored templates still read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Templates {
    pub organiser_name: String,
    pub organiser_email: String,
    /// The paragraph every message announcing a pairing (or no pairing) carries (CRPA art.
    /// L311-3-1): the pairing was computed by an algorithm, its purpose, how to obtain its rules
    /// and how they applied. `{mention_algorithme}` places it; without it, it ends the message.
    pub algorithm_notice: String,
    pub student: Template,
    pub ambassador: Template,
    pub change_student: Template,
    pub change_ambassador: Template,
    pub cancellation_student: Template,
    pub cancellation_ambassador: Template,
    pub no_pair: Template,
    pub no_student: Template,
    pub reminder_student: Template,
    pub reminder_ambassador: Template,
    pub thanks_student: Template,
    pub thanks_ambassador: Template,
}

const SIGNATURE: &str = "\n\n{organisateur}\n{organisateur_email}\n";

impl Default for Templates {
    fn default() -> Self {
        let signed = |body: &str| format!("{body}{SIGNATURE}");
        Templates {
            organiser_name: "L'équipe Vis mon job (DINUM)".into(),
            organiser_email: "vismonjob@numerique.gouv.fr".into(),
            algorithm_notice: "Ce binôme a été proposé par un traitement algorithmique (article L311-3-1 du code des \
                relations entre le public et l'administration). Son objet : rapprocher chaque étudiant d'un ambassadeur \
                selon le métier souhaité, la géographie et les places disponibles ; l'équipe organisatrice vérifie chaque \
                binôme avant de l'annoncer. Vous pouvez obtenir les règles de ce traitement et la façon dont elles vous ont \
                été appliquées en écrivant à {organisateur_email}."
                .into(),
            student: template(
                "Vis mon job : votre binôme, {binome_prenom} {binome_nom}",
                &signed("Bonjour {prenom},\n\n\
                    Pour « Vis mon job », vous passerez une journée le {date} avec {binome_civilite} {binome_prenom} {binome_nom}, \
                    {binome_metier} ({binome_poste}) {à binome_administration}, {binome_service}, {à binome_commune}.\n\n\
                    Vous pouvez lui écrire à {binome_email} pour préparer cette journée (horaires, adresse, pièce d'identité). \
                    Si la date ne convient pas à l'un de vous, convenez ensemble d'une autre date proche et dites-le-nous.\n\n\
                    {mention_algorithme}\n\n\
                    Bonne journée d'immersion !"),
            ),
            ambassador: template(
                "Vis mon job : {nombre_etudiants} à accueillir le {date}",
                &signed("Bonjour {prenom},\n\n\
                    Merci d'être ambassadeur de « Vis mon job ». Le {date}, vous accueillerez :\n\n{etudiants}\n\n\
                    Chacun souhaite découvrir votre métier. Si la date ne vous convient pas, convenez avec l'étudiant \
                    d'une autre date proche et dites-le-nous.\n\n\
                    {mention_algorithme}\n\n\
                    Merci pour votre accueil !"),
            ),
            change_student: template(
                "Vis mon job : votre binôme a changé",
                &signed("Bonjour {prenom},\n\n\
                    Votre binôme pour « Vis mon job » a changé : vous ne serez plus avec {ancien_binome}. \
                    Le {date}, vous passerez la journée avec {binome_civilite} {binome_prenom} {binome_nom}, \
                    {binome_metier} ({binome_poste}) {à binome_administration}, {à binome_commune}.\n\n\
                    Vous pouvez lui écrire à {binome_email} pour préparer cette journée.\n\n\
                    {mention_algorithme}"),
            ),
            change_ambassador: template(
                "Vis mon job : changement parmi les étudiants que vous accueillez",
                &signed("Bonjour {prenom},\n\n\
                    Les étudiants que vous accueillerez pour « Vis mon job » ont changé. \
                    Ne viendra plus : {ancien_binome}.\n\nLe {date}, vous accueillerez :\n\n{etudiants}\n\n\
                    {mention_algorithme}"),
            ),
            cancellation_student: template(
                "Vis mon job : votre binôme est annulé",
                &signed("Bonjour {prenom},\n\n\
                    Nous sommes désolés : votre binôme avec {ancien_binome} pour « Vis mon job » est annulé. \
                    Nous cherchons une autre solution et vous écrirons dès que possible.\n\n\
                    {mention_algorithme}"),
            ),
            cancellation_ambassador: template(
                "Vis mon job : l'accueil de {ancien_binome} est annulé",
                &signed("Bonjour {prenom},\n\n\
                    L'étudiant que vous deviez accueillir pour « Vis mon job », {ancien_binome}, ne viendra pas. \
                    Nous vous écrirons si un autre étudiant peut venir.\n\n\
                    {mention_algorithme}"),
            ),
            no_pair: template(
                "Vis mon job : pas de binôme cette année",
                &signed("Bonjour {prenom},\n\n\
                    Merci de votre intérêt pour « Vis mon job ». Nous n'avons malheureusement pas pu vous proposer de binôme \
                    cette année : les places ne permettaient pas de répondre à toutes les demandes. \
                    N'hésitez pas à candidater à nouveau l'an prochain.\n\n\
                    {mention_algorithme}"),
            ),
            no_student: template(
                "Vis mon job : pas d'étudiant cette année",
                &signed("Bonjour {prenom},\n\n\
                    Merci d'avoir proposé d'accueillir un étudiant pour « Vis mon job ». Aucun étudiant n'a pu vous être \
                    proposé cette année. Nous espérons vous compter parmi les ambassadeurs l'an prochain.\n\n\
                    {mention_algorithme}"),
            ),
            reminder_student: template(
                "Vis mon job : rappel, votre journée du {date}",
                &signed("Bonjour {prenom},\n\n\
                    Petit rappel : le {date}, vous passez la journée avec {binome_prenom} {binome_nom} \
                    {à binome_administration}, {à binome_commune}. Son adresse : {binome_email}."),
            ),
            reminder_ambassador: template(
                "Vis mon job : rappel, votre accueil du {date}",
                &signed("Bonjour {prenom},\n\n\
                    Petit rappel : le {date}, vous accueillez :\n\n{etudiants}"),
            ),
            thanks_student: template(
                "Vis mon job : merci !",
                &signed("Bonjour {prenom},\n\n\
                    Merci d'avoir participé à « Vis mon job » avec {binome_prenom} {binome_nom}. \
                    Nous espérons que cette journée vous a donné envie de rejoindre le service public."),
            ),
            thanks_ambassador: template(
                "Vis mon job : merci pour votre accueil",
                &signed("Bonjour {prenom},\n\n\
                    Merci d'avoir accueilli {nombre_etudiants} pour « Vis mon job ». \
                    Votre engagement fait découvrir le service public."),
            ),
        }
    }
}

impl Templates {
    /// The template of a kind of message to a role (none where the kind does not exist for
    /// it: « pas d'étudiant » is for ambassadors only, « pas de binôme » for students).
    pub fn get(&self, kind: MessageKind, role: Role) -> Option<&Template> {
        use MessageKind as K;
        Some(match (kind, role) {
            (K::NewPair, Role::Student) => &self.student,
            (K::NewPair, Role::Ambassador) => &self.ambassador,
            (K::Change, Role::Student) => &self.change_student,
            (K::Change, Role::Ambassador) => &self.change_ambassador,
            (K::Cancellation, Role::Student) => &self.cancellation_student,
            (K::Cancellation, Role::Ambassador) => &self.cancellation_ambassador,
            (K::NoPair, Role::Student) => &self.no_pair,
            (K::NoStudent, Role::Ambassador) => &self.no_student,
            (K::Reminder, Role::Student) => &self.reminder_student,
            (K::Reminder, Role::Ambassador) => &self.reminder_ambassador,
            (K::Thanks, Role::Student) => &self.thanks_student,
            (K::Thanks, Role::Ambassador) => &self.thanks_ambassador,
            (K::NoPair, Role::Ambassador) | (K::NoStudent, Role::Student) => return None,
        })
    }

    /// Whether this kind of message announces a pairing or its absence, and so must say that
    /// an algorithm computed it (CRPA art. L311-3-1).
    pub fn needs_algorithm_notice(kind: MessageKind) -> bool {
        kind.tells_standing()
    }
}

/// The fields a template may use, with what they hold (shown to the organiser). A field also
/// reads `{à champ}`, `{de champ}` and `{le champ}`: with the article French needs (« au
/// Ministère », « de l'IUT », « les Archives »).
pub const FIELDS: &[(&str, &str)] = &[
    ("prenom", "prénom de la personne"),
    ("nom", "nom de la personne"),
    ("civilite", "civilité de la personne"),
    (
        "date",
        "jour de l'immersion (date convenue, sinon le jour J)",
    ),
    (
        "binome_prenom",
        "prénom de son binôme (le premier étudiant, pour un ambassadeur)",
    ),
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
    (
        "etudiants",
        "pour un ambassadeur : la liste de tous ses étudiants, un par ligne",
    ),
    (
        "nombre_etudiants",
        "pour un ambassadeur : « 1 étudiant », « 2 étudiants »…",
    ),
    (
        "ancien_binome",
        "dans un changement ou une annulation : qui ne vient plus (ou n'accueille plus)",
    ),
    (
        "mention_algorithme",
        "la mention du traitement algorithmique (obligatoire, ajoutée à la fin si absente)",
    ),
    ("organisateur", "nom de l'organisateur"),
    ("organisateur_email", "e-mail de l'organisateur"),
];

/// Replaces `{field}` by its value, and `{à field}`, `{de field}`, `{le field}` by the value
/// with its article (`french`). Unknown fields are left as written, so a typo shows.
pub fn render(text: &str, values: &[(&str, String)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        if !out.contains(name) {
            continue;
        }
        out = out
            .replace(&format!("{{{name}}}"), value)
            .replace(&format!("{{à {name}}}"), &french::a(value))
            .replace(&format!("{{a {name}}}"), &french::a(value))
            .replace(&format!("{{de {name}}}"), &french::de(value))
            .replace(&format!("{{le {name}}}"), &french::le(value));
    }
    out
}

/// "2026-11-24" → "mardi 24 novembre 2026" (in `text`, where the view by date finds it too).
pub use crate::text::date_fr;

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// One message to one person, ready to write or send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub kind: MessageKind,
    pub role: Role,
    /// The student's or the ambassador's id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub person: i64,
    /// The partners it names (ambassadors for a student, students for an ambassador): what the
    /// person will have been told.
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub partners: Vec<i64>,
    /// Every person of the other role the text names: the partners and the former ones.
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub mentions: Vec<i64>,
    /// The pairs it is about (none for a cancellation or « pas de binôme »).
    pub pairs: Vec<PairId>,
    pub to_name: String,
    pub to_email: Option<String>,
    pub subject: String,
    pub body: String,
}

/// What a message to one person is composed from: the edition's people, pairs and templates.
pub struct Context<'a> {
    pub students: &'a HashMap<StudentId, Student>,
    pub ambassadors: &'a HashMap<AmbassadorId, Ambassador>,
    pub pairs: &'a [Pair],
    /// The edition's official day (AAAA-MM-JJ).
    pub official_day: Option<&'a str>,
    pub templates: &'a Templates,
}

fn full_name(first: &str, last: &str) -> String {
    crate::text::clean(&format!("{first} {}", last.to_uppercase()))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Context<'_> {
    fn day(&self, agreed: Option<&str>) -> String {
        match (agreed, self.official_day) {
            (Some(agreed), _) => date_fr(agreed),
            (None, Some(day)) => date_fr(day),
            (None, None) => "jour de l'opération (date à confirmer)".to_string(),
        }
    }

    fn student_pair(&self, student: StudentId) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.student_id == student)
    }

    /// An ambassador's pairs, their students sorted by name.
    fn ambassador_pairs(&self, ambassador: AmbassadorId) -> Vec<(&Pair, &Student)> {
        let mut out: Vec<_> = self
            .pairs
            .iter()
            .filter(|p| p.ambassador_id == ambassador)
            .filter_map(|p| self.students.get(&p.student_id).map(|s| (p, s)))
            .collect();
        out.sort_by_key(|(_, s)| {
            format!("{} {}", s.identity.last_name, s.identity.first_name).to_lowercase()
        });
        out
    }

    fn ambassador_label(&self, id: i64) -> Option<String> {
        let a = self.ambassadors.get(&AmbassadorId(id))?;
        let name = full_name(&a.identity.first_name, &a.identity.last_name);
        Some(match &a.administration {
            Some(admin) if !admin.trim().is_empty() => format!("{name} ({admin})"),
            _ => name,
        })
    }

    fn student_label(&self, id: i64) -> Option<String> {
        let s = self.students.get(&StudentId(id))?;
        Some(full_name(&s.identity.first_name, &s.identity.last_name))
    }

    /// The message of `kind` to a person, or None when the person is not in the edition, or
    /// the message makes no sense for them (a new pair for someone unpaired, « pas
    /// d'étudiant » to a student). `previous` are the partners the person was told about
    /// before (for a change or a cancellation).
    pub fn compose(
        &self,
        role: Role,
        person: i64,
        kind: MessageKind,
        previous: &[i64],
    ) -> Option<Message> {
        let template = self.templates.get(kind, role)?;
        let t = self.templates;
        let mut values: Vec<(&str, String)> = vec![
            ("organisateur", t.organiser_name.clone()),
            ("organisateur_email", t.organiser_email.clone()),
        ];
        let (to_name, to_email, partners, pairs);
        match role {
            Role::Student => {
                let s = self.students.get(&StudentId(person))?;
                let pair = self.student_pair(s.id);
                let needs_partner = matches!(
                    kind,
                    MessageKind::NewPair
                        | MessageKind::Change
                        | MessageKind::Reminder
                        | MessageKind::Thanks
                );
                if needs_partner && pair.is_none() {
                    return None;
                }
                values.extend([
                    ("prenom", s.identity.first_name.clone()),
                    ("nom", s.identity.last_name.clone()),
                    ("civilite", text(&s.identity.civility)),
                    (
                        "date",
                        self.day(pair.and_then(|p| p.agreed_date.as_deref())),
                    ),
                ]);
                if let Some(a) = pair.and_then(|p| self.ambassadors.get(&p.ambassador_id)) {
                    let ai = &a.identity;
                    values.extend([
                        ("binome_prenom", ai.first_name.clone()),
                        ("binome_nom", ai.last_name.to_uppercase()),
                        ("binome_civilite", text(&ai.civility)),
                        ("binome_email", text(&ai.email)),
                        ("binome_telephone", text(&ai.phone)),
                        ("binome_commune", text(&a.place.commune)),
                        ("binome_metier", text(&a.job)),
                        ("binome_poste", text(&a.job_title)),
                        ("binome_administration", text(&a.administration)),
                        ("binome_service", text(&a.service)),
                    ]);
                }
                let current: Vec<i64> = pair.map(|p| p.ambassador_id.0).into_iter().collect();
                let gone: Vec<String> = previous
                    .iter()
                    .filter(|id| !current.contains(id))
                    .filter_map(|id| self.ambassador_label(*id))
                    .collect();
                values.push(("ancien_binome", gone.join(", ")));
                to_name = crate::text::clean(&format!(
                    "{} {}",
                    s.identity.first_name, s.identity.last_name
                ));
                to_email = s.identity.email.clone();
                partners = if kind.tells_standing()
                    && matches!(kind, MessageKind::Cancellation | MessageKind::NoPair)
                {
                    Vec::new()
                } else {
                    current
                };
                pairs = pair.map(|p| p.id).into_iter().collect::<Vec<_>>();
            }
            Role::Ambassador => {
                let a = self.ambassadors.get(&AmbassadorId(person))?;
                let hosted = self.ambassador_pairs(a.id);
                let needs_partner = matches!(
                    kind,
                    MessageKind::NewPair
                        | MessageKind::Change
                        | MessageKind::Reminder
                        | MessageKind::Thanks
                );
                if needs_partner && hosted.is_empty() {
                    return None;
                }
                let agreed: Vec<Option<&str>> = hosted
                    .iter()
                    .map(|(p, _)| p.agreed_date.as_deref())
                    .collect();
                // One day for the whole message when all the students come the same day;
                // otherwise each line says its day.
                let same_day = agreed.windows(2).all(|w| w[0] == w[1]);
                let day = self.day(if same_day {
                    agreed.first().copied().flatten()
                } else {
                    None
                });
                values.extend([
                    ("prenom", a.identity.first_name.clone()),
                    ("nom", a.identity.last_name.clone()),
                    ("civilite", text(&a.identity.civility)),
                    ("date", day),
                    (
                        "nombre_etudiants",
                        plural(hosted.len(), "étudiant", "étudiants"),
                    ),
                ]);
                let lines: Vec<String> = hosted
                    .iter()
                    .map(|(p, s)| {
                        let si = &s.identity;
                        let mut line = format!("- {}", full_name(&si.first_name, &si.last_name));
                        let study = match (&s.curriculum, &s.level) {
                            (Some(c), Some(l)) => format!("{c} ({l})"),
                            (Some(c), None) => c.clone(),
                            (None, Some(l)) => l.clone(),
                            (None, None) => String::new(),
                        };
                        if !study.is_empty() {
                            line.push_str(&format!(", {study}"));
                        }
                        if let Some(school) = s.school.as_deref().filter(|x| !x.trim().is_empty()) {
                            line.push_str(&format!(" {}", french::a(school)));
                        }
                        for contact in [&si.email, &si.phone].into_iter().flatten() {
                            line.push_str(&format!(" — {contact}"));
                        }
                        if !same_day {
                            line.push_str(&format!(", le {}", self.day(p.agreed_date.as_deref())));
                        }
                        line
                    })
                    .collect();
                values.push(("etudiants", lines.join("\n")));
                if let Some((_, s)) = hosted.first() {
                    let si = &s.identity;
                    values.extend([
                        ("binome_prenom", si.first_name.clone()),
                        ("binome_nom", si.last_name.to_uppercase()),
                        ("binome_civilite", text(&si.civility)),
                        ("binome_email", text(&si.email)),
                        ("binome_telephone", text(&si.phone)),
                        ("binome_commune", text(&s.place.commune)),
                        ("binome_ecole", text(&s.school)),
                        ("binome_formation", text(&s.curriculum)),
                        ("binome_niveau", text(&s.level)),
                    ]);
                }
                let current: Vec<i64> = hosted.iter().map(|(_, s)| s.id.0).collect();
                let gone: Vec<String> = previous
                    .iter()
                    .filter(|id| !current.contains(id))
                    .filter_map(|id| self.student_label(*id))
                    .collect();
                values.push(("ancien_binome", gone.join(", ")));
                to_name = crate::text::clean(&format!(
                    "{} {}",
                    a.identity.first_name, a.identity.last_name
                ));
                to_email = a.identity.email.clone();
                partners = if matches!(kind, MessageKind::Cancellation | MessageKind::NoStudent) {
                    Vec::new()
                } else {
                    current
                };
                pairs = hosted.iter().map(|(p, _)| p.id).collect();
            }
        }
        // Fields a person lacks (no pair yet) read as nothing rather than as `{field}`.
        for (name, _) in FIELDS {
            if !values.iter().any(|(n, _)| n == name) && *name != "mention_algorithme" {
                values.push((name, String::new()));
            }
        }
        let notice = if Templates::needs_algorithm_notice(kind) {
            render(&t.algorithm_notice, &values)
        } else {
            String::new()
        };
        let mut body = template.body.clone();
        if !notice.is_empty() && !body.contains("{mention_algorithme}") {
            // The notice is the law's, not the template's: a template without it still says it.
            body = format!("{}\n\n{{mention_algorithme}}\n", body.trim_end());
        }
        values.push(("mention_algorithme", notice));
        let mut mentions: Vec<i64> = partners.iter().chain(previous).copied().collect();
        if role == Role::Ambassador {
            // An ambassador's message lists all their students, partners or not.
            mentions.extend(
                self.pairs
                    .iter()
                    .filter(|p| p.ambassador_id.0 == person)
                    .map(|p| p.student_id.0),
            );
        } else if let Some(p) = self.student_pair(StudentId(person)) {
            mentions.push(p.ambassador_id.0);
        }
        mentions.sort_unstable();
        mentions.dedup();
        Some(Message {
            kind,
            role,
            person,
            mentions,
            partners,
            pairs,
            to_name,
            to_email,
            subject: crate::text::clean(&render(&template.subject, &values)),
            body: tidy(&render(&body, &values)),
        })
    }
}

/// A body without the gaps an empty field leaves (« , , », spaces before a comma, three
/// blank lines).
fn tidy(body: &str) -> String {
    let mut out = body.to_string();
    for (from, to) in [
        (" ,", ","),
        (",,", ","),
        ("( )", ""),
        ("()", ""),
        ("  ", " "),
        ("\n\n\n\n", "\n\n"),
        ("\n\n\n", "\n\n"),
    ] {
        while out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
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
        assert_eq!(
            render(
                "{à lieu}, {de lieu}, {le lieu}",
                &[("lieu", "Ministère du Travail".into())]
            ),
            "au Ministère du Travail, du Ministère du Travail, le Ministère du Travail"
        );
    }
}
