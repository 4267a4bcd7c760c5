//! Referentials: reference data compiled into the engine, read-only at run time (no network).
//!
//! - [`geography`]: régions, départements (with a reference point for distances) and communes with their
//!   postal codes, from `assets/referentials/geo/` (see `assets/DATA_SOURCES.md`).
//! - [`jobs`]: the State's digital métiers, with their families and the ways people write them, from
//!   `assets/referentials/metiers.tsv`.
//! - [`administrations`]: ministries, services and opérateurs, with their acronyms, former names and
//!   what they are attached to, from `assets/referentials/administrations.tsv`.
//!
//! Métiers and administrations are recognised in free text the same way: the text and every name of
//! the table are reduced to a comparison key ([`label_key`]), and the answer says how the entry was
//! found ([`Recognition`]). That machinery lives here, shared by both.

pub mod administrations;
pub mod geography;
pub mod jobs;

pub use administrations::{Administration, AdministrationMatch, Administrations};
pub use geography::{
    name_key, normalize_postal_code, Commune, CommuneKind, Departement, Geography, Match, Region,
    Resolution,
};
pub use jobs::{Job, JobMatch, Jobs};

use std::collections::HashMap;

use serde::Serialize;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// How a métier or an administration was recognised in what someone wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Recognition {
    /// The text is the entry's label, code or acronym (accents, case and punctuation aside).
    Exact,
    /// The text is one of the entry's synonyms in the referential.
    Synonym,
    /// The text is a synonym the organiser added; these come before the referential's own names.
    OrganiserSynonym,
    /// A label or synonym of a single entry appears, as whole words, inside a longer text
    /// ("Développeur web junior"). A guess worth showing to the organiser.
    Contains,
    /// Nothing fits, several entries fit equally, or the text is empty.
    Unknown,
}

impl Recognition {
    /// French label, for the organiser.
    pub fn label(self) -> &'static str {
        match self {
            Recognition::Exact => "libellé exact",
            Recognition::Synonym => "synonyme connu",
            Recognition::OrganiserSynonym => "synonyme ajouté par l'organisateur",
            Recognition::Contains => "reconnu dans un texte plus long",
            Recognition::Unknown => "non reconnu",
        }
    }

    /// True when an entry was found.
    pub fn is_found(self) -> bool {
        self != Recognition::Unknown
    }
}

/// Words dropped from keys: articles, prepositions and elisions, so that "Chef de projet" and "Chef
/// projet", "Ministère de l'Intérieur" and "Ministère Intérieur" compare equal.
const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les",
];

/// What inclusive writing appends to a word, split off by a point, a middle dot, a hyphen or
/// brackets: "Développeur.se", "Ingénieur·e·s", "Technicien(ne)", "Chef·fe". Dropped, except as
/// the first word.
const FEMININE_MARKS: &[&str] = &[
    "e", "es", "s", "se", "ses", "euse", "euses", "rice", "rices", "trice", "trices", "ere",
    "eres", "fe", "ne",
];

/// The key free text is compared on with the labels and synonyms of the métiers and administrations:
/// accents, case and punctuation removed, articles and prepositions dropped, inclusive-writing marks
/// dropped, each word reduced to its masculine singular in the usual French ways ("Développeuses" →
/// `developpeur`, "Cheffe" → `chef`, "réseaux" → `reseau`).
///
/// `label_key("Développeur.se")` is `developpeur`; `label_key("Officier de sécurité des systèmes
/// d'information")` is `officier securite systeme information`. The key of a key is itself, so
/// callers may store keys and pass them back.
pub fn label_key(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let letter = if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
                true
            } else {
                false
            }
        } else {
            fold_char(c, &mut word)
        };
        if !letter && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }

    let mut key = String::with_capacity(text.len());
    for raw in &words {
        if is_dropped(raw, key.is_empty()) {
            continue;
        }
        let stem = word_stem(raw);
        // Checked again on the stem so that the key of a key is the same key.
        if stem.is_empty() || is_dropped(&stem, key.is_empty()) {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&stem);
    }
    key
}

fn is_dropped(word: &str, first: bool) -> bool {
    STOP_WORDS.contains(&word) || (!first && FEMININE_MARKS.contains(&word))
}

/// Appends the folded form of a non-ASCII character (its letters without accents, in lower case) and
/// returns true; returns false, appending nothing, for a separator (punctuation, a typographic
/// apostrophe, a middle dot, a non-breaking space). Shared by every referential's key.
fn fold_char(c: char, out: &mut String) -> bool {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        _ => {
            let mut letter = false;
            decompose_canonical(c, |part| {
                if is_combining_mark(part) {
                    // An accent, or what decomposition split off: dropped.
                } else if part.is_alphanumeric() {
                    out.extend(part.to_lowercase());
                    letter = true;
                }
            });
            // A lone combining mark (decomposed input) belongs to the word it follows.
            return letter || is_combining_mark(c);
        }
    }
    true
}

/// One word in its masculine singular, by the regular French endings. Every rule shortens the word,
/// and they are applied until none applies, so the result is stable (the key of a key is itself).
/// Applied to both sides of every comparison, a rule that also changes an unrelated word
/// ("ministère" → `minister`) does no harm; the tests check that no two entries end up with the
/// same key.
fn word_stem(word: &str) -> String {
    let mut word = word.to_string();
    loop {
        let before = word.len();
        plural_to_singular(&mut word);
        feminine_to_masculine(&mut word);
        if word.len() == before {
            return word;
        }
    }
}

fn plural_to_singular(word: &mut String) {
    if word.len() > 4 && word.ends_with("eaux") {
        word.pop(); // réseaux → réseau
    } else if word.len() > 4 && word.ends_with("aux") {
        word.truncate(word.len() - 3);
        word.push_str("al"); // sociaux → social
    } else if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        word.pop();
    }
}

fn feminine_to_masculine(word: &mut String) {
    // (ending, replacement, shortest word it applies to): short words are left alone, so that "ere"
    // or "elle" on their own are not rewritten.
    const ENDINGS: &[(&str, &str, usize)] = &[
        ("trice", "teur", 7), // administratrice → administrateur
        ("euse", "eur", 6),   // développeuse → développeur
        ("eure", "eur", 6),   // ingénieure → ingénieur
        ("ienne", "ien", 7),  // technicienne → technicien
        ("elle", "el", 6),    // fonctionnelle → fonctionnel
        ("effe", "ef", 5),    // cheffe → chef
        ("ere", "er", 5),     // officière → officier
        ("ee", "e", 4),       // chargée → chargé
    ];
    for (ending, replacement, shortest) in ENDINGS {
        if word.len() >= *shortest && word.ends_with(ending) {
            word.truncate(word.len() - ending.len());
            word.push_str(replacement);
            return;
        }
    }
}

/// The names of a referential's entries by key, for [`Recognition`]. Entries are rows of the
/// referential, by index.
#[derive(Debug, Default)]
struct Lexicon {
    /// Keys of codes, labels and acronyms.
    exact: HashMap<String, usize>,
    /// Keys of synonyms.
    synonyms: HashMap<String, usize>,
    /// Labels, acronyms and synonyms as words, grouped by their first word, for [`Recognition::Contains`].
    phrases: HashMap<String, Vec<(Vec<String>, usize)>>,
}

/// What a name of an entry is, for [`Lexicon::add`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameKind {
    /// An identifier: recognised as a whole text only.
    Code,
    /// The label or the acronym.
    Label,
    Synonym,
}

/// One place where a known name appears in a text, as word positions `start..end`.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    entry: usize,
    organiser: bool,
}

impl Hit {
    /// True when `self` makes `other` redundant: it spans all of `other` and more, or the same words
    /// as an organiser's synonym against a built-in one.
    fn covers(&self, other: &Hit) -> bool {
        let inside = self.start <= other.start && other.end <= self.end;
        let longer = self.end - self.start > other.end - other.start;
        inside && (longer || (self.organiser && !other.organiser))
    }
}

impl Lexicon {
    /// Adds one name of `entry`. The first entry to claim a key keeps it (the tests check that no
    /// two entries share one).
    fn add(&mut self, entry: usize, name: &str, kind: NameKind) {
        let key = label_key(name);
        if key.is_empty() {
            return;
        }
        let index = match kind {
            NameKind::Code | NameKind::Label => &mut self.exact,
            NameKind::Synonym => &mut self.synonyms,
        };
        index.entry(key.clone()).or_insert(entry);
        if kind == NameKind::Code {
            return;
        }
        let words: Vec<String> = key.split(' ').map(str::to_string).collect();
        let phrases = self.phrases.entry(words[0].clone()).or_default();
        if !phrases.iter().any(|(known, _)| *known == words) {
            phrases.push((words, entry));
        }
    }

    /// Recognises `text`. `extra` are the organiser's synonyms, already keyed, with their entry;
    /// `narrow` chooses among several entries found in a longer text (or declines).
    fn recognize(
        &self,
        text: &str,
        extra: &[(String, usize)],
        narrow: impl Fn(&[usize]) -> Option<usize>,
    ) -> (Option<usize>, Recognition) {
        let key = label_key(text);
        if key.is_empty() {
            return (None, Recognition::Unknown);
        }
        if let Some((entry, how)) = self.whole(&key, extra) {
            return (Some(entry), how);
        }
        // "Direction interministérielle du numérique (DINUM)", "ANSSI (SGDSN)": a name and, in
        // brackets, its acronym or what it belongs to.
        if let Some((before, inside)) = split_trailing_brackets(text) {
            let outer = self.whole(&label_key(before), extra);
            let inner = self.whole(&label_key(inside), extra);
            if let (Some(outer), Some(inner)) = (outer, inner) {
                if outer.0 == inner.0 {
                    return (Some(outer.0), outer.1);
                }
                if let Some(chosen) = narrow(&[outer.0, inner.0]) {
                    let how = if chosen == outer.0 { outer.1 } else { inner.1 };
                    return (Some(chosen), how);
                }
            }
        }
        match self.contained(&key, extra, narrow) {
            Some(entry) => (Some(entry), Recognition::Contains),
            None => (None, Recognition::Unknown),
        }
    }

    /// The entry whose name is the whole key: the organiser's synonyms first.
    fn whole(&self, key: &str, extra: &[(String, usize)]) -> Option<(usize, Recognition)> {
        if let Some((_, entry)) = extra.iter().find(|(k, _)| k == key) {
            return Some((*entry, Recognition::OrganiserSynonym));
        }
        if let Some(&entry) = self.exact.get(key) {
            return Some((entry, Recognition::Exact));
        }
        self.synonyms
            .get(key)
            .map(|&entry| (entry, Recognition::Synonym))
    }

    /// The single entry whose names appear as whole words in the key. A name inside a longer one
    /// found at the same place does not count ("Analyste" inside "Analyste SOC"), nor does a
    /// one-word name of fewer than three letters ("PO", "MI"), too likely to be something else.
    fn contained(
        &self,
        key: &str,
        extra: &[(String, usize)],
        narrow: impl Fn(&[usize]) -> Option<usize>,
    ) -> Option<usize> {
        let words: Vec<&str> = key.split(' ').collect();
        let extra: Vec<(Vec<&str>, usize)> = extra
            .iter()
            .map(|(k, entry)| (k.split(' ').collect(), *entry))
            .collect();
        let mut hits: Vec<Hit> = Vec::new();
        for start in 0..words.len() {
            let rest = &words[start..];
            let built_in =
                self.phrases
                    .get(words[start])
                    .into_iter()
                    .flatten()
                    .map(|(phrase, entry)| {
                        (phrase.iter().map(String::as_str).collect(), *entry, false)
                    });
            let organiser = extra
                .iter()
                .map(|(phrase, entry)| (phrase.clone(), *entry, true));
            for (phrase, entry, organiser) in built_in.chain(organiser) {
                let phrase: Vec<&str> = phrase;
                if is_significant(&phrase) && rest.starts_with(&phrase) {
                    hits.push(Hit {
                        start,
                        end: start + phrase.len(),
                        entry,
                        organiser,
                    });
                }
            }
        }
        let mut entries: Vec<usize> = hits
            .iter()
            .filter(|hit| !hits.iter().any(|other| other.covers(hit)))
            .map(|hit| hit.entry)
            .collect();
        entries.sort_unstable();
        entries.dedup();
        match entries.as_slice() {
            [] => None,
            [one] => Some(*one),
            several => narrow(several),
        }
    }
}

fn is_significant(phrase: &[&str]) -> bool {
    match phrase {
        [] => false,
        [word] => word.chars().count() >= 3,
        _ => true,
    }
}

/// `Direction interministérielle du numérique (DINUM)` → (`Direction interministérielle du numérique`,
/// `DINUM`); `None` without a trailing bracket or with nothing before or inside it.
fn split_trailing_brackets(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end();
    let open = trimmed.strip_suffix(')')?.rfind('(')?;
    // '(' and ')' are one byte each, so these bounds fall on character boundaries.
    let before = trimmed[..open].trim();
    let inside = trimmed[open + 1..trimmed.len() - 1].trim();
    (!before.is_empty() && !inside.is_empty()).then_some((before, inside))
}

/// The organiser's synonyms as (key, entry), dropping those that name no entry or have an empty key.
fn organiser_synonyms(
    extra: &[(String, String)],
    entry_of_code: impl Fn(&str) -> Option<usize>,
) -> Vec<(String, usize)> {
    extra
        .iter()
        .filter_map(|(text, code)| {
            let key = label_key(text);
            let entry = entry_of_code(code.trim())?;
            (!key.is_empty()).then_some((key, entry))
        })
        .collect()
}

/// The rows of an embedded table, after checking its header line. Blank lines are skipped.
fn read_table<const N: usize>(
    file: &str,
    tsv: &'static str,
    header: [&str; N],
) -> Result<Vec<[&'static str; N]>, String> {
    let mut lines = tsv.lines();
    if !lines.next().unwrap_or("").split('\t').eq(header) {
        return Err(format!("{file} : en-tête inattendu"));
    }
    let mut rows = Vec::new();
    for (number, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut cells = [""; N];
        let mut parts = line.split('\t');
        for cell in cells.iter_mut() {
            *cell = parts
                .next()
                .ok_or_else(|| format!("{file}, ligne {} : colonnes manquantes", number + 2))?
                .trim();
        }
        if parts.next().is_some() {
            return Err(format!("{file}, ligne {} : colonnes en trop", number + 2));
        }
        rows.push(cells);
    }
    Ok(rows)
}

/// The `|`-separated synonyms of a cell.
fn split_synonyms(cell: &'static str) -> Vec<&'static str> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_accents_case_punctuation_and_small_words() {
        for same in [
            "Développeur",
            "DEVELOPPEUR",
            "developpeur ",
            "De\u{301}veloppeur",
            "Développeur.se",
            "Développeur·se",
            "Développeur(se)",
            "Développeur(e)s",
            "Développeuse",
            "développeurs",
            "Développeur-euse",
        ] {
            assert_eq!(label_key(same), "developpeur", "{same:?}");
        }
        assert_eq!(label_key("Cheffe de projet SI"), "chef projet si");
        assert_eq!(label_key("Chef·fe de projet SI"), "chef projet si");
        assert_eq!(
            label_key("Administratrice systèmes et réseaux"),
            label_key("Administrateur système & réseau")
        );
        assert_eq!(label_key("Technicienne support"), "technicien support");
        assert_eq!(label_key("Ingénieur·e·s DevOps"), "ingenieur devop");
        assert_eq!(label_key("Chargée de mission"), "charge mission");
        assert_eq!(label_key("Officière de sécurité"), "officier securite");
        assert_eq!(
            label_key("Ministère de l’Intérieur"),
            label_key("ministere interieur")
        );
        assert_eq!(label_key("UI/UX"), "ui ux");
        assert_eq!(label_key("Œuvre"), "oeuvre");
        assert_eq!(label_key(" - "), "");
        assert_eq!(label_key("de la"), "");
        // A mark alone is a word.
        assert_eq!(label_key("E-administration"), "e administration");
    }

    #[test]
    fn the_key_of_a_key_is_itself() {
        for text in [
            "Développeur.se fullstack",
            "Chargées d'études statistiques",
            "Ingénieures réseaux et télécoms",
            "Ministères économiques et financiers",
            "Armées",
            "xeree",
            "Les Lees",
            "Outre-mer",
            "Technicien·ne·s",
        ] {
            let key = label_key(text);
            assert_eq!(label_key(&key), key, "{text:?}");
        }
    }

    #[test]
    fn trailing_brackets() {
        assert_eq!(
            split_trailing_brackets("Direction interministérielle du numérique (DINUM) "),
            Some(("Direction interministérielle du numérique", "DINUM"))
        );
        assert_eq!(split_trailing_brackets("(DINUM)"), None);
        assert_eq!(split_trailing_brackets("DINUM ()"), None);
        assert_eq!(split_trailing_brackets("DINUM"), None);
    }

    #[test]
    fn tables_with_a_wrong_shape_are_refused() {
        let wrong_header = read_table::<2>("t.tsv", "a\tc\n", ["a", "b"]);
        assert!(wrong_header.is_err());
        let short = read_table::<2>("t.tsv", "a\tb\nx\n", ["a", "b"]);
        assert_eq!(
            short,
            Err("t.tsv, ligne 2 : colonnes manquantes".to_string())
        );
        let long = read_table::<2>("t.tsv", "a\tb\nx\ty\tz\n", ["a", "b"]);
        assert!(long.is_err());
        let fine = read_table::<2>("t.tsv", "a\tb\r\n\nx\t y \n", ["a", "b"]);
        assert_eq!(fine, Ok(vec![["x", "y"]]));
    }
}
