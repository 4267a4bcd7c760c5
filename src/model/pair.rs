use serde::{Deserialize, Serialize};

use super::{AmbassadorId, EditionId, PairId, StudentId};

/// Where a pair stands in the organiser's workflow: proposé → validé → notifié.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum PairStatus {
    #[default]
    Proposed,
    Validated,
    Notified,
}

impl PairStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PairStatus::Proposed => "proposed",
            PairStatus::Validated => "validated",
            PairStatus::Notified => "notified",
        }
    }

    pub fn parse(value: &str) -> Option<PairStatus> {
        match value {
            "proposed" => Some(PairStatus::Proposed),
            "validated" => Some(PairStatus::Validated),
            "notified" => Some(PairStatus::Notified),
            _ => None,
        }
    }

    /// The French word organisers see.
    pub fn label_fr(self) -> &'static str {
        match self {
            PairStatus::Proposed => "proposé",
            PairStatus::Validated => "validé",
            PairStatus::Notified => "notifié",
        }
    }
}

/// Who made a pair: the suggestion algorithm or the organiser by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum PairOrigin {
    Suggested,
    Manual,
}

impl PairOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            PairOrigin::Suggested => "suggested",
            PairOrigin::Manual => "manual",
        }
    }

    pub fn parse(value: &str) -> Option<PairOrigin> {
        match value {
            "suggested" => Some(PairOrigin::Suggested),
            "manual" => Some(PairOrigin::Manual),
            _ => None,
        }
    }
}

/// A student paired with an ambassador.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Pair {
    pub id: PairId,
    pub edition_id: EditionId,
    pub student_id: StudentId,
    pub ambassador_id: AmbassadorId,
    pub status: PairStatus,
    pub origin: PairOrigin,
    /// A locked pair is kept as it is when the suggestion is re-run.
    pub locked: bool,
    pub note: Option<String>,
    /// The day the pair agreed on, when not the official day (ISO 8601 date).
    pub agreed_date: Option<String>,
}

/// A pair the organiser ruled out: the suggestion never makes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ForbiddenPair {
    pub edition_id: EditionId,
    pub student_id: StudentId,
    pub ambassador_id: AmbassadorId,
    pub reason: Option<String>,
}
