//! Times what opening the board and one move cost in the engine, on a given database (used to
//! see where bench/board.sh's time goes). Usage: board_load DB
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: board_load DB");
    let mut store = binome::Store::open(std::path::Path::new(&path)).expect("open");
    let edition = store.list_editions().expect("editions")[0].edition.id;
    let t = Instant::now();
    let students = store.list_students(edition).expect("students");
    println!("list_students ({}): {:?}", students.len(), t.elapsed());
    let t = Instant::now();
    let ambassadors = store.list_ambassadors(edition).expect("ambassadors");
    println!(
        "list_ambassadors ({}): {:?}",
        ambassadors.len(),
        t.elapsed()
    );
    let t = Instant::now();
    let pairs = binome::actions::board::explained_pairs(&store, edition).expect("pairs");
    println!("explained_pairs ({}): {:?}", pairs.len(), t.elapsed());
    let t = Instant::now();
    let json = serde_json::to_string(&(students, ambassadors, &pairs)).expect("json");
    println!("JSON ({} bytes): {:?}", json.len(), t.elapsed());
    let t = Instant::now();
    let unpaired = binome::actions::suggest::unpaired(&store, edition).expect("unpaired");
    println!("unpaired ({}): {:?}", unpaired.len(), t.elapsed());
    let student = pairs[0].pair.student_id;
    let t = Instant::now();
    let change = binome::actions::board::move_student(
        &mut store,
        edition,
        &binome::store::Move {
            student,
            to: None,
            displace: None,
            swap: false,
        },
    )
    .expect("move");
    println!(
        "move_student (unpair): {:?} ({})",
        t.elapsed(),
        change.label
    );
    let t = Instant::now();
    binome::actions::board::undo(&mut store, edition).expect("undo");
    println!("undo: {:?}", t.elapsed());
    let t = Instant::now();
    binome::actions::board::compatibility(&store, edition, student).expect("compat");
    println!("compatibility: {:?}", t.elapsed());
    // « Proposer les binômes » again, as the store does it (the edition read, the solve, the
    // pairs and the history written in one transaction), on a copy: the best of three.
    let copy = store.backup("mesure").expect("backup");
    let mut other = binome::Store::open(&copy).expect("open the copy");
    let best = (0..3)
        .map(|_| {
            let t = Instant::now();
            binome::actions::suggest::suggest(&mut other, edition).expect("suggest");
            t.elapsed()
        })
        .min()
        .expect("three runs");
    println!("suggest, stored (best of 3): {best:?}");
}
