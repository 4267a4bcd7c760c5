//! Every native dialog goes through here.
//!
//! Under test nobody can answer a dialog, so in a build with the `test-hooks` feature (the
//! end-to-end tests' and the benchmark's, never the product's) or the shell's own unit tests,
//! when `BINOME_TEST_DIALOG_ANSWERS`
//! names a file, each dialog takes the first line of that file as its answer (and removes it);
//! an empty line means "cancelled". Otherwise rfd shows the native dialog, asynchronously (a
//! blocking dialog on the main thread would freeze the app).

use std::path::PathBuf;

pub const ANSWERS_ENV: &str = "BINOME_TEST_DIALOG_ANSWERS";

/// Asks the organiser for a folder; `None` if they cancelled.
pub async fn pick_folder(title: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer() {
        return answer;
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .pick_folder()
        .await
        .map(|handle| handle.path().to_path_buf())
}

/// Asks the organiser for a spreadsheet to import; `None` if they cancelled.
pub async fn pick_spreadsheet(title: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer() {
        return answer;
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter("Classeurs et CSV", &["xlsx", "xls", "ods", "csv", "txt"])
        .add_filter("Tous les fichiers", &["*"])
        .pick_file()
        .await
        .map(|handle| handle.path().to_path_buf())
}

/// Asks where to save a workbook; `None` if they cancelled.
pub async fn save_workbook(title: &str, suggested_name: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer() {
        return answer;
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(suggested_name)
        .add_filter("Classeur Excel", &["xlsx"])
        .save_file()
        .await
        .map(|handle| handle.path().to_path_buf())
}

/// Asks where to save a text document; `None` if they cancelled.
pub async fn save_text(title: &str, suggested_name: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer() {
        return answer;
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(suggested_name)
        .add_filter("Texte", &["txt"])
        .save_file()
        .await
        .map(|handle| handle.path().to_path_buf())
}

/// Asks where to save a web page (the « Pourquoi ? » document); `None` if they cancelled.
pub async fn save_html(title: &str, suggested_name: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer() {
        return answer;
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(suggested_name)
        .add_filter("Page web", &["html", "htm"])
        .save_file()
        .await
        .map(|handle| handle.path().to_path_buf())
}

/// Asks the organiser to confirm an irreversible action in a native dialog — one the web view
/// cannot answer or fake, so that a compromised page could not delete anything by itself. True
/// only when they chose `confirm` (under test: a non-empty scripted answer).
pub async fn confirm(title: &str, description: &str, confirm: &str) -> bool {
    if let Some(answer) = scripted_answer() {
        return answer.is_some();
    }
    let chosen = rfd::AsyncMessageDialog::new()
        .set_level(rfd::MessageLevel::Warning)
        .set_title(title)
        .set_description(description)
        .set_buttons(rfd::MessageButtons::OkCancelCustom(
            confirm.to_string(),
            "Annuler".to_string(),
        ))
        .show()
        .await;
    chosen == rfd::MessageDialogResult::Custom(confirm.to_string())
        || chosen == rfd::MessageDialogResult::Ok
}

/// `Some(answer)` when dialogs are scripted, `None` when a person answers them.
#[cfg(not(any(test, feature = "test-hooks")))]
fn scripted_answer() -> Option<Option<PathBuf>> {
    None
}

/// `Some(answer)` when dialogs are scripted, `None` when a person answers them.
#[cfg(any(test, feature = "test-hooks"))]
fn scripted_answer() -> Option<Option<PathBuf>> {
    let file = std::env::var_os(ANSWERS_ENV)?;
    let content = std::fs::read_to_string(&file).unwrap_or_default();
    let mut lines = content.lines();
    let answer = lines.next().unwrap_or("").trim().to_string();
    let rest: Vec<&str> = lines.collect();
    // Best effort: a test that cannot rewrite its own answers file will see the same answer again.
    let _ = std::fs::write(&file, rest.join("\n"));
    Some((!answer.is_empty()).then(|| PathBuf::from(answer)))
}
