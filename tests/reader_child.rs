//! The child process that reads `.xls` and `.ods` files is bounded in time and stops when the
//! organiser cancels: a reader that never ends must not block the import for good. A stand-in
//! child that never answers plays the looping reader.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use binome::import::{read_table_with, ImportError, Progress, ReadOptions};

/// A child that takes the request and never answers (and is replaced by `sleep`, so that
/// killing it closes its output).
fn endless_reader(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("lecteur-sans-fin");
    std::fs::write(&script, "#!/bin/sh\nexec sleep 600\n").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

fn sample_xls() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ambassadeurs-sphinx-retravaille.xls")
}

#[test]
fn a_reader_that_never_ends_is_stopped_at_its_deadline_or_when_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    binome::import::read::use_reader_process(endless_reader(dir.path()));
    // SAFETY: set before any other thread of this test binary reads the environment.
    unsafe { std::env::set_var("BINOMES_READER_DEADLINE_SECONDS", "1") };

    // The deadline: refused in French, naming the file, soon after it passes.
    let start = Instant::now();
    let error =
        read_table_with(&sample_xls(), &ReadOptions::default(), &Progress::none()).unwrap_err();
    let elapsed = start.elapsed();
    assert!(matches!(error, ImportError::Corrupt { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("ambassadeurs-sphinx-retravaille.xls") && message.contains("secondes"),
        "{message}"
    );
    assert!(
        elapsed < Duration::from_secs(10),
        "stopped after {elapsed:?}"
    );

    // « Annuler »: the read stops at once, well before the deadline.
    unsafe { std::env::set_var("BINOMES_READER_DEADLINE_SECONDS", "60") };
    let cancel = AtomicBool::new(false);
    let start = Instant::now();
    let error = std::thread::scope(|scope| {
        scope.spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            cancel.store(true, Ordering::Relaxed);
        });
        let progress = Progress::new(&|_| {}, &cancel);
        read_table_with(&sample_xls(), &ReadOptions::default(), &progress).unwrap_err()
    });
    assert!(matches!(error, ImportError::Cancelled { .. }), "{error:?}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "cancelled after {:?}",
        start.elapsed()
    );
}
