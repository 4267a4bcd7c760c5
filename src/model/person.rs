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

impl Student {
    /// Whether both have the same data, what the store assigns (ids, source row) aside: what
    /// `person_data` would give for both is then the same. Every field is named, so that one
    /// added later must be placed on one side or the other.
    pub fn same_data(&self, other: &Self) -> bool {
        let Student {
            id: _,
            edition_id: _,
            identity,
            place,
            school,
            level,
            curriculum,
            wished_jobs,
            wished_administration,
            mobility,
            application_state,
            comments,
            source_row: _,
        } = self;
        *identity == other.identity
            && *place == other.place
            && *school == other.school
            && *level == other.level
            && *curriculum == other.curriculum
            && *wished_jobs == other.wished_jobs
            && *wished_administration == other.wished_administration
            && *mobility == other.mobility
            && *application_state == other.application_state
            && *comments == other.comments
    }
}

impl Ambassador {
    /// As [`Student::same_data`].
    pub fn same_data(&self, other: &Self) -> bool {
        let Ambassador {
            id: _,
            edition_id: _,
            identity,
            place,
            job,
            job_title,
            administration,
            structure_type,
            service,
            capacity,
            preferred_levels,
            comments,
            source_row: _,
        } = self;
        *identity == other.identity
            && *place == other.place
            && *job == other.job
            && *job_title == other.job_title
            && *administration == other.administration
            && *structure_type == other.structure_type
            && *service == other.service
            && *capacity == other.capacity
            && *preferred_levels == other.preferred_levels
            && *comments == other.comments
    }
}

/// The years after the baccalauréat of a level as the import writes it ("Bac+3" → 3), when
/// it is one: what compares a student's level with an ambassador's preferred levels.
pub fn level_years(level: &str) -> Option<u8> {
    level.strip_prefix("Bac+")?.parse().ok()
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use serde_json::{json, Value};

    use super::{Ambassador, Student};
    use crate::model::{person_data, ASSIGNED_FIELDS};

    /// Every value of the person's data changed in turn (nested ones too), each change as a
    /// person of its own.
    fn each_value_changed<P: Serialize + DeserializeOwned>(person: &P) -> Vec<(String, P)> {
        fn paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    for (key, inner) in map {
                        paths(inner, &format!("{prefix}/{key}"), out);
                    }
                }
                _ => out.push(prefix.to_string()),
            }
        }
        let full = serde_json::to_value(person).unwrap();
        let mut found = Vec::new();
        paths(&full, "", &mut found);
        found
            .into_iter()
            .filter(|path| !ASSIGNED_FIELDS.iter().any(|a| *path == format!("/{a}")))
            .map(|path| {
                let mut changed = full.clone();
                let value = changed.pointer_mut(&path).unwrap();
                *value = match value.take() {
                    Value::Number(n) => json!(n.as_u64().unwrap() + 1),
                    Value::Array(mut items) => {
                        items.push(json!("autre"));
                        Value::Array(items)
                    }
                    Value::String(s) if s == "region" => json!("national"),
                    Value::String(s) => json!(format!("{s}, autre")),
                    _ => json!("autre"),
                };
                let changed = serde_json::from_value(changed)
                    .unwrap_or_else(|e| panic!("{path} changed: {e}"));
                (path, changed)
            })
            .collect()
    }

    fn student() -> Student {
        serde_json::from_value(json!({
            "id": 7, "editionId": 1,
            "identity": {"civility": null, "lastName": "Martin", "firstName": "Anne",
                         "email": "anne@ex.fr", "phone": null},
            "place": {"postalCode": "69003", "commune": "Lyon", "inseeCode": null,
                      "departement": "69"},
            "school": null, "level": "Bac+3", "curriculum": null, "wishedJobs": ["Développeur"],
            "wishedAdministration": null, "mobility": "region", "applicationState": null,
            "comments": null, "sourceRow": 12
        }))
        .unwrap()
    }

    fn ambassador() -> Ambassador {
        serde_json::from_value(json!({
            "id": 3, "editionId": 1,
            "identity": {"civility": "M.", "lastName": "Durand", "firstName": "Paul",
                         "email": "paul@ex.fr", "phone": "0600000000"},
            "place": {"postalCode": null, "commune": null, "inseeCode": null,
                      "departement": "75"},
            "job": "Développeur", "jobTitle": null, "administration": "DINUM",
            "structureType": null, "service": null, "capacity": 2,
            "preferredLevels": [], "comments": null, "sourceRow": null
        }))
        .unwrap()
    }

    #[test]
    fn same_data_sees_every_change_of_data_and_none_of_what_the_store_assigns() {
        let anne = student();
        let changes = each_value_changed(&anne);
        assert_eq!(
            changes.len(),
            17,
            "every value of the data, nested ones one by one"
        );
        for (path, changed) in changes {
            assert_ne!(person_data(&anne), person_data(&changed), "{path}");
            assert!(!anne.same_data(&changed), "{path} changed, still the same");
        }
        let mut elsewhere = anne.clone();
        (elsewhere.id.0, elsewhere.edition_id.0, elsewhere.source_row) = (8, 2, None);
        assert!(anne.same_data(&elsewhere));

        let paul = ambassador();
        let changes = each_value_changed(&paul);
        assert_eq!(
            changes.len(),
            17,
            "every value of the data, nested ones one by one"
        );
        for (path, changed) in changes {
            assert_ne!(person_data(&paul), person_data(&changed), "{path}");
            assert!(!paul.same_data(&changed), "{path} changed, still the same");
        }
        let mut elsewhere = paul.clone();
        (elsewhere.id.0, elsewhere.edition_id.0) = (4, 2);
        assert!(paul.same_data(&elsewhere));
    }
}
