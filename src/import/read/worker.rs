//! `.xls` and `.ods` read in a child process. calamine builds these sheets as whole ranges sized
//! from the cell positions it finds, and a damaged file can place a cell millions of rows away:
//! the allocation then aborts the process (tests/hostile_files.rs found it). Read in a child
//! with a memory ceiling, such a file costs the child, and the organiser is told the file is
//! damaged; the app and the command line go on.
//!
//! The child is bounded three ways: its memory (an address-space ceiling on Unix, a Job Object
//! on Windows, which also kills it if the app dies), its time (a deadline, and a CPU-time limit
//! on Unix), and the organiser's « Annuler », which stops it at once.
//!
//! What the child logs (the reader libraries' own text about a refused file) comes back with its
//! answer, and the parent logs it in turn.
//!
//! The binaries opt in at start with [`isolate_readers`], which also serves as the child when
//! the environment asks for it. Library users (the engine tests) read in-process unless they
//! name a worker with [`use_reader_process`].

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::{workbook, ReadOptions};
use crate::import::error::ImportError;
use crate::import::progress::Progress;
use crate::import::table::RawTable;

/// Set in the child's environment: read the request on stdin, answer on stdout, exit.
const SERVE: &str = "BINOMES_READER_PROCESS";
/// Address space of the child: far above any real sheet, far below the machine.
const CHILD_MEMORY_BYTES: u64 = 1536 * 1024 * 1024;
/// How long a read may take: a real sheet of 50,000 rows takes a few seconds.
const DEADLINE: Duration = Duration::from_secs(120);
/// How often the parent looks at the child, the deadline and « Annuler ».
const POLL: Duration = Duration::from_millis(20);
/// Set (in seconds) to shorten the deadline: the tests of a looping reader use it.
const DEADLINE_ENV: &str = "BINOMES_READER_DEADLINE_SECONDS";

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

/// What the child sends back: its answer, and what it logged (the reader libraries' own
/// text, kept out of the French message), for the parent to log in turn.
#[derive(serde::Serialize, serde::Deserialize)]
struct Reply {
    answer: Answer,
    log: Vec<String>,
}

/// The child's logger: it keeps warnings to send them with the answer (its standard error
/// goes nowhere).
struct Kept(std::sync::Mutex<Vec<String>>);

impl log::Log for Kept {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::Level::Warn
    }

    fn log(&self, record: &log::Record) {
        if self.enabled(record.metadata()) {
            if let Ok(mut kept) = self.0.lock() {
                // A hostile file could make a library warn without end.
                if kept.len() < 100 {
                    kept.push(record.args().to_string());
                }
            }
        }
    }

    fn flush(&self) {}
}

static KEPT: Kept = Kept(std::sync::Mutex::new(Vec::new()));

/// Called first thing by the binaries: in a child started by [`read`], serves the request and
/// exits; otherwise makes this executable the worker of the process's later reads.
pub fn isolate_readers() {
    if std::env::var_os(SERVE).is_some() {
        if log::set_logger(&KEPT).is_ok() {
            log::set_max_level(log::LevelFilter::Warn);
        }
        let answer = serve();
        let log = KEPT.0.lock().map(|kept| kept.clone()).unwrap_or_default();
        let out = serde_json::to_vec(&Reply { answer, log }).unwrap_or_default();
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
        Err(e) => {
            log::warn!("requête de lecture illisible : {e}");
            return Answer::Refused(
                "La lecture du fichier n'a pas pu commencer : relancez Binômes puis réessayez."
                    .into(),
            );
        }
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
    limit_child(&mut command);
    let mut child = command.spawn().map_err(|source| {
        log::warn!("lecteur de « {file} » non lancé : {source}");
        ImportError::Io {
            file: file.to_string(),
            source,
        }
    })?;
    // Held until the child is reaped: on Windows, closing it kills the child.
    let _job = contain(&child);
    if let Some(mut stdin) = child.stdin.take() {
        let _ = serde_json::to_writer(&mut stdin, &request);
    }
    // The answer is read on a thread of its own, so that a large table never fills the pipe
    // while the parent waits.
    let mut stdout = child.stdout.take();
    let answer = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(out) = stdout.as_mut() {
            let _ = out.read_to_end(&mut bytes);
        }
        bytes
    });
    match wait(&mut child, deadline(), progress) {
        Waited::Done => {}
        Waited::Cancelled => {
            stop(&mut child);
            let _ = answer.join();
            return Err(ImportError::Cancelled {
                file: file.to_string(),
            });
        }
        Waited::TooLong(limit) => {
            stop(&mut child);
            let _ = answer.join();
            return Err(damaged(&format!(
                "sa lecture a duré plus de {} secondes sans aboutir, sa structure interne tourne en boucle",
                limit.as_secs()
            )));
        }
    }
    let output = answer.join().unwrap_or_default();
    let reply = serde_json::from_slice::<Reply>(&output);
    for line in reply.iter().flat_map(|r| &r.log) {
        log::warn!("{line}");
    }
    match reply {
        Ok(Reply {
            answer: Answer::Table(table),
            ..
        }) => Ok(table),
        Ok(Reply {
            answer: Answer::Refused(message),
            ..
        }) => Err(ImportError::Refused { message }),
        // The child died: out of memory on a damaged sheet, or the reader crashed.
        Err(_) => {
            log::warn!("le lecteur de « {file} » s'est arrêté sans répondre");
            Err(damaged(
                "sa lecture demandait une mémoire démesurée ou a échoué, sa structure interne est incohérente",
            ))
        }
    }
}

enum Waited {
    Done,
    Cancelled,
    TooLong(Duration),
}

fn deadline() -> Duration {
    std::env::var(DEADLINE_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&s| s > 0)
        .map_or(DEADLINE, Duration::from_secs)
}

/// Waits for the child to end, or for « Annuler », or for the deadline.
fn wait(child: &mut Child, limit: Duration, progress: &Progress) -> Waited {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) | Err(_) => return Waited::Done,
            Ok(None) => {}
        }
        if progress.is_cancelled() {
            return Waited::Cancelled;
        }
        if start.elapsed() >= limit {
            return Waited::TooLong(limit);
        }
        std::thread::sleep(POLL);
    }
}

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The child's limits that are set before it starts: its address space and CPU time (Unix).
#[cfg(unix)]
fn limit_child(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    let cpu_seconds = deadline().as_secs() + 5;
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let memory = libc::rlimit {
                rlim_cur: CHILD_MEMORY_BYTES as libc::rlim_t,
                rlim_max: CHILD_MEMORY_BYTES as libc::rlim_t,
            };
            // A lower ceiling than the parent's is always allowed; if not, read unbounded.
            let _ = libc::setrlimit(libc::RLIMIT_AS, &memory);
            // The deadline kills a looping child; this is the same bound kept by the kernel.
            let cpu = libc::rlimit {
                rlim_cur: cpu_seconds as libc::rlim_t,
                rlim_max: cpu_seconds as libc::rlim_t,
            };
            let _ = libc::setrlimit(libc::RLIMIT_CPU, &cpu);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_child(_command: &mut Command) {
    // Windows: the Job Object set on the running child (`contain`).
}

/// Unix: the limits are set before the child starts; nothing to hold.
#[cfg(not(windows))]
fn contain(_child: &Child) -> Option<()> {
    None
}

/// Windows: the child in a Job Object that caps its memory and kills it when the job's handle
/// closes (the parent reaped it, gave up on it, or died).
#[cfg(windows)]
fn contain(child: &Child) -> Option<job::Job> {
    job::Job::limit(child, CHILD_MEMORY_BYTES)
}

#[cfg(windows)]
mod job {
    use std::os::windows::io::AsRawHandle;
    use std::process::Child;

    use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JobObjectExtendedLimitInformation,
        SetInformationJobObject, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
        JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, JOB_OBJECT_LIMIT_PROCESS_MEMORY,
    };

    pub struct Job(HANDLE);

    impl Job {
        /// `None` when the system refuses (then the child runs unbounded, as before).
        pub fn limit(child: &Child, memory: u64) -> Option<Job> {
            // SAFETY: plain Win32 calls on a handle we own and a zeroed C struct.
            unsafe {
                let handle = CreateJobObjectW(std::ptr::null(), std::ptr::null());
                if handle.is_null() {
                    return None;
                }
                let job = Job(handle);
                let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
                info.BasicLimitInformation.LimitFlags =
                    JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
                info.ProcessMemoryLimit = memory as usize;
                let set = SetInformationJobObject(
                    job.0,
                    JobObjectExtendedLimitInformation,
                    &info as *const _ as *const core::ffi::c_void,
                    std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
                );
                if set == 0 {
                    return None;
                }
                if AssignProcessToJobObject(job.0, child.as_raw_handle() as HANDLE) == 0 {
                    return None;
                }
                Some(job)
            }
        }
    }

    impl Drop for Job {
        fn drop(&mut self) {
            // SAFETY: the handle is ours and closed once.
            unsafe {
                CloseHandle(self.0);
            }
        }
    }
}
