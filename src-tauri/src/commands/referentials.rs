use binome::actions::referentials::{self, ReferentialLists};

/// The métiers and administrations the organiser can rattach a value to.
#[tauri::command]
pub fn list_referentials() -> ReferentialLists {
    referentials::lists()
}
