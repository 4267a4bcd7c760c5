//! The commands the UI calls, one file per domain. Each converts, calls the engine, maps errors.
//!
//! Every command runs off the window's main thread (`#[tauri::command(async)]` for the
//! synchronous ones): on it, a command held back the painting of the window and every other
//! call meanwhile — a board of 10,000 people, read for most of a second, froze the window.
//! Changes meet at the store's lock (state.rs), one at a time; the board's reads go to a second
//! connection (`AppState::with_reader`).

pub mod app;
pub mod backups;
pub mod board;
pub mod demo;
pub mod editions;
pub mod import;
pub mod messages;
pub mod pairs;
pub mod people;
pub mod referentials;

#[cfg(test)]
mod tests {
    /// A plain `#[tauri::command]` on a synchronous function runs on the window's main thread
    /// (see above): every command here is `async`, or marked to run off it.
    #[test]
    fn no_command_runs_on_the_main_thread() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).expect("the commands' folder") {
            let path = entry.expect("an entry").path();
            let source = std::fs::read_to_string(&path).expect("a command file");
            let lines: Vec<&str> = source.lines().collect();
            for (at, line) in lines.iter().enumerate() {
                if line.trim() != "#[tauri::command]" {
                    continue;
                }
                checked += 1;
                let function = lines[at + 1..]
                    .iter()
                    .find(|l| l.contains("fn "))
                    .expect("the command's function");
                assert!(
                    function.contains("async fn"),
                    "{}:{}: a synchronous command without `#[tauri::command(async)]`",
                    path.display(),
                    at + 1
                );
            }
        }
        assert!(checked > 0, "no command found in {}", dir.display());
    }
}
