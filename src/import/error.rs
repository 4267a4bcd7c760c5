/// Why a file cannot be imported at all. (Problems with single rows are not errors: they are
/// rejections and warnings in the report.) Messages are French and name the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Impossible de lire le fichier « {file} » : {source}")]
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
    #[error("Le fichier « {file} » semble endommagé ou incomplet : {detail}")]
    Corrupt { file: String, detail: String },
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
    #[error("Dans « {file} »{sheet}, aucune ligne d'en-tête reconnue (nom, prénom, e-mail…) dans les {scanned} premières lignes.")]
    NoHeader {
        file: String,
        sheet: String,
        scanned: usize,
    },
    #[error("Lecture de « {file} » annulée.")]
    Cancelled { file: String },
    #[error("Format de fichier non pris en charge pour « {file} » : {extension} (attendu : .xlsx, .xls, .ods ou .csv).")]
    UnsupportedFormat { file: String, extension: String },
}

impl ImportError {
    /// The file name only (no folders: a path may itself hold personal information).
    pub fn file_label(path: &std::path::Path) -> String {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    }
}

/// Where a problem sits, for messages: `Dossiers`, row 12, column "Email".
pub fn sheet_suffix(sheet: &Option<String>) -> String {
    sheet
        .as_ref()
        .map(|s| format!(", feuille « {s} »"))
        .unwrap_or_default()
}
