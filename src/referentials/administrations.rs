//! Administrations referential: ministries, interministerial services and opérateurs, with their
//! acronyms, former names and what each is attached to.
//!
//! The table is `assets/referentials/administrations.tsv` (its origin is in
//! `assets/DATA_SOURCES.md`): one row per administration with a stable code, the canonical French
//! label, its acronym (`sigle`, may be empty), synonyms (short names, former names of the ministry —
//! they change with each government —, directions people name instead of their ministry), and
//! `rattachement`, the code of the ministry or service it reports to (empty for a ministry). It is
//! compiled into the binary and parsed once, on first use of [`Administrations::get`].
//!
//! People write administrations freely ("MINARM", "Bercy", "Pôle emploi"):
//! [`Administrations::recognize`] finds the one meant and says how ([`Recognition`]); synonyms the
//! organiser adds come first ([`Administrations::recognize_with`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use super::{
    label_key, organiser_synonyms, read_table, split_synonyms, Lexicon, NameKind, Recognition,
};

const ADMINISTRATIONS_TSV: &str = include_str!("../../assets/referentials/administrations.tsv");

/// Columns of `administrations.tsv`; `synonymes` is `|`-separated.
const ADMINISTRATIONS_HEADER: [&str; 5] = ["code", "libelle", "sigle", "synonymes", "rattachement"];

/// Longest chain of attachments followed (opérateur → service → ministry is three); guards against a
/// cycle in the table, which the tests rule out.
const MAX_DEPTH: usize = 8;

/// An administration of the referential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Administration {
    /// Stable identifier, what is stored with people and with the organiser's synonyms: `armees`.
    pub code: &'static str,
    /// Canonical French label: `Ministère des Armées`.
    pub label: &'static str,
    /// Its acronym, when it has a common one: `MINARM`, `Insee`.
    pub acronym: Option<&'static str>,
    /// Other ways of writing it: short and former names, directions within it.
    pub synonyms: Vec<&'static str>,
    /// Code of the ministry or service it is attached to (tutelle); `None` for a ministry.
    pub parent: Option<&'static str>,
}

impl fmt::Display for Administration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label)
    }
}

/// The answer of [`Administrations::recognize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdministrationMatch<'a> {
    /// The administration found; `Some` exactly when `how.is_found()`.
    pub administration: Option<&'a Administration>,
    pub how: Recognition,
}

impl fmt::Display for AdministrationMatch<'_> {
    /// French, for the organiser: "Ministère des Armées (libellé exact)", "administration non
    /// reconnue".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.administration {
            Some(administration) => write!(f, "{} ({})", administration.label, self.how.label()),
            None => f.write_str("administration non reconnue"),
        }
    }
}

/// The administrations referential, parsed once from the embedded table.
#[derive(Debug)]
pub struct Administrations {
    /// In table order (by code).
    administrations: Vec<Administration>,
    by_code: HashMap<&'static str, usize>,
    names: Lexicon,
}

impl Administrations {
    /// The referential, parsed on first use and shared afterwards.
    pub fn get() -> &'static Administrations {
        static ADMINISTRATIONS: OnceLock<Administrations> = OnceLock::new();
        ADMINISTRATIONS.get_or_init(|| {
            // The table is compiled in, not user data; the tests parse it and check it, so a failure
            // here is a defect of the build itself.
            Administrations::parse(ADMINISTRATIONS_TSV).unwrap_or_else(|error| {
                panic!("référentiel des administrations illisible : {error}")
            })
        })
    }

    fn parse(tsv: &'static str) -> Result<Administrations, String> {
        let mut administrations = Vec::new();
        let mut by_code = HashMap::new();
        let rows = read_table("administrations.tsv", tsv, ADMINISTRATIONS_HEADER)?;
        for [code, label, acronym, synonyms, parent] in rows {
            if code.is_empty() || label.is_empty() {
                return Err(format!(
                    "administrations.tsv : code et libellé sont obligatoires (« {code} »)"
                ));
            }
            if by_code.insert(code, administrations.len()).is_some() {
                return Err(format!("administrations.tsv : code « {code} » en double"));
            }
            administrations.push(Administration {
                code,
                label,
                acronym: (!acronym.is_empty()).then_some(acronym),
                synonyms: split_synonyms(synonyms),
                parent: (!parent.is_empty()).then_some(parent),
            });
        }
        let mut names = Lexicon::default();
        // Labels, acronyms and codes first, then synonyms, so that a label always wins (the tests
        // check that no two administrations share a key anyway).
        for (i, administration) in administrations.iter().enumerate() {
            names.add(i, administration.label, NameKind::Label);
            if let Some(acronym) = administration.acronym {
                names.add(i, acronym, NameKind::Label);
            }
            names.add(i, administration.code, NameKind::Code);
        }
        for (i, administration) in administrations.iter().enumerate() {
            for synonym in &administration.synonyms {
                names.add(i, synonym, NameKind::Synonym);
            }
        }
        Ok(Administrations {
            administrations,
            by_code,
            names,
        })
    }

    /// Every administration, by code.
    pub fn all(&self) -> &[Administration] {
        &self.administrations
    }

    pub fn by_code(&self, code: &str) -> Option<&Administration> {
        self.by_code.get(code).map(|&i| &self.administrations[i])
    }

    /// The key texts are compared on (see [`label_key`]): what to store for an organiser's synonym.
    pub fn key(text: &str) -> String {
        label_key(text)
    }

    /// The administration someone meant. Compared on [`Administrations::key`]: a label, acronym or
    /// code gives [`Recognition::Exact`], a synonym [`Recognition::Synonym`], and a longer text in
    /// which the names of a single administration appear as whole words [`Recognition::Contains`]
    /// — or of several, when one is attached to the others ("SGDSN / ANSSI" is the ANSSI). Empty
    /// text, text that names none, or several unrelated ones, gives [`Recognition::Unknown`].
    pub fn recognize(&self, text: &str) -> AdministrationMatch<'_> {
        self.recognize_with(text, &[])
    }

    /// Like [`Administrations::recognize`], with the organiser's own synonyms: (text or its key,
    /// administration code) pairs. They come before the referential's names
    /// ([`Recognition::OrganiserSynonym`]); one whose code is no administration's is ignored, and of
    /// two for the same text the first is used.
    pub fn recognize_with(
        &self,
        text: &str,
        extra: &[(String, String)],
    ) -> AdministrationMatch<'_> {
        let extra = organiser_synonyms(extra, |code| self.by_code.get(code).copied());
        let (found, how) = self
            .names
            .recognize(text, &extra, |several| self.most_specific(several));
        AdministrationMatch {
            administration: found.map(|i| &self.administrations[i]),
            how,
        }
    }

    /// The administration it is attached to.
    pub fn parent_of(&self, code: &str) -> Option<&Administration> {
        self.by_code(code)?.parent.and_then(|p| self.by_code(p))
    }

    /// The top of its chain of attachments: the ministry (or the Services du Premier ministre) of an
    /// opérateur or service, a ministry itself. `None` for an unknown code.
    pub fn ministry_of(&self, code: &str) -> Option<&Administration> {
        let mut current = self.by_code(code)?;
        for _ in 0..MAX_DEPTH {
            match current.parent.and_then(|p| self.by_code(p)) {
                Some(parent) => current = parent,
                None => break,
            }
        }
        Some(current)
    }

    /// True when both codes lead to the same ministry ([`Administrations::ministry_of`]); false when
    /// either is unknown.
    pub fn same_ministry(&self, code_a: &str, code_b: &str) -> bool {
        match (self.ministry_of(code_a), self.ministry_of(code_b)) {
            (Some(a), Some(b)) => a.code == b.code,
            _ => false,
        }
    }

    /// Among rows found together in a text, the one every other is an ancestor of ("ANSSI" with
    /// "SGDSN"); `None` when they are not on one chain of attachments.
    fn most_specific(&self, rows: &[usize]) -> Option<usize> {
        rows.iter().copied().find(|&candidate| {
            let ancestors = self.ancestors(candidate);
            rows.iter()
                .all(|&other| other == candidate || ancestors.contains(&other))
        })
    }

    /// Rows of the administrations a row is attached to, directly or not.
    fn ancestors(&self, row: usize) -> Vec<usize> {
        let mut ancestors = Vec::new();
        let mut current = &self.administrations[row];
        for _ in 0..MAX_DEPTH {
            let Some(&parent) = current.parent.and_then(|p| self.by_code.get(p)) else {
                break;
            };
            ancestors.push(parent);
            current = &self.administrations[parent];
        }
        ancestors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(text: &str) -> Option<&'static str> {
        Administrations::get()
            .recognize(text)
            .administration
            .map(|a| a.code)
    }

    #[test]
    fn the_table_parses() {
        let parsed = Administrations::parse(ADMINISTRATIONS_TSV);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
    }

    #[test]
    fn codes_are_sorted_and_plain() {
        let all = Administrations::get().all();
        for pair in all.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} ≥ {}",
                pair[0].code,
                pair[1].code
            );
        }
        for administration in all {
            assert!(
                administration
                    .code
                    .split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{}",
                administration.code
            );
        }
    }

    #[test]
    fn attachments_exist_and_end_at_a_ministry() {
        let admins = Administrations::get();
        for administration in admins.all() {
            if let Some(parent) = administration.parent {
                assert!(
                    admins.by_code(parent).is_some(),
                    "{} : rattachement {parent} absent",
                    administration.code
                );
            }
            // No cycle: the chain ends within MAX_DEPTH at a row without parent.
            let top = admins.ministry_of(administration.code);
            assert_eq!(top.and_then(|t| t.parent), None, "{}", administration.code);
        }
    }

    #[test]
    fn an_administration_named_with_what_it_belongs_to() {
        let admins = Administrations::get();
        let found = admins.recognize("ANSSI (SGDSN)");
        assert_eq!(found.administration.map(|a| a.code), Some("anssi"));
        assert_eq!(found.how, Recognition::Exact);
        let slash = admins.recognize("SGDSN / ANSSI");
        assert_eq!(slash.administration.map(|a| a.code), Some("anssi"));
        assert_eq!(slash.how, Recognition::Contains);
        assert_eq!(code_of("Bercy - Insee"), Some("insee"));
        // Unrelated ones: left to the organiser.
        assert_eq!(code_of("Insee ou Météo-France"), None);
        assert_eq!(
            code_of("Direction interministérielle du numérique (DINUM)"),
            Some("dinum")
        );
    }

    #[test]
    fn no_preference_is_no_administration() {
        for text in ["Sans préférence", "Indifférent", "", "  "] {
            assert_eq!(code_of(text), None, "{text:?}");
        }
    }
}
