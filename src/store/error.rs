use std::path::PathBuf;

use crate::model::{AmbassadorId, EditionId, PairId, StudentId};

/// Everything that can go wrong in the store. Messages are in French: they reach organisers as they are.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Impossible d'ouvrir la base de données « {path} » : {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "Impossible de créer le dossier de données « {path} » : {}",
        folder_refused(source)
    )]
    CreateFolder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("Le fichier « {path} » n'est pas une base de données Binômes lisible (fichier endommagé ou d'un autre programme).")]
    NotADatabase { path: PathBuf },
    #[error("Impossible d'ouvrir la base de données « {path} » : l'accès en est refusé, ou son dossier est en lecture seule.")]
    Refused { path: PathBuf },
    #[error(
        "La base de données « {path} » n'existe pas : vérifiez son chemin (binome import la crée)."
    )]
    Missing { path: PathBuf },
    #[error("« {path} » est un dossier, pas une base de données : indiquez le fichier (par exemple « {path}/binomes.sqlite3 »).")]
    IsAFolder { path: PathBuf },
    #[error("La base de données est occupée par un autre programme ou une autre commande Binômes : rien n'a été modifié. Réessayez dans un instant.")]
    Busy,
    #[error("La base de données « {path} » est endommagée ({detail}) : elle n'a pas été modifiée. Restaurez la dernière copie du dossier « sauvegardes » à côté d'elle.")]
    Damaged { path: PathBuf, detail: String },
    #[error("Binômes est déjà ouvert sur cet ordinateur avec ces données ({path}) : utilisez la fenêtre déjà ouverte, ou fermez-la avant de relancer.")]
    AlreadyOpen { path: PathBuf },
    #[error("Cette base de données a été créée par une version plus récente de Binômes : mettez l'application à jour.")]
    TooNew,
    #[error(
        "La mise à jour du schéma de la base de données (version {version}) a échoué : {source}"
    )]
    Migration {
        version: u32,
        #[source]
        source: rusqlite::Error,
    },
    #[error("Erreur de la base de données : {0}")]
    Sqlite(rusqlite::Error),
    #[error("Le disque n'a pas pu écrire la base de données (disque plein, fichier trop gros, support retiré ou en lecture seule) : rien n'a été modifié. Libérez de la place puis recommencez.")]
    DiskFull,
    #[error("Donnée illisible dans la base ({table}.{column}) : {value}")]
    Corrupt {
        table: &'static str,
        column: &'static str,
        value: String,
    },
    #[error("L'édition n° {id} n'existe pas (ou plus).")]
    EditionNotFound { id: EditionId },
    #[error(
        "Aucune édition ne s'appelle « {name} » dans cette base ({known}) : vérifiez son nom."
    )]
    EditionNamedNotFound {
        name: String,
        /// The editions there are, in French (« éditions : « A », « B » » or « aucune édition »).
        known: String,
    },
    #[error("Le nom de l'édition ne peut pas être vide.")]
    EditionNameEmpty,
    #[error("Une édition s'appelle déjà « {name} ».")]
    EditionNameTaken { name: String },
    #[error(
        "« {value} » n'est pas une date valide (attendu : AAAA-MM-JJ, par exemple 2026-11-24)."
    )]
    InvalidDate { value: String },
    #[error("La durée de conservation doit être comprise entre 1 et 120 mois (reçu : {months}).")]
    InvalidRetention { months: u32 },
    #[error("L'étudiant n° {student} n'appartient pas à cette édition.")]
    StudentNotFound { student: StudentId },
    #[error("L'ambassadeur n° {ambassador} n'appartient pas à cette édition.")]
    AmbassadorNotFound { ambassador: AmbassadorId },
    #[error("Ce binôme n'existe pas (ou plus).")]
    PairNotFound { pair: PairId },
    #[error("Cet étudiant a déjà un binôme.")]
    StudentAlreadyPaired { student: StudentId },
    #[error("Cet ambassadeur accueille déjà {capacity} étudiant(s) : sa capacité est atteinte.")]
    AmbassadorFull {
        ambassador: AmbassadorId,
        capacity: u32,
    },
    #[error("Cette paire est interdite par l'organisateur.")]
    ForbiddenPair {
        student: StudentId,
        ambassador: AmbassadorId,
    },
    #[error("Cet étudiant n'est pas (ou plus) avec cet ambassadeur.")]
    NotPairedWith {
        student: StudentId,
        ambassador: AmbassadorId,
    },
    #[error("Une autre personne de cette édition a déjà l'adresse « {email} » : modifiez celle-ci plutôt que d'en créer une seconde.")]
    EmailTaken { email: String },
    #[error("L'édition a été effacée de cette personne, mais {} fichier(s) qui peuvent encore contenir ses données n'ont pas pu être effacés : {}. Fermez le programme qui les utilise (ou vérifiez vos droits sur ce dossier) ; l'effacement reprendra au prochain démarrage de Binômes.", files.len(), files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", "))]
    ErasureIncomplete { files: Vec<PathBuf> },
    #[error("Il n'y a rien à annuler.")]
    NothingToUndo,
    #[error("Il n'y a rien à rétablir.")]
    NothingToRedo,
    #[error("« {label} » ne peut plus être annulé ou rétabli : les binômes concernés ont changé depuis (import, suppression de personnes).")]
    HistoryDiverged { label: String },
    #[error("La sauvegarde « {file} » n'existe pas (ou plus) dans le dossier « sauvegardes ».")]
    BackupNotFound { file: String },
    #[error("La sauvegarde « {file} » est illisible ou endommagée : choisissez-en une autre.")]
    BackupUnreadable { file: String },
    #[error("L'édition a été supprimée de la base, mais {} fichier(s) qui peuvent encore contenir ses données n'ont pas pu être effacés : {}. Fermez le programme qui les utilise (ou vérifiez vos droits sur ce dossier) ; l'effacement reprendra au prochain démarrage de Binômes.", files.len(), files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", "))]
    PurgeIncomplete { files: Vec<PathBuf> },
    #[error("La restauration n'a pas pu écrire {path} : {source}. La base n'a pas été remplacée.")]
    Restore {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl From<rusqlite::Error> for StoreError {
    /// A write the disk refused is told as such, in French: it is the organiser's to fix.
    fn from(error: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked, DiskFull, SystemIoFailure};
        match error.sqlite_error_code() {
            Some(DiskFull | SystemIoFailure) => StoreError::DiskFull,
            // Still held after the five seconds' wait (`busy_timeout`).
            Some(DatabaseBusy | DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(error),
        }
    }
}

/// Why a folder could not be made, in the organiser's words (the system's are English).
fn folder_refused(error: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::PermissionDenied => "l'accès y est refusé",
        ErrorKind::ReadOnlyFilesystem => "le disque est en lecture seule",
        ErrorKind::StorageFull => "le disque est plein",
        ErrorKind::AlreadyExists | ErrorKind::NotADirectory => {
            "un fichier porte déjà son nom (ou celui d'un dossier au-dessus)"
        }
        _ => "le système l'a refusé (disque retiré, en lecture seule ou chemin impossible)",
    }
}
