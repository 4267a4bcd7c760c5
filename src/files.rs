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
