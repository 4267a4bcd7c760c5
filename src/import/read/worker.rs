//! `.xls` and `.ods` read in a child process. calamine builds these sheets as whole ranges sized
//! from the cell positions it finds, and a damaged file can place a cell millions of rows away:
//! the allocation then aborts the process (tests/hostile_files.rs found it). Read in a child
//! with a memory ceiling, such a file costs the child, and the organiser is told the file is
//! damaged; the app and the command line go on.
//!
//! The binaries opt in at start with [`isolate_readers`], which also serves as the child when
//! the environment asks for it. Library users (the engine tests) read in-process unless they
//! name a worker with [`use_reader_process`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use super::{workbook, ReadOptions};
use crate::import::error::ImportError;
use crate::import::progress::Progress;
use crate::import::table::RawTable;

/// Set in the child's environment: read the request on stdin, answer on stdout, exit.
const SERVE: &str = "BINOMES_READER_PROCESS";
/// Address space of the child: far above any real sheet, far below the machine.
const CHILD_MEMORY_BYTES: u64 = 1536 * 1024 * 1024;

static WORKER: OnceLock<PathBuf> = OnceLock::new();

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) enum Format {
    Xls,
    Ods,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Request {
    format: Format,
    path: PathBuf,
    file: String,
    options: ReadOptions,
}

#[derive(serde::Serialize, serde::Deserialize)]
enum Answer {
    Table(RawTable),
    /// The reader's error, already in French.
    Refused(String),
}

/// Called first thing by the binaries: in a child started by [`read`], serves the request and
/// exits; otherwise makes this executable the worker of the process's later reads.
pub fn isolate_readers() {
    if std::env::var_os(SERVE).is_some() {
        let answer = serve();
        let out = serde_json::to_vec(&answer).unwrap_or_default();
        let _ = std::io::stdout().write_all(&out);
        std::process::exit(0);
    }
    if let Ok(exe) = std::env::current_exe() {
        use_reader_process(exe);
    }
}

/// Reads `.xls` and `.ods` files in a child process running `exe` (which must call
/// [`isolate_readers`] at start).
pub fn use_reader_process(exe: PathBuf) {
    let _ = WORKER.set(exe);
}

fn serve() -> Answer {
    let request: Request = match serde_json::from_reader(std::io::stdin()) {
        Ok(r) => r,
        Err(e) => return Answer::Refused(format!("requête de lecture illisible : {e}")),
    };
    match in_process(&request, &Progress::none()) {
        Ok(table) => Answer::Table(table),
        Err(e) => Answer::Refused(e.to_string()),
    }
}

fn in_process(request: &Request, progress: &Progress) -> Result<RawTable, ImportError> {
    match request.format {
        Format::Xls => workbook::read_xls(&request.path, &request.file, &request.options, progress),
        Format::Ods => workbook::read_ods(&request.path, &request.file, &request.options, progress),
    }
}

pub(super) fn read(
    format: Format,
    path: &Path,
    file: &str,
    options: &ReadOptions,
    progress: &Progress,
) -> Result<RawTable, ImportError> {
    let request = Request {
        format,
        path: path.to_path_buf(),
        file: file.to_string(),
        options: options.clone(),
    };
    let Some(exe) = WORKER.get() else {
        return in_process(&request, progress);
    };
    let damaged = |detail: &str| ImportError::Corrupt {
        file: file.to_string(),
        detail: detail.to_string(),
    };
    let mut command = Command::new(exe);
    command
        .env(SERVE, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    limit_memory(&mut command);
    let mut child = command
        .spawn()
        .map_err(|e| damaged(&format!("lecture impossible ({e})")))?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = serde_json::to_writer(&mut stdin, &request);
    }
    let output = child
        .wait_with_output()
        .map_err(|e| damaged(&format!("lecture impossible ({e})")))?;
    match serde_json::from_slice::<Answer>(&output.stdout) {
        Ok(Answer::Table(table)) => Ok(table),
        Ok(Answer::Refused(message)) => Err(ImportError::Refused { message }),
        // The child died: out of memory on a damaged sheet, or the reader crashed.
        Err(_) => Err(damaged(
            "sa lecture demandait une mémoire démesurée ou a échoué (structure interne incohérente)",
        )),
    }
}

#[cfg(unix)]
fn limit_memory(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: CHILD_MEMORY_BYTES as libc::rlim_t,
                rlim_max: CHILD_MEMORY_BYTES as libc::rlim_t,
            };
            // A lower ceiling than the parent's is always allowed; if not, read unbounded.
            let _ = libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_command: &mut Command) {
    // Windows has no rlimit; the child still keeps a crash away from the app.
}
