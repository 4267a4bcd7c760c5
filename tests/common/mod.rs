//! What several test files share. Each test binary uses its own part of it.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use binome::actions::{self, ActionError};
use binome::import::{ImportReport, Progress};
use binome::model::{EditionId, Role};
use binome::Store;

/// Imports a file as the app does: read and previewed, then applied as previewed.
pub fn import_file(
    store: &mut Store,
    edition: EditionId,
    path: &Path,
    role: Role,
    sheet: Option<&str>,
) -> Result<ImportReport, ActionError> {
    let (_, analysis) =
        actions::import::preview(store, edition, role, path, sheet, &Progress::none())?;
    Ok(actions::import::apply(store, edition, &analysis, &[])?)
}

/// The traces found in any file of the data folder (database, journal, backups, anything).
pub fn found_on_disk(folder: &std::path::Path, traces: &[String]) -> Vec<String> {
    let mut bytes = Vec::new();
    for file in walk(folder) {
        bytes.extend(std::fs::read(file).unwrap());
    }
    traces
        .iter()
        .filter(|t| bytes.windows(t.len()).any(|w| w == t.as_bytes()))
        .cloned()
        .collect()
}

/// Every file below `dir`.
pub fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Runs `command` to its end and returns what it wrote and its status. Under Wine, starting a
/// process failed now and then in Wine itself (« Internal error », Windows' error 1359) before
/// anything of ours ran; starting `binome` is the harness, not what is tested, so a failed start
/// is tried again (`started`). A command that ran is never run again for its status or its
/// output: only `output()`'s own error is retried.
pub fn run_to_end(command: &mut Command) -> Output {
    let what = format!("{command:?}");
    started(&what, || command.output())
}

/// What `start` gives once it succeeds: a failed start is told on stderr and tried again, three
/// times at most (see `run_to_end`; the kill test starts its child so too).
pub fn started<T>(what: &str, mut start: impl FnMut() -> std::io::Result<T>) -> T {
    let mut attempt = 1;
    loop {
        match start() {
            Ok(value) => return value,
            Err(e) if attempt < 3 => {
                eprintln!("{what} could not be started ({e:?}), trying again");
                std::thread::sleep(std::time::Duration::from_millis(200));
                attempt += 1;
            }
            Err(e) => panic!("{what} could not be started: {e:?}"),
        }
    }
}

/// `run_to_end` as a method, for a command built in one expression.
pub trait RunToEnd {
    fn run_to_end(&mut self) -> Output;
}

impl RunToEnd for Command {
    fn run_to_end(&mut self) -> Output {
        run_to_end(self)
    }
}
