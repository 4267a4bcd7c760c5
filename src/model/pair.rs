use serde::{Deserialize, Serialize};

use super::{AmbassadorId, EditionId, PairId, StudentId};

/// Where a pair stands in the organiser's workflow: proposé → validé → notifié, then the
/// follow-up once both people were told: confirmé (both agreed on the visit), réalisé (it took
/// place), annulé (called off before the day) or absent (someone did not come on the day).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum PairStatus {
    #[default]
    Proposed,
    Validated,
    Notified,
    Confirmed,
    Done,
    Cancelled,
    Absent,
}

impl PairStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PairStatus::Proposed => "proposed",
            PairStatus::Validated => "validated",
            PairStatus::Notified => "notified",
            PairStatus::Confirmed => "confirmed",
            PairStatus::Done => "done",
            PairStatus::Cancelled => "cancelled",
            PairStatus::Absent => "absent",
        }
    }

    pub fn parse(value: &str) -> Option<PairStatus> {
        match value {
            "proposed" => Some(PairStatus::Proposed),
            "validated" => Some(PairStatus::Validated),
            "notified" => Some(PairStatus::Notified),
            "confirmed" => Some(PairStatus::Confirmed),
            "done" => Some(PairStatus::Done),
            "cancelled" => Some(PairStatus::Cancelled),
            "absent" => Some(PairStatus::Absent),
            _ => None,
        }
    }

    /// The French word organisers see.
    pub fn label_fr(self) -> &'static str {
        match self {
            PairStatus::Proposed => "proposé",
            PairStatus::Validated => "validé",
            PairStatus::Notified => "notifié",
            PairStatus::Confirmed => "confirmé",
            PairStatus::Done => "réalisé",
            PairStatus::Cancelled => "annulé",
            PairStatus::Absent => "absent",
        }
    }

    /// Every status, in the workflow's order (the order the window and the export list them).
    pub const ALL: [PairStatus; 7] = [
        PairStatus::Proposed,
        PairStatus::Validated,
        PairStatus::Notified,
        PairStatus::Confirmed,
        PairStatus::Done,
        PairStatus::Cancelled,
        PairStatus::Absent,
    ];

    /// Before both people were told: the log may still move it to « notifié ». A follow-up
    /// status is the organiser's word on what happened next and is never moved back.
    pub fn before_notification(self) -> bool {
        matches!(self, PairStatus::Proposed | PairStatus::Validated)
    }

    /// Called off: the pair stays on record, but messages treat it as gone (the people told
    /// of it are owed a cancellation, as after a withdrawal).
    pub fn is_cancelled(self) -> bool {
        self == PairStatus::Cancelled
    }

    /// The visit takes (or took) place: not called off, nobody absent. Reminders and thanks go
    /// to these pairs only.
    pub fn takes_place(self) -> bool {
        !matches!(self, PairStatus::Cancelled | PairStatus::Absent)
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
