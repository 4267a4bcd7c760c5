//! Which column holds what: header texts — often whole questions ("Métier que vous souhaitez
//! découvrir (1er choix)") — matched to fields, accent- and case-insensitively, with a confidence.
//! Columns that match nothing are kept in the stored row; they are just not interpreted.

use serde::Serialize;
use std::collections::HashMap;

pub use crate::model::Field;
use crate::model::Role;
pub use crate::text::header_key as normalize_header;

/// A field the organiser can pick for a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldChoice {
    pub field: Field,
    pub label: String,
}

/// A header matched (or not) to a field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ColumnMatch {
    /// 0-based column index.
    pub index: u32,
    /// The header as it came.
    pub header: String,
    pub field: Option<Field>,
    /// The field's French label, for display.
    pub label: Option<String>,
    /// The organiser chose this match by hand (remembered for the next files).
    pub chosen: bool,
    /// 1.0 for an exact known header, less for a header that merely contains a known phrase.
    pub confidence: f32,
}

/// One rule: the field, phrases that name it, and words that rule a header out.
struct Rule {
    field: Field,
    phrases: &'static [&'static str],
    unless: &'static [&'static str],
}

const fn rule(
    field: Field,
    phrases: &'static [&'static str],
    unless: &'static [&'static str],
) -> Rule {
    Rule {
        field,
        phrases,
        unless,
    }
}

/// Words that make a header about someone else (the démarches simplifiées proxy).
const PROXY: &[&str] = &["mandataire", "tiers"];

const COMMON: &[Rule] = &[
    rule(Field::InseeCode, &["code insee", "insee"], &[]),
    rule(Field::Departement, &["departement"], &["code postal"]),
    rule(Field::PostalCode, &["code postal", "cp", "postal"], &[]),
    rule(
        Field::Email,
        &[
            "email",
            "e mail",
            "mail",
            "courriel",
            "adresse electronique",
            "adresse mail",
            "adresse e mail",
        ],
        PROXY,
    ),
    rule(
        Field::Phone,
        &[
            "telephone",
            "tel",
            "portable",
            "numero de telephone",
            "mobile",
        ],
        &[],
    ),
    rule(Field::Civility, &["civilite", "genre", "titre"], PROXY),
    rule(Field::FirstName, &["prenom"], PROXY),
    rule(
        Field::LastName,
        &["nom", "nom de famille", "nom d usage", "nom de naissance"],
        &[
            "mandataire",
            "tiers",
            "prenom",
            "etablissement",
            "ecole",
            "commune",
            "ville",
            "structure",
            "service",
            "administration",
        ],
    ),
    rule(
        Field::Commune,
        &[
            "commune",
            "ville",
            "localite",
            "lieu de residence",
            "lieu de travail",
        ],
        &["code"],
    ),
    rule(
        Field::Comments,
        &[
            "remarques",
            "commentaires",
            "commentaire",
            "remarque",
            "contraintes",
            "observations",
            "precisions",
        ],
        &[],
    ),
];

const STUDENT: &[Rule] = &[
    rule(
        Field::ApplicationState,
        &["etat du dossier", "etat", "statut du dossier"],
        &[],
    ),
    // The filing date, not the last update nor the decision: "the latest application" is the
    // one filed last.
    rule(
        Field::ApplicationDate,
        &[
            "depose le",
            "deposee le",
            "date de depot",
            "date du depot",
            "date de depot du dossier",
        ],
        &[],
    ),
    rule(
        Field::Job1,
        &[
            "metier 1er choix",
            "1er choix",
            "premier choix",
            "metier 1",
            "choix 1",
            "metier souhaite",
            "metier",
            "metiers",
        ],
        &["2e", "3e", "deuxieme", "troisieme", "second"],
    ),
    rule(
        Field::Job2,
        &[
            "2e choix",
            "deuxieme choix",
            "second choix",
            "metier 2",
            "choix 2",
        ],
        &[],
    ),
    rule(
        Field::Job3,
        &["3e choix", "troisieme choix", "metier 3", "choix 3"],
        &[],
    ),
    rule(
        Field::WishedAdministration,
        &["administration", "ministere", "administration souhaitee"],
        &[],
    ),
    rule(
        Field::Mobility,
        &["mobilite", "mobilite geographique", "deplacement"],
        &[],
    ),
    rule(
        Field::School,
        &[
            "etablissement d enseignement",
            "etablissement",
            "ecole",
            "universite",
            "etablissement de formation",
        ],
        &[],
    ),
    rule(
        Field::Level,
        &["niveau d etudes", "niveau", "annee d etudes"],
        &[],
    ),
    rule(
        Field::Curriculum,
        &[
            "formation",
            "intitule de votre formation",
            "diplome",
            "cursus",
            "filiere",
        ],
        &["etablissement"],
    ),
];

const AMBASSADOR: &[Rule] = &[
    rule(
        Field::PreferredLevels,
        &[
            "niveau souhaite",
            "niveaux souhaites",
            "niveau prefere",
            "niveaux preferes",
            "niveau d etudes souhaite",
            "niveau d etudes prefere",
            "niveaux d etudes preferes",
            "niveau des etudiants",
            "niveau d etudes",
            "niveau",
        ],
        // The ambassador's own rank is no preference about students.
        &[
            "hierarchique",
            "responsabilite",
            "grade",
            "poste",
            "categorie",
            "anglais",
            "langue",
        ],
    ),
    rule(
        Field::Capacity,
        &[
            "combien d etudiants",
            "capacite",
            "nombre d etudiants",
            "nombre de places",
            "places",
        ],
        &[],
    ),
    rule(
        Field::JobTitle,
        &[
            "intitule de poste",
            "intitule exact de votre poste",
            "intitule",
            "poste",
            "fonction",
        ],
        &[],
    ),
    rule(
        Field::Job,
        &["metier", "quel est votre metier", "famille de metier"],
        &[],
    ),
    rule(
        Field::StructureType,
        &[
            "type de structure",
            "type d administration",
            "type d employeur",
            "structure",
        ],
        &[],
    ),
    rule(
        Field::Administration,
        &[
            "administration",
            "ministere",
            "employeur",
            "administration ou ministere de rattachement",
        ],
        &["type"],
    ),
    rule(
        Field::Service,
        &["service", "direction", "service direction", "bureau"],
        &[],
    ),
];

/// Whether `phrase` is in `header` as whole words: preceded by the start or a space, followed by
/// the end or a space (both normalised, words separated by one space). Without allocating: it
/// runs for every cell of the first rows against every rule when the header row is looked for.
fn contains_words(header: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return header.is_empty()
            || header.starts_with(' ')
            || header.ends_with(' ')
            || header.contains("  ");
    }
    let bytes = header.as_bytes();
    let mut from = 0;
    while let Some(found) = header[from..].find(phrase) {
        let start = from + found;
        let end = start + phrase.len();
        let before = start == 0 || bytes[start - 1] == b' ';
        let after = end == header.len() || bytes[end] == b' ';
        if before && after {
            return true;
        }
        // Overlapping occurrences too: the next try starts one character further.
        from = start + header[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

fn confidence(rule: &Rule, header: &str) -> f32 {
    if rule.unless.iter().any(|w| contains_words(header, w)) {
        return 0.0;
    }
    rule.phrases
        .iter()
        .map(|phrase| {
            if header == *phrase {
                1.0
            } else if contains_words(header, phrase) {
                // Longer phrases that explain more of the header are surer.
                0.6 + 0.35 * (phrase.len() as f32 / header.len().max(1) as f32).min(1.0)
            } else {
                0.0
            }
        })
        .fold(0.0, f32::max)
}

/// Matches every header of a row to at most one field, and every field to at most one column
/// (the surest, then the leftmost).
pub fn match_headers(role: Role, headers: &[String]) -> Vec<ColumnMatch> {
    match_headers_with(role, headers, &HashMap::new())
}

/// Like [`match_headers`], the organiser's remembered choices first (by normalised header).
pub fn match_headers_with(
    role: Role,
    headers: &[String],
    choices: &HashMap<String, Option<Field>>,
) -> Vec<ColumnMatch> {
    let rules: Vec<&Rule> = COMMON
        .iter()
        .chain(match role {
            Role::Student => STUDENT.iter(),
            Role::Ambassador => AMBASSADOR.iter(),
        })
        .collect();
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    // Every (confidence, column, field) candidate, surest first; a choice made by hand beats all.
    let mut candidates: Vec<(f32, usize, Field)> = Vec::new();
    let mut chosen = vec![false; headers.len()];
    for (column, header) in normalized.iter().enumerate() {
        if header.is_empty() {
            continue;
        }
        if let Some(choice) = choices.get(header) {
            chosen[column] = true;
            if let Some(field) = choice {
                candidates.push((2.0, column, *field));
            }
            continue;
        }
        // A commune question exports as "Q", "Q (Code INSEE)", "Q (Département)".
        let suffix_field = if header.ends_with("code insee") {
            Some(Field::InseeCode)
        } else if header.ends_with(" departement") && header.contains("commune") {
            Some(Field::Departement)
        } else {
            None
        };
        if let Some(field) = suffix_field {
            candidates.push((1.0, column, field));
            continue;
        }
        for rule in &rules {
            let c = confidence(rule, header);
            if c > 0.0 {
                candidates.push((c, column, rule.field));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut matches: Vec<ColumnMatch> = headers
        .iter()
        .enumerate()
        .map(|(index, header)| ColumnMatch {
            index: index as u32,
            header: header.clone(),
            field: None,
            label: None,
            chosen: false,
            confidence: 0.0,
        })
        .collect();
    let mut taken_fields = Vec::new();
    for (c, column, field) in candidates {
        if matches[column].field.is_some() || taken_fields.contains(&field) {
            continue;
        }
        matches[column].field = Some(field);
        matches[column].label = Some(field.label_fr().to_string());
        matches[column].confidence = c.min(1.0);
        taken_fields.push(field);
    }
    for (m, chosen) in matches.iter_mut().zip(chosen) {
        m.chosen = chosen;
    }
    matches
}

/// The columns of a header that surely name fields only the other role has (« Combien
/// d'étudiants pouvez-vous accueillir ? », « Type de structure » for a students' file), at least
/// two, when none names such a field of `role`'s own:
/// the file is the other role's — imported as it is, its people would be paired with their
/// own kind. `None` when the header is `role`'s, or cannot tell.
pub fn other_role_columns(role: Role, cells: &[String]) -> Option<Vec<String>> {
    let own_to = |role: Role| -> Vec<String> {
        match_headers(role, cells)
            .into_iter()
            .filter(|m| m.confidence >= 0.75)
            .filter(|m| m.field.is_some_and(|f| f.tells_role() == Some(role)))
            .map(|m| m.header)
            .collect()
    };
    let other = match role {
        Role::Student => Role::Ambassador,
        Role::Ambassador => Role::Student,
    };
    let theirs = own_to(other);
    (own_to(role).is_empty() && theirs.len() >= 2).then_some(theirs)
}

/// How much a row looks like a header for `role`: the number of identity fields it names
/// (nom, prénom, e-mail) counted double, plus the other fields.
pub fn header_score(role: Role, cells: &[String]) -> u32 {
    match_headers(role, cells)
        .iter()
        .filter(|m| m.confidence >= 0.6)
        .filter_map(|m| m.field)
        .map(|f| match f {
            Field::LastName | Field::FirstName | Field::Email => 2,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(role: Role, headers: &[&str]) -> Vec<Option<Field>> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        match_headers(role, &headers)
            .into_iter()
            .map(|m| m.field)
            .collect()
    }

    #[test]
    fn whole_words_only_as_the_padded_search_found_them() {
        let padded = |h: &str, p: &str| format!(" {h} ").contains(&format!(" {p} "));
        let headers = [
            "",
            "nom",
            "nom de famille",
            "prenom",
            "aa a a",
            "xa a",
            "code postal de votre lieu de residence",
            "commune code insee",
            "métier souhaité 1er choix",
            " nom",
        ];
        let phrases = [
            "nom",
            "a a",
            "code postal",
            "insee",
            "choix",
            "souhaité 1er",
            "om",
            "",
        ];
        for h in headers {
            for p in phrases {
                assert_eq!(contains_words(h, p), padded(h, p), "{h:?} / {p:?}");
            }
        }
    }

    #[test]
    fn demarches_simplifiees_headers() {
        let got = fields(
            Role::Student,
            &[
                "ID",
                "Email",
                "Civilité",
                "Nom",
                "Prénom",
                "Nom du mandataire",
                "Prénom du mandataire",
                "État du dossier",
                "Commune de votre lieu de résidence",
                "Commune de votre lieu de résidence (Code INSEE)",
                "Commune de votre lieu de résidence (Département)",
                "Code postal de votre lieu de résidence",
                "Métier que vous souhaitez découvrir (1er choix)",
                "Métier que vous souhaitez découvrir (2e choix)",
                "Métier que vous souhaitez découvrir (3e choix)",
                "Administration que vous souhaiteriez découvrir",
                "Mobilité géographique",
                "Établissement d'enseignement",
                "Intitulé de votre formation",
                "Niveau d'études",
            ],
        );
        use Field::*;
        assert_eq!(
            got,
            [
                None,
                Some(Email),
                Some(Civility),
                Some(LastName),
                Some(FirstName),
                None,
                None,
                Some(ApplicationState),
                Some(Commune),
                Some(InseeCode),
                Some(Departement),
                Some(PostalCode),
                Some(Job1),
                Some(Job2),
                Some(Job3),
                Some(WishedAdministration),
                Some(Mobility),
                Some(School),
                Some(Curriculum),
                Some(Level),
            ]
        );
    }

    #[test]
    fn sphinx_headers() {
        use Field::*;
        let got = fields(
            Role::Ambassador,
            &[
                "N°",
                "NOM",
                "Prénom",
                "Adresse électronique professionnelle",
                "Quel est votre métier ?",
                "Intitulé exact de votre poste",
                "Administration ou ministère de rattachement",
                "Type de structure",
                "Service / direction",
                "Ville de votre lieu de travail",
                "Combien d'étudiants pouvez-vous accueillir ?",
            ],
        );
        assert_eq!(
            got,
            [
                None,
                Some(LastName),
                Some(FirstName),
                Some(Email),
                Some(Job),
                Some(JobTitle),
                Some(Administration),
                Some(StructureType),
                Some(Service),
                Some(Commune),
                Some(Capacity),
            ]
        );
    }

    #[test]
    fn a_title_row_is_not_a_header() {
        let title = vec!["Vis mon job 2026 — inscriptions des ambassadeurs".to_string()];
        let header: Vec<String> = ["NOM", "Prénom", "Adresse électronique professionnelle"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(header_score(Role::Ambassador, &header) > header_score(Role::Ambassador, &title));
        assert!(header_score(Role::Ambassador, &title) < 2);
    }
}
