/// Why a file cannot be imported at all. (Problems with single rows are not errors: they are
/// rejections and warnings in the report.) Messages are French and name the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Impossible de lire le fichier « {file} » : {}.", io_reason(source))]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("Le fichier « {file} » est vide.")]
    Empty { file: String },
    #[error("Le fichier « {file} » n'est pas un classeur ni un CSV lisible : {detail}.")]
    NotASpreadsheet { file: String, detail: String },
    #[error("Le fichier « {file} » est un classeur d'un ancien format d'Excel (Excel 2.x à 4.0, d'avant 1993) que Binômes ne lit pas : ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx, puis importez cette copie.")]
    OldExcel { file: String },
    #[error("Le fichier « {file} » est protégé par un mot de passe : enregistrez-en une copie sans mot de passe puis importez-la.")]
    Encrypted { file: String },
    /// `detail` is a French fact (« son archive est tronquée »), never a library's text: that
    /// goes to the log.
    #[error("Le fichier « {file} » semble endommagé ou incomplet ({detail}) : ouvrez-le dans Excel ou LibreOffice, enregistrez-le au format .xlsx et importez cette copie.")]
    Corrupt { file: String, detail: String },
    /// A workbook holding something no reader here handles (an Excel 4.0 macro sheet, text in
    /// an unknown character set); `what` is French.
    #[error("Le fichier « {file} » contient {what}, que Binômes ne sait pas lire : ouvrez-le dans Excel ou LibreOffice, enregistrez-le au format .xlsx et importez cette copie.")]
    Unsupported { file: String, what: String },
    /// Refused by the reader in its child process; the message is its, already in French.
    #[error("{message}")]
    Refused { message: String },
    #[error("Le fichier « {file} » est trop grand pour un export d'inscriptions : {detail}.")]
    TooLarge { file: String, detail: String },
    #[error("Le fichier « {file} » n'a pas de feuille « {sheet} » (feuilles : {available}).")]
    NoSuchSheet {
        file: String,
        sheet: String,
        available: String,
    },
    #[error("Aucune feuille du fichier « {file} » ne contient de données.")]
    NoData { file: String },
    #[error("Dans « {file} »{sheet}, aucune ligne d'en-tête reconnue (nom, prénom, e-mail…) dans {}.", first_lines(*scanned))]
    NoHeader {
        file: String,
        sheet: String,
        scanned: usize,
    },
    /// The header names what only the other role's files have, and nothing of `role`'s own.
    #[error("Le fichier « {file} » semble être celui des {}, pas des {} ({columns}) : importez-le comme fichier des {}.", people(other(*role)), people(*role), people(other(*role)))]
    OtherRole {
        file: String,
        /// The role it was imported as.
        role: crate::model::Role,
        /// The sheet, if a workbook's, and a few of the other role's columns, quoted:
        /// « feuille « Réponses », colonnes « Type de structure », « Service » ».
        columns: String,
    },
    #[error("Lecture de « {file} » annulée.")]
    Cancelled { file: String },
    #[error("Format de fichier non pris en charge pour « {file} » : {extension} (attendu : .xlsx, .xls, .ods ou .csv).")]
    UnsupportedFormat { file: String, extension: String },
}

impl ImportError {
    /// The file name only (no folders: a path may itself hold personal information).
    pub fn file_label(path: &std::path::Path) -> String {
        crate::files::file_label(path)
    }
}

fn first_lines(scanned: usize) -> String {
    match scanned {
        0 | 1 => "la première ligne".to_string(),
        n => format!("les {n} premières lignes"),
    }
}

fn other(role: crate::model::Role) -> crate::model::Role {
    match role {
        crate::model::Role::Student => crate::model::Role::Ambassador,
        crate::model::Role::Ambassador => crate::model::Role::Student,
    }
}

fn people(role: crate::model::Role) -> &'static str {
    match role {
        crate::model::Role::Student => "étudiants",
        crate::model::Role::Ambassador => "ambassadeurs",
    }
}

/// An input/output failure in the organiser's words (the system's own text is English).
fn io_reason(error: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "il est introuvable (déplacé ou supprimé ?)",
        ErrorKind::PermissionDenied => "l'accès en est refusé (fichier ouvert dans un autre logiciel, ou droits insuffisants ?)",
        ErrorKind::UnexpectedEof => "il est tronqué",
        ErrorKind::IsADirectory => "c'est un dossier",
        _ => "le système n'a pas pu le lire",
    }
}

/// Where a problem sits, for messages: `Dossiers`, row 12, column "Email".
pub fn sheet_suffix(sheet: &Option<String>) -> String {
    sheet
        .as_ref()
        .map(|s| format!(", feuille « {s} »"))
        .unwrap_or_default()
}
