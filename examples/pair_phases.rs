//! Times the phases of `binome pair` (the same calls as `actions::pair::pair`, in the same
//! order), to see where `bench/pair.sh`'s time goes. Usage: pair_phases STUDENTS AMBASSADORS OUT
use std::path::Path;
use std::time::Instant;

use binome::actions;
use binome::export::{self, ExportOptions};
use binome::import::{self, Progress};
use binome::model::Role;

fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let value = f();
    println!("{name:<28} {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    value
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, students, ambassadors, out] = &args[..] else {
        panic!("usage: pair_phases STUDENTS AMBASSADORS OUT")
    };
    let (students, ambassadors, out) =
        (Path::new(students), Path::new(ambassadors), Path::new(out));
    let all = Instant::now();
    phase("geography (first use)", || {
        binome::referentials::geography::Geography::get();
    });
    let read = |path: &Path, role| {
        let table = import::read_sheet(path, role, None, &Progress::none()).expect("read");
        import::header::find_header(role, &table, "f").expect("header");
        table
    };
    let student_table = phase("read students", || read(students, Role::Student));
    let ambassador_table = phase("read ambassadors", || read(ambassadors, Role::Ambassador));
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut store = phase("open store", || {
        binome::Store::open_throwaway(&dir.path().join("binomes.sqlite3")).expect("open")
    });
    let edition = phase("edition", || {
        store.edition_for_command_line(None).expect("edition").id
    });
    for (label, role, path, table) in [
        ("students", Role::Student, students, student_table),
        (
            "ambassadors",
            Role::Ambassador,
            ambassadors,
            ambassador_table,
        ),
    ] {
        let analysis = phase(&format!("understand {label}"), || {
            let remembered = store.remembered(role).expect("remembered");
            import::understand(
                table,
                role,
                &import::ImportError::file_label(path),
                &remembered,
            )
            .expect("understand")
        });
        phase(&format!("store {label}"), || {
            actions::import::apply_without_backup(&mut store, edition, &analysis).expect("apply")
        });
    }
    phase("(a backup, which pair skips)", || {
        store.backup("mesure").expect("backup");
    });
    let (suggestion, _) = phase("suggest (solve + store)", || {
        actions::suggest::suggest_stored(&mut store, edition).expect("suggest")
    });
    let everyone = phase("edition read once", || {
        actions::board::Everyone::read(&store, edition).expect("read")
    });
    phase("suggest report", || {
        actions::suggest::report_of(&everyone.students, &everyone.ambassadors, &suggestion)
    });
    let source = phase("export: gather", || {
        actions::export::source_of(&store, edition, everyone).expect("source")
    });
    phase("export: write workbook", || {
        export::export_edition(&source, out, &ExportOptions::default()).expect("export")
    });
    println!(
        "{:<28} {:>8.1} ms",
        "total",
        all.elapsed().as_secs_f64() * 1e3
    );
}
