//! The fields of a sign-up sheet the engine understands, with their stored names and French
//! labels. Which header means which field is the import's business (`import::fields`).

use serde::{Deserialize, Serialize};

use super::Role;

/// A piece of information the engine understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Field {
    Civility,
    LastName,
    FirstName,
    Email,
    Phone,
    PostalCode,
    Commune,
    InseeCode,
    Departement,
    Comments,
    // Students
    School,
    Level,
    Curriculum,
    Job1,
    Job2,
    Job3,
    WishedAdministration,
    Mobility,
    ApplicationState,
    /// When the application was filed (démarches simplifiées' « Déposé le »): the latest of
    /// two applications of one person wins.
    ApplicationDate,
    // Ambassadors
    Job,
    JobTitle,
    Administration,
    StructureType,
    Service,
    Capacity,
    /// The study levels an ambassador would rather host (« Bac+4, Bac+5 », « Master »).
    PreferredLevels,
}

/// Every field: its stored name and its French label.
const FIELDS: &[(Field, &str, &str)] = &[
    (Field::Civility, "civility", "Civilité"),
    (Field::LastName, "lastName", "Nom"),
    (Field::FirstName, "firstName", "Prénom"),
    (Field::Email, "email", "E-mail"),
    (Field::Phone, "phone", "Téléphone"),
    (Field::PostalCode, "postalCode", "Code postal"),
    (Field::Commune, "commune", "Commune"),
    (Field::InseeCode, "inseeCode", "Code INSEE de la commune"),
    (Field::Departement, "departement", "Département"),
    (Field::Comments, "comments", "Commentaires"),
    (Field::School, "school", "École"),
    (Field::Level, "level", "Niveau d'études"),
    (Field::Curriculum, "curriculum", "Formation"),
    (Field::Job1, "job1", "Métier souhaité n°1"),
    (Field::Job2, "job2", "Métier souhaité n°2"),
    (Field::Job3, "job3", "Métier souhaité n°3"),
    (
        Field::WishedAdministration,
        "wishedAdministration",
        "Administration souhaitée",
    ),
    (Field::Mobility, "mobility", "Mobilité"),
    (
        Field::ApplicationState,
        "applicationState",
        "État du dossier",
    ),
    (
        Field::ApplicationDate,
        "applicationDate",
        "Date de dépôt du dossier",
    ),
    (Field::Job, "job", "Métier"),
    (Field::JobTitle, "jobTitle", "Intitulé de poste"),
    (Field::Administration, "administration", "Administration"),
    (Field::StructureType, "structureType", "Type de structure"),
    (Field::Service, "service", "Service"),
    (Field::Capacity, "capacity", "Capacité d'accueil"),
    (
        Field::PreferredLevels,
        "preferredLevels",
        "Niveaux d'études préférés",
    ),
];

impl Field {
    fn entry(self) -> &'static (Field, &'static str, &'static str) {
        FIELDS
            .iter()
            .find(|(f, _, _)| *f == self)
            .expect("every field is in FIELDS")
    }

    /// The role whose files alone have a column like this one, which tells whose file it is:
    /// an application's state, a school, a capacity, a type of structure. Métier, administration
    /// and level do not tell (students wish for them, ambassadors have them), nor what both have.
    pub fn tells_role(self) -> Option<Role> {
        use Field::*;
        match self {
            School | Curriculum | Job2 | Job3 | Mobility | ApplicationState | ApplicationDate => {
                Some(Role::Student)
            }
            JobTitle | StructureType | Service | Capacity => Some(Role::Ambassador),
            Civility | LastName | FirstName | Email | Phone | PostalCode | Commune | InseeCode
            | Departement | Comments | Level | Job1 | WishedAdministration | Job
            | Administration | PreferredLevels => None,
        }
    }

    /// The name stored in the database (same as in JSON).
    pub fn as_str(self) -> &'static str {
        self.entry().1
    }

    pub fn parse(name: &str) -> Option<Field> {
        FIELDS
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(f, _, _)| *f)
    }

    /// The French label organisers see in the mapping.
    pub fn label_fr(self) -> &'static str {
        self.entry().2
    }

    /// The fields a file of `role` can fill, in display order.
    pub fn for_role(role: Role) -> Vec<Field> {
        let students_only = [
            Field::School,
            Field::Level,
            Field::Curriculum,
            Field::Job1,
            Field::Job2,
            Field::Job3,
            Field::WishedAdministration,
            Field::Mobility,
            Field::ApplicationState,
            Field::ApplicationDate,
        ];
        let ambassadors_only = [
            Field::Job,
            Field::JobTitle,
            Field::Administration,
            Field::StructureType,
            Field::Service,
            Field::Capacity,
            Field::PreferredLevels,
        ];
        FIELDS
            .iter()
            .map(|(f, _, _)| *f)
            .filter(|f| match role {
                Role::Student => !ambassadors_only.contains(f),
                Role::Ambassador => !students_only.contains(f),
            })
            .collect()
    }
}
