//! The readers against damaged files: every sample (xlsx, xls, ods, csv) mutated at random —
//! bytes overwritten, inserted, cut off, zip entries disturbed — is read without a panic and
//! without unbounded memory (the engine tests run under an address-space limit): the import
//! either gives its report or a French error naming the file. Seeded: the same inputs every
//! run; `PROPTEST_CASES` raises the count (default 48 per format, to keep CI short).
//!
//! As in the binaries, `.xls` and `.ods` are read in a child process (the `binome` command line
//! serves as it): a damaged `.xls` can make calamine allocate gigabytes (found here).

use std::path::{Path, PathBuf};

use binome::import::analyze;
use binome::model::Role;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

fn samples() -> Vec<(PathBuf, Role)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    vec![
        (
            root.join("assets/samples/etudiants-demarches-simplifiees.xlsx"),
            Role::Student,
        ),
        (
            root.join("assets/samples/etudiants-excel-windows.csv"),
            Role::Student,
        ),
        (
            root.join("tests/fixtures/etudiants-demarches-simplifiees.ods"),
            Role::Student,
        ),
        (
            root.join("tests/fixtures/ambassadeurs-sphinx-retravaille.xls"),
            Role::Ambassador,
        ),
        (
            root.join("assets/samples/ambassadeurs-sphinx-retravaille.xlsx"),
            Role::Ambassador,
        ),
    ]
}

/// One way of damaging a file; positions are fractions of its length.
#[derive(Debug, Clone)]
enum Damage {
    Overwrite { at: f64, bytes: Vec<u8> },
    Insert { at: f64, bytes: Vec<u8> },
    Remove { at: f64, len: usize },
    CutOff { at: f64 },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0.0..1.0f64, prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, bytes)| Damage::Overwrite { at, bytes }),
        (0.0..1.0f64, prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, bytes)| Damage::Insert { at, bytes }),
        (0.0..1.0f64, 1..4096usize).prop_map(|(at, len)| Damage::Remove { at, len }),
        (0.0..1.0f64).prop_map(|at| Damage::CutOff { at }),
    ]
}

fn apply(original: &[u8], damages: &[Damage]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for d in damages {
        let pos = |at: f64, len: usize| ((at * len as f64) as usize).min(len);
        match d {
            Damage::Overwrite { at, bytes: with } => {
                let start = pos(*at, bytes.len());
                for (i, b) in with.iter().enumerate() {
                    if let Some(slot) = bytes.get_mut(start + i) {
                        *slot = *b;
                    }
                }
            }
            Damage::Insert { at, bytes: with } => {
                let start = pos(*at, bytes.len());
                bytes.splice(start..start, with.iter().copied());
            }
            Damage::Remove { at, len } => {
                let start = pos(*at, bytes.len());
                let end = (start + len).min(bytes.len());
                bytes.drain(start..end);
            }
            Damage::CutOff { at } => {
                let end = pos(*at, bytes.len());
                bytes.truncate(end);
            }
        }
    }
    bytes
}

#[test]
fn damaged_sample_files_are_refused_or_read_never_a_crash() {
    // Read in-process first, then through the child process: the same tables.
    let read_all = || -> Vec<(u32, usize)> {
        samples()
            .iter()
            .map(|(path, role)| {
                let analysis = analyze(path, *role, None).unwrap();
                (analysis.header_row, analysis.rows.len())
            })
            .collect()
    };
    let in_process = read_all();
    binome::import::read::use_reader_process(PathBuf::from(env!("CARGO_BIN_EXE_binome")));
    let isolated = read_all();
    assert_eq!(
        isolated, in_process,
        "a child process reads the same sheets"
    );

    let cases: u32 = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48);
    let dir = tempfile::tempdir().unwrap();
    let tried = std::cell::Cell::new(0u32);
    let refused = std::cell::Cell::new(0u32);
    for (index, (sample, role)) in samples().into_iter().enumerate() {
        let original = std::fs::read(&sample).unwrap();
        let extension = sample.extension().unwrap().to_string_lossy().into_owned();
        let target = dir.path().join(format!("abime-{index}.{extension}"));
        let mut seed = [0u8; 32];
        seed[0] = index as u8 + 1;
        let mut runner = TestRunner::new_with_rng(
            Config {
                cases,
                failure_persistence: None,
                ..Config::default()
            },
            TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
        );
        let result = runner.run(&prop::collection::vec(damage(), 1..4), |damages| {
            std::fs::write(&target, apply(&original, &damages)).unwrap();
            tried.set(tried.get() + 1);
            match analyze(&target, role, None) {
                Ok(analysis) => {
                    // Every data row is there once, below the header, in the file's order.
                    let numbers: Vec<u32> = analysis.rows.iter().map(|r| r.row_number).collect();
                    prop_assert!(numbers.windows(2).all(|w| w[0] < w[1]));
                    prop_assert!(numbers.first().is_none_or(|&n| n > analysis.header_row));
                }
                Err(error) => {
                    refused.set(refused.get() + 1);
                    let message = error.to_string();
                    prop_assert!(
                        message.contains(&format!("abime-{index}")),
                        "the error names the file: {}",
                        message
                    );
                }
            }
            Ok(())
        });
        if let Err(failure) = result {
            panic!("{}: {failure}", sample.display());
        }
    }
    eprintln!(
        "{} damaged files read, {} refused with a French message naming the file, no crash",
        tried.get(),
        refused.get()
    );
}
