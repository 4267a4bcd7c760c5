use binome::referentials::{Administrations, Jobs};
use serde::Serialize;
use ts_rs::TS;

/// An entry of a referential, as the window lists it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferentialEntry {
    pub code: String,
    pub label: String,
    /// The métier's family; the administration's acronym.
    pub group: Option<String>,
}

/// The métiers and administrations the organiser can rattach a value to.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferentialLists {
    pub jobs: Vec<ReferentialEntry>,
    pub administrations: Vec<ReferentialEntry>,
}

#[tauri::command]
pub fn list_referentials() -> ReferentialLists {
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
