//! What importing a file does to an edition: who is new, who changed (field by field), who is
//! no longer in the file.

use serde::Serialize;

/// One person, as the preview names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PersonRef {
    pub name: String,
    pub email: Option<String>,
    /// Row in the imported file, for people in it.
    pub row: Option<u32>,
}

/// One field that a re-import changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PersonChange {
    pub person: PersonRef,
    pub changes: Vec<FieldChange>,
}

/// What importing a file does to an edition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergePreview {
    pub created: Vec<PersonRef>,
    pub updated: Vec<PersonChange>,
    pub unchanged: u32,
    /// In the edition but not in this file: kept, listed for the organiser to decide.
    pub gone: Vec<PersonRef>,
}

impl MergePreview {
    /// People of the edition that this file holds (new, changed or unchanged).
    pub fn stored(&self) -> usize {
        self.created.len() + self.updated.len() + self.unchanged as usize
    }
}
