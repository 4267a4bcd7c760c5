//! Files of personal data readable by their owner only: the database, its backups, and what
//! the organiser exports (workbooks, message drafts, the mail-merge sheet). On Unix their modes
//! say so (0600, folders 0700); on Windows the per-user folders' inherited access rights already
//! do, and exports go where the organiser chose.

use std::path::Path;

/// A file of personal data: its owner only. Best effort: a file that cannot be restricted is
/// still the user's own.
pub fn private_file(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if path.exists() {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// A folder of personal data: its owner only (best effort, as for files).
pub fn private_folder(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// A file's name only, for messages (no folders: a path may itself hold personal information).
pub fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Why the system refused to write a file or a folder, in the organiser's words (its own are
/// English).
pub fn write_refused_fr(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let windows = cfg!(windows);
    match (error.raw_os_error(), error.kind()) {
        // ENOSPC, EFBIG (Unix); ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL (Windows).
        (Some(28 | 27), _) if !windows => disk_full(),
        (Some(112 | 39), _) if windows => disk_full(),
        (_, ErrorKind::StorageFull) => disk_full(),
        // EROFS: a read-only medium.
        (_, ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem) => {
            "accès refusé à ce dossier : choisissez-en un autre".to_string()
        }
        // ENOENT, ENOTDIR: the folder was removed (a USB stick pulled out).
        (Some(2 | 20), _) | (_, ErrorKind::NotFound) => {
            "ce dossier n'existe pas (ou plus) : choisissez-en un autre".to_string()
        }
        // ENAMETOOLONG; ERROR_FILENAME_EXCED_RANGE.
        (Some(36), _) if !windows => "son nom est trop long pour le système".to_string(),
        (Some(206), _) if windows => "son nom est trop long pour le système".to_string(),
        (_, ErrorKind::AlreadyExists) => "un fichier porte déjà ce nom".to_string(),
        (code, _) => format!(
            "le système a refusé l'écriture (erreur {})",
            code.map_or("inconnue".to_string(), |c| c.to_string())
        ),
    }
}

fn disk_full() -> String {
    "le disque est plein (ou le fichier dépasse la taille permise)".to_string()
}

#[cfg(test)]
mod tests {
    use super::write_refused_fr;
    use std::io::{Error, ErrorKind};

    #[test]
    fn the_systems_refusals_are_told_in_french() {
        // (Windows, and Wine, answer a name too long in ways of their own.)
        if cfg!(unix) {
            let long = std::env::temp_dir().join("x".repeat(300));
            let too_long = std::fs::write(&long, b"").unwrap_err();
            assert_eq!(
                write_refused_fr(&too_long),
                "son nom est trop long pour le système"
            );
        }
        let missing = std::fs::write(std::env::temp_dir().join("absent-binomes/x"), b"");
        assert!(write_refused_fr(&missing.unwrap_err()).starts_with("ce dossier n'existe pas"));
        let denied = Error::from(ErrorKind::PermissionDenied);
        assert!(write_refused_fr(&denied).starts_with("accès refusé"));
        let other = Error::other("English words");
        assert_eq!(
            write_refused_fr(&other),
            "le système a refusé l'écriture (erreur inconnue)"
        );
    }
}
