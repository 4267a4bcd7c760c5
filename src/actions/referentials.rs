//! The referentials as the window lists them — to rattach an unknown value to an entry, and on
//! the « Référentiels » screen with the synonyms the organiser taught, which can be undone.

use serde::Serialize;

use crate::model::SynonymKind;
use crate::referentials::{Administrations, Jobs};
use crate::{Store, StoreError};

/// An entry of a referential, as the window lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferentialEntry {
    pub code: String,
    pub label: String,
    /// The métier's family; the administration's acronym.
    pub group: Option<String>,
    /// Other ways of writing it that the referential knows.
    pub synonyms: Vec<String>,
}

/// A synonym the organiser taught: a way of writing (as compared: lower-case, no accents) and
/// the entry it stands for.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LearnedSynonym {
    pub kind: SynonymKind,
    pub key: String,
    pub code: String,
    /// The entry's label; the code itself when the referential no longer has it.
    pub label: String,
}

/// Every synonym the organiser taught, métiers first.
pub fn learned_synonyms(store: &Store) -> Result<Vec<LearnedSynonym>, StoreError> {
    let mut learned = Vec::new();
    for kind in [SynonymKind::Job, SynonymKind::Administration] {
        for (key, code) in store.synonyms(kind)? {
            let label = match kind {
                SynonymKind::Job => Jobs::get().by_code(&code).map(|j| j.label),
                SynonymKind::Administration => {
                    Administrations::get().by_code(&code).map(|a| a.label)
                }
            };
            learned.push(LearnedSynonym {
                kind,
                label: label.map_or_else(|| code.clone(), str::to_string),
                key,
                code,
            });
        }
    }
    Ok(learned)
}

/// Undoes a synonym the organiser taught: the next imports no longer recognise that writing.
pub fn forget_synonym(store: &mut Store, kind: SynonymKind, key: &str) -> Result<(), StoreError> {
    store.forget_synonym(kind, key)?;
    Ok(())
}

/// The métiers and administrations the organiser can rattach a value to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferentialLists {
    pub jobs: Vec<ReferentialEntry>,
    pub administrations: Vec<ReferentialEntry>,
}

pub fn lists() -> ReferentialLists {
    ReferentialLists {
        jobs: Jobs::get()
            .all()
            .iter()
            .map(|job| ReferentialEntry {
                code: job.code.to_string(),
                label: job.label.to_string(),
                group: Some(job.family.to_string()),
                synonyms: job.synonyms.iter().map(|s| s.to_string()).collect(),
            })
            .collect(),
        administrations: Administrations::get()
            .all()
            .iter()
            .map(|a| ReferentialEntry {
                code: a.code.to_string(),
                label: a.label.to_string(),
                group: a.acronym.map(str::to_string),
                synonyms: a.synonyms.iter().map(|s| s.to_string()).collect(),
            })
            .collect(),
    }
}
