//! What the organiser taught the tool once and it remembers: which field a column header
//! means, and which referential entry a free-text métier or administration stands for.

use std::collections::HashMap;

use super::Field;

/// Remembered header → field choices for a role, by normalised header (`None`: ignore it).
pub type ColumnChoices = HashMap<String, Option<Field>>;

/// Which referential a remembered synonym belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum SynonymKind {
    Job,
    Administration,
}

impl SynonymKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SynonymKind::Job => "job",
            SynonymKind::Administration => "administration",
        }
    }
}

/// Everything remembered that an import of `role` uses.
#[derive(Debug, Clone, Default)]
pub struct Remembered {
    pub columns: ColumnChoices,
    /// (text key, métier code), as `Jobs::recognize_with` takes them.
    pub jobs: Vec<(String, String)>,
    /// (text key, administration code).
    pub administrations: Vec<(String, String)>,
}
