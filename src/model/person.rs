use serde::{Deserialize, Serialize};

use super::{AmbassadorId, EditionId, SourceRowId, StudentId};

/// Which side of a pair a person is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Role {
    Student,
    Ambassador,
}

impl Role {
    /// The value stored in SQLite.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Student => "student",
            Role::Ambassador => "ambassador",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        match value {
            "student" => Some(Role::Student),
            "ambassador" => Some(Role::Ambassador),
            _ => None,
        }
    }
}

/// How far a student says they can travel: a hard constraint for pairing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Mobility {
    /// Only in their own département.
    Departement,
    /// Anywhere in their région.
    Region,
    /// Anywhere in France.
    National,
    /// The student did not say (treated as the least restrictive by default).
    #[default]
    Unspecified,
}

impl Mobility {
    pub fn as_str(self) -> &'static str {
        match self {
            Mobility::Departement => "departement",
            Mobility::Region => "region",
            Mobility::National => "national",
            Mobility::Unspecified => "unspecified",
        }
    }

    pub fn parse(value: &str) -> Option<Mobility> {
        match value {
            "departement" => Some(Mobility::Departement),
            "region" => Some(Mobility::Region),
            "national" => Some(Mobility::National),
            "unspecified" => Some(Mobility::Unspecified),
            _ => None,
        }
    }
}

/// Who a person is and how to reach them. Shared by students and ambassadors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub civility: Option<String>,
    pub last_name: String,
    pub first_name: String,
    /// Normalised (trimmed, lower-case); `None` when the sign-up had none (the person is flagged).
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Where a person lives or works.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Place {
    /// Five characters, leading zero kept (`01000`), when known.
    pub postal_code: Option<String>,
    pub commune: Option<String>,
    /// INSEE code of the commune (`69123`, `2A004`), when resolved.
    pub insee_code: Option<String>,
    /// Code of the département (`01`, `2A`, `974`), when known.
    pub departement: Option<String>,
}

/// A student who signed up to discover a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Student {
    pub id: StudentId,
    pub edition_id: EditionId,
    pub identity: Identity,
    pub place: Place,
    pub school: Option<String>,
    /// "Bac+2" … "Bac+5".
    pub level: Option<String>,
    pub curriculum: Option<String>,
    /// Wished métiers, 1st choice first.
    pub wished_jobs: Vec<String>,
    pub wished_administration: Option<String>,
    pub mobility: Mobility,
    /// State of the application in démarches simplifiées (`accepte`, `en_instruction`…).
    pub application_state: Option<String>,
    pub comments: Option<String>,
    /// The imported row this student came from, kept as it came.
    pub source_row: Option<SourceRowId>,
}

/// A State employee who hosts students for a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Ambassador {
    pub id: AmbassadorId,
    pub edition_id: EditionId,
    pub identity: Identity,
    pub place: Place,
    /// The métier as the ambassador wrote it.
    pub job: Option<String>,
    pub job_title: Option<String>,
    pub administration: Option<String>,
    /// Administration centrale, opérateur, établissement public, service déconcentré.
    pub structure_type: Option<String>,
    pub service: Option<String>,
    /// How many students they can host; 0 means unavailable this edition.
    pub capacity: u32,
    /// The study levels they would rather host ("Bac+3", "Bac+4"…); empty: no preference. A
    /// soft criterion of the suggestion (`Weights::preferred_level`). Absent from people
    /// journaled before it existed, hence the default.
    #[serde(default)]
    pub preferred_levels: Vec<String>,
    pub comments: Option<String>,
    pub source_row: Option<SourceRowId>,
}

/// The years after the baccalauréat of a level as the import writes it ("Bac+3" → 3), when
/// it is one: what compares a student's level with an ambassador's preferred levels.
pub fn level_years(level: &str) -> Option<u8> {
    level.strip_prefix("Bac+")?.parse().ok()
}
