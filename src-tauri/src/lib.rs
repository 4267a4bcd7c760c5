//! Binômes desktop shell: a Tauri 2 window around the `binome` engine.
//!
//! Commands are thin: they convert, call the engine and map errors (`error.rs`). No business
//! logic lives here. `build` is generic over the runtime so the commands can be exercised
//! headless with `tauri::test`.

mod bindings;
pub mod commands;
pub mod dialog;
pub mod error;
#[cfg(test)]
mod ipc_tests;
pub mod late_answers;
pub mod state;
mod webview;

use tauri::{Builder, Manager, Runtime};

pub use state::AppState;

/// Registers the commands and the state on a builder (real or mock runtime).
pub fn build<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .manage(state)
        .plugin(stay_in_the_app())
        .plugin(tauri_plugin_opener::init())
        // Files dropped on the window become files the window may ask to read (as chosen ones).
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                window
                    .state::<AppState>()
                    .allow_files(paths.iter().cloned());
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::reveal_written,
            commands::editions::list_editions,
            commands::editions::get_edition,
            commands::editions::set_opened_edition,
            commands::editions::opened_edition,
            commands::editions::create_edition,
            commands::editions::update_edition,
            commands::editions::delete_edition,
            commands::editions::set_retention,
            commands::editions::copy_edition_settings,
            commands::demo::open_demo_edition,
            commands::demo::export_demo_samples,
            commands::people::list_students,
            commands::people::list_ambassadors,
            commands::people::original_row,
            commands::people::person_form,
            commands::people::save_person,
            commands::people::remove_person,
            commands::people::probable_duplicates,
            commands::people::merge_people,
            commands::people::keep_apart,
            commands::people::erase_person,
            commands::people::export_person_data,
            commands::import::pick_import_file,
            commands::import::preview_import,
            commands::import::apply_import,
            commands::import::cancel_import,
            commands::import::remember_synonym,
            commands::referentials::list_referentials,
            commands::referentials::learned_synonyms,
            commands::referentials::forget_synonym,
            commands::pairs::suggest_pairs,
            commands::pairs::list_unpaired,
            commands::pairs::export_workbook,
            commands::pairs::get_rules,
            commands::pairs::compatibility,
            commands::pairs::season_overview,
            commands::pairs::pairs_by_date,
            commands::pairs::why_document,
            commands::pairs::export_why,
            commands::pairs::remember_figures,
            commands::pairs::remembered_figures,
            commands::pairs::set_rules,
            commands::messages::write_messages,
            commands::messages::mark_notified,
            commands::messages::get_templates,
            commands::messages::set_templates,
            commands::messages::preview_messages,
            commands::messages::preview_kind,
            commands::messages::to_notify,
            commands::messages::plan_wave,
            commands::messages::write_wave,
            commands::messages::confirm_drafts,
            commands::messages::queue_wave,
            commands::messages::unfinished_waves,
            commands::messages::notification_log,
            commands::messages::get_smtp_settings,
            commands::messages::set_smtp_settings,
            commands::messages::save_smtp_password,
            commands::messages::send_test_message,
            commands::messages::send_wave,
            commands::messages::pause_sending,
            commands::messages::cancel_sending,
            commands::import::remember_column,
            commands::import::forget_column,
            commands::board::load_board,
            commands::board::move_student,
            commands::board::edit_pairs,
            commands::board::forbid_pair,
            commands::board::undo,
            commands::board::redo,
            commands::board::history,
            commands::board::withdraw,
            commands::board::replacement_candidates,
            commands::backups::list_backups,
            commands::backups::restore_backup,
        ])
}

/// The window shows the app's own pages only: a link or a script that tries to take it
/// elsewhere (another origin, a file) is stopped.
fn stay_in_the_app<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation")
        .on_navigation(|_, url| is_own_page(url))
        .build()
}

/// The app's own origin: `tauri://localhost` (Linux, macOS), `http(s)://tauri.localhost`
/// (Windows); `about:blank` is harmless.
pub fn is_own_page(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        "about" => url.path() == "blank",
        _ => false,
    }
}

/// Starts the application.
pub fn run() {
    webview::before_start();
    let state = AppState::new(state::data_dir_override());
    // `--demo-if-empty` (README's run command): a first run shows the demo edition.
    let demo_if_empty = std::env::args().any(|arg| arg == "--demo-if-empty");
    // The window's size, place and maximised state, as the organiser left them (#18). Only the
    // Rust side uses it: the window is granted none of its commands. A data folder chosen by
    // BINOME_DATA_DIR keeps its own (the end-to-end tests' fresh folders start alike).
    let window_state = match state::data_dir_override() {
        Some(dir) => tauri_plugin_window_state::Builder::default()
            .with_filename(dir.join("fenetre.json").to_string_lossy()),
        None => tauri_plugin_window_state::Builder::default(),
    };
    build(tauri::Builder::default(), state)
        .plugin(window_state.build())
        .setup(move |app| {
            // The OS's per-user *local* data folder (never Windows' roaming one, which roaming
            // profiles copy to a server), unless BINOME_DATA_DIR chose another.
            let state = app.state::<AppState>();
            if !state.has_data_dir() {
                let roaming = app.path().app_data_dir()?;
                let local = app.path().app_local_data_dir()?;
                state.set_data_folder(binome::actions::database::choose_data_folder(
                    &roaming, &local,
                ));
            }
            if let Some(window) = app.get_webview_window("main") {
                webview::set_up(&window);
            }
            if demo_if_empty {
                // A failure here shows in the window at the first command; no need to stop.
                let _ = state.with_store(binome::actions::demo::create_demo_if_empty);
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("Binômes n'a pas pu démarrer");
}

#[cfg(test)]
mod navigation_tests {
    #[test]
    fn only_the_apps_own_pages() {
        let own = |u: &str| super::is_own_page(&u.parse().unwrap());
        assert!(own("tauri://localhost/"));
        assert!(own("tauri://localhost/index.html#edition"));
        assert!(own("http://tauri.localhost/"));
        assert!(!own("https://example.org/"));
        assert!(!own("http://localhost:8080/"));
        assert!(!own("file:///etc/passwd"));
        assert!(!own("tauri://evil.example/"));
        assert!(!own("https://tauri.localhost.evil.example/"));
    }
}
