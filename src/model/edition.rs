use serde::{Deserialize, Serialize};

use super::EditionId;

/// One yearly edition of "Vis mon job": its people, pairs and settings live under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Edition {
    pub id: EditionId,
    pub name: String,
    /// The official day (ISO 8601 date), when known.
    pub event_date: Option<String>,
    /// Created from the synthetic demo data, not from real sign-ups.
    pub is_demo: bool,
    /// UTC timestamps, ISO 8601.
    pub created_at: String,
    pub updated_at: String,
    /// How many months after its Jour J its personal data is kept (RGPD: no longer than needed).
    #[serde(default)]
    pub retention_months: u32,
    /// The day after which its personal data should be deleted (ISO 8601 date): Jour J (or the
    /// edition's creation while the day is not fixed) plus the retention.
    #[serde(default)]
    pub delete_after: Option<String>,
    /// That day has passed (never for the demo edition): the organiser is reminded.
    #[serde(default)]
    pub retention_passed: bool,
}

/// An edition with the counts the home screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EditionSummary {
    pub edition: Edition,
    pub students: u32,
    pub ambassadors: u32,
    pub pairs: u32,
}

/// What the organiser types to create or rename an edition. Validated by the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NewEdition {
    pub name: String,
    /// ISO 8601 date (`2026-11-24`), or empty/absent when not fixed yet.
    pub event_date: Option<String>,
}
