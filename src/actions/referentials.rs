//! The referentials as the window lists them, to rattach an unknown value to an entry.

use serde::Serialize;

use crate::referentials::{Administrations, Jobs};

/// An entry of a referential, as the window lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferentialEntry {
    pub code: String,
    pub label: String,
    /// The métier's family; the administration's acronym.
    pub group: Option<String>,
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
            })
            .collect(),
        administrations: Administrations::get()
            .all()
            .iter()
            .map(|a| ReferentialEntry {
                code: a.code.to_string(),
                label: a.label.to_string(),
                group: a.acronym.map(str::to_string),
            })
            .collect(),
    }
}
