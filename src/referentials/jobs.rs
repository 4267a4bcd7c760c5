//! Métiers referential: the State's digital jobs, each with its family and the ways people write it.
//!
//! The table is `assets/referentials/metiers.tsv` (its origin is in `assets/DATA_SOURCES.md`): one
//! row per métier with a stable code, the canonical French label the organiser sees, a family
//! (related métiers: a student who wished to discover one may be offered another of the same
//! family), and synonyms. It is compiled into the binary and parsed once, on first use of
//! [`Jobs::get`].
//!
//! Students and ambassadors write métiers freely ("Developpeur", "Dév web", "UX designer"):
//! [`Jobs::recognize`] finds the métier meant, and says how ([`Recognition`]), so that the organiser
//! can check the guesses. Synonyms the organiser adds come first ([`Jobs::recognize_with`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use super::{
    label_key, organiser_synonyms, read_table, split_synonyms, Lexicon, NameKind, Recognition,
};

const METIERS_TSV: &str = include_str!("../../assets/referentials/metiers.tsv");

/// Columns of `metiers.tsv`; `synonymes` is `|`-separated.
const METIERS_HEADER: [&str; 4] = ["code", "libelle", "famille", "synonymes"];

/// A métier of the referential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    /// Stable identifier, what is stored with people and with the organiser's synonyms:
    /// `concepteur-developpeur`.
    pub code: &'static str,
    /// Canonical French label: `Concepteur-développeur`.
    pub label: &'static str,
    /// French name of its family: `Développement`.
    pub family: &'static str,
    /// Other ways of writing it, as people do: `Développeur`, `Dév web`…
    pub synonyms: Vec<&'static str>,
}

impl fmt::Display for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label)
    }
}

/// The answer of [`Jobs::recognize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobMatch<'j> {
    /// The métier found; `Some` exactly when `how.is_found()`.
    pub job: Option<&'j Job>,
    pub how: Recognition,
}

impl fmt::Display for JobMatch<'_> {
    /// French, for the organiser: "Concepteur-développeur (synonyme connu)", "métier non reconnu".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.job {
            Some(job) => write!(f, "{} ({})", job.label, self.how.label()),
            None => f.write_str("métier non reconnu"),
        }
    }
}

/// The métiers referential, parsed once from the embedded table.
#[derive(Debug)]
pub struct Jobs {
    /// In table order (by code).
    jobs: Vec<Job>,
    by_code: HashMap<&'static str, usize>,
    names: Lexicon,
}

impl Jobs {
    /// The referential, parsed on first use and shared afterwards.
    pub fn get() -> &'static Jobs {
        static JOBS: OnceLock<Jobs> = OnceLock::new();
        JOBS.get_or_init(|| {
            // The table is compiled in, not user data; the tests parse it and check it, so a failure
            // here is a defect of the build itself.
            Jobs::parse(METIERS_TSV)
                .unwrap_or_else(|error| panic!("référentiel des métiers illisible : {error}"))
        })
    }

    fn parse(tsv: &'static str) -> Result<Jobs, String> {
        let mut jobs = Vec::new();
        let mut by_code = HashMap::new();
        for [code, label, family, synonyms] in read_table("metiers.tsv", tsv, METIERS_HEADER)? {
            if code.is_empty() || label.is_empty() || family.is_empty() {
                return Err(format!(
                    "metiers.tsv : code, libellé et famille sont obligatoires (« {code} »)"
                ));
            }
            if by_code.insert(code, jobs.len()).is_some() {
                return Err(format!("metiers.tsv : code « {code} » en double"));
            }
            jobs.push(Job {
                code,
                label,
                family,
                synonyms: split_synonyms(synonyms),
            });
        }
        let mut names = Lexicon::default();
        // Labels and codes first, then synonyms, so that a label always wins (the tests check that
        // no two métiers share a key anyway).
        for (i, job) in jobs.iter().enumerate() {
            names.add(i, job.label, NameKind::Label);
            names.add(i, job.code, NameKind::Code);
        }
        for (i, job) in jobs.iter().enumerate() {
            for synonym in &job.synonyms {
                names.add(i, synonym, NameKind::Synonym);
            }
        }
        Ok(Jobs {
            jobs,
            by_code,
            names,
        })
    }

    /// Every métier, by code.
    pub fn all(&self) -> &[Job] {
        &self.jobs
    }

    pub fn by_code(&self, code: &str) -> Option<&Job> {
        self.by_code.get(code).map(|&i| &self.jobs[i])
    }

    /// The families, in the order they first appear in the table.
    pub fn families(&self) -> Vec<&'static str> {
        let mut families: Vec<&'static str> = Vec::new();
        for job in &self.jobs {
            if !families.contains(&job.family) {
                families.push(job.family);
            }
        }
        families
    }

    /// The key texts are compared on (see [`label_key`]): what to store for an organiser's synonym.
    pub fn key(text: &str) -> String {
        label_key(text)
    }

    /// The métier someone meant. Compared on [`Jobs::key`]: a label or a code gives
    /// [`Recognition::Exact`], a synonym [`Recognition::Synonym`], and a longer text in which the
    /// names of a single métier appear as whole words [`Recognition::Contains`]. Empty text, text
    /// that names no métier or names several gives [`Recognition::Unknown`].
    pub fn recognize(&self, text: &str) -> JobMatch<'_> {
        self.recognize_with(text, &[])
    }

    /// Like [`Jobs::recognize`], with the organiser's own synonyms: (text or its key, métier code)
    /// pairs. They come before the referential's names ([`Recognition::OrganiserSynonym`]); one whose
    /// code is no métier's is ignored, and of two for the same text the first is used.
    pub fn recognize_with(&self, text: &str, extra: &[(String, String)]) -> JobMatch<'_> {
        let extra = organiser_synonyms(extra, |code| self.by_code.get(code).copied());
        // Métiers are not nested: several found in a longer text are left to the organiser.
        let (found, how) = self.names.recognize(text, &extra, |_| None);
        JobMatch {
            job: found.map(|i| &self.jobs[i]),
            how,
        }
    }

    /// True when both codes are métiers of the same family (a métier is in its own family); false
    /// when either is unknown.
    pub fn same_family(&self, code_a: &str, code_b: &str) -> bool {
        match (self.by_code(code_a), self.by_code(code_b)) {
            (Some(a), Some(b)) => a.family == b.family,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(text: &str) -> Option<&'static str> {
        Jobs::get().recognize(text).job.map(|j| j.code)
    }

    #[test]
    fn the_table_parses() {
        let parsed = Jobs::parse(METIERS_TSV);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
    }

    #[test]
    fn codes_are_sorted_and_plain() {
        // The table is kept sorted by code, and codes are stored with people: lower-case ASCII
        // words joined by hyphens.
        let jobs = Jobs::get().all();
        for pair in jobs.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} ≥ {}",
                pair[0].code,
                pair[1].code
            );
        }
        for job in jobs {
            assert!(
                job.code
                    .split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{}",
                job.code
            );
        }
    }

    #[test]
    fn a_longer_text_with_one_metier() {
        let jobs = Jobs::get();
        let found = jobs.recognize("Développeur web junior");
        assert_eq!(found.how, Recognition::Contains);
        assert_eq!(found.job.map(|j| j.code), Some("concepteur-developpeur"));
        // "Analyste" (analyste fonctionnel) inside "Analyste SOC" does not count.
        let soc = jobs.recognize("Analyste SOC de niveau 2");
        assert_eq!(soc.job.map(|j| j.code), Some("analyste-cybersecurite"));
        assert_eq!(
            code_of("Architecte d'entreprise senior"),
            Some("urbaniste-si")
        );
        // Two métiers: left to the organiser.
        let two = jobs.recognize("Data scientist ou data engineer");
        assert_eq!(two.how, Recognition::Unknown);
        assert_eq!(two.job, None);
        // A two-letter name is not looked for inside a text.
        assert_eq!(code_of("PO"), Some("responsable-produit-numerique"));
        assert_eq!(code_of("Assistant PO"), None);
    }

    #[test]
    fn codes_are_recognised() {
        let found = Jobs::get().recognize("data-scientist");
        assert_eq!(found.how, Recognition::Exact);
        assert_eq!(found.job.map(|j| j.label), Some("Data scientist"));
    }

    #[test]
    fn organiser_synonyms_come_first() {
        let jobs = Jobs::get();
        let extra = vec![
            ("Analyste".to_string(), "data-analyst".to_string()),
            (
                "Dev Python".to_string(),
                "concepteur-developpeur".to_string(),
            ),
            ("Ignoré".to_string(), "pas-un-code".to_string()),
        ];
        let analyste = jobs.recognize_with("analystes", &extra);
        assert_eq!(analyste.how, Recognition::OrganiserSynonym);
        assert_eq!(analyste.job.map(|j| j.code), Some("data-analyst"));
        // Without them, the referential's own synonym.
        assert_eq!(code_of("Analyste"), Some("analyste-fonctionnel"));
        // Inside a longer text, an organiser's synonym wins over a built-in name at the same place.
        let inside = jobs.recognize_with("Analyste junior", &extra);
        assert_eq!(inside.how, Recognition::Contains);
        assert_eq!(inside.job.map(|j| j.code), Some("data-analyst"));
        assert_eq!(
            jobs.recognize_with("Ignoré", &extra).how,
            Recognition::Unknown
        );
    }

    #[test]
    fn what_the_match_says() {
        let jobs = Jobs::get();
        assert_eq!(
            jobs.recognize("Dév web").to_string(),
            "Concepteur-développeur (synonyme connu)"
        );
        assert_eq!(
            jobs.recognize("Boulanger").to_string(),
            "métier non reconnu"
        );
    }
}
