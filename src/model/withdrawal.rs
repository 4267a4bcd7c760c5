use serde::{Deserialize, Serialize};

use super::{EditionId, Role};

/// A person who withdrew from an edition after signing up. They stay in the edition, left out
/// of suggestions, the unpaired list and the alternates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Withdrawal {
    pub edition_id: EditionId,
    pub role: Role,
    /// The student's or the ambassador's id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub person: i64,
    pub reason: Option<String>,
    /// AAAA-MM-JJ.
    pub withdrawn_on: String,
}
