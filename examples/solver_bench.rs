//! Solver benchmark driver (`bench/suggest.sh` runs it and the Python peers on the same
//! instances). `solver_bench dense N SEED MAXSCORE FILE`: a dense N×N score matrix written to
//! FILE (little-endian i32, row-major) for the peers, then solved here; prints
//! "seconds total_score placed". `solver_bench app STUDENTS AMBASSADORS SEED`: an app-shaped
//! edition from the demo generator (capacities 1–3, 1% locked, 5% forbidden), from records to
//! pairs including scoring; prints "seconds total_score placed". `solver_bench large N SEED
//! FILE`: an app-shaped N × N edition (capacity 1, 50,000 forbidden pairs, no locked pair),
//! from records to pairs including scoring and the optimality proof; prints "seconds
//! total_score placed pairs_scored rows_checked rounds", then writes the scores the peers
//! solve to FILE (i32, -1 for a pair not allowed).
use std::io::Write;
use std::time::Instant;

use binome::suggest::assignment::{solve, Problem};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("dense") => dense(&args[2..]),
        Some("app") => app(&args[2..]),
        Some("large") => large(&args[2..]),
        _ => {
            eprintln!(
                "usage: solver_bench dense N SEED MAXSCORE FILE | app STUDENTS AMBASSADORS SEED | large N SEED FILE"
            );
            std::process::exit(2);
        }
    }
}

fn dense(args: &[String]) {
    let n: usize = args[0].parse().expect("N");
    let seed: u64 = args[1].parse().expect("SEED");
    let max: u32 = args[2].parse().expect("MAXSCORE");
    let mut rng = fastrand::Rng::with_seed(seed);
    let scores: Vec<u32> = (0..n * n).map(|_| rng.u32(0..=max)).collect();
    let mut file = std::io::BufWriter::new(std::fs::File::create(&args[3]).expect("FILE"));
    for s in &scores {
        file.write_all(&(*s as i32).to_le_bytes()).expect("write");
    }
    drop(file);
    let capacities = vec![1u32; n];
    let score = |i: usize, j: usize| Some(scores[i * n + j]);
    let start = Instant::now();
    let assignment = solve(&Problem {
        rows: n,
        capacities: &capacities,
        score: &score,
    });
    let seconds = start.elapsed().as_secs_f64();
    let total: u64 = assignment
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| u64::from(scores[i * n + j])))
        .sum();
    let placed = assignment.iter().filter(|a| a.is_some()).count();
    println!("{seconds:.4} {total} {placed}");
}

fn app(args: &[String]) {
    use binome::model::*;
    let students: usize = args[0].parse().expect("STUDENTS");
    let ambassadors: usize = args[1].parse().expect("AMBASSADORS");
    let seed: u64 = args[2].parse().expect("SEED");
    let people = binome::demo::generate_people(
        seed,
        binome::demo::DemoSize {
            students,
            ambassadors,
        },
    );
    let mut s = people.students;
    let mut a = people.ambassadors;
    let mut rng = fastrand::Rng::with_seed(seed);
    for (i, x) in s.iter_mut().enumerate() {
        x.id = StudentId(i as i64 + 1);
        x.application_state = None;
    }
    for (i, x) in a.iter_mut().enumerate() {
        x.id = AmbassadorId(i as i64 + 1);
        x.capacity = rng.u32(1..=3);
    }
    let forbidden: Vec<ForbiddenPair> = (0..students * ambassadors / 20)
        .map(|_| ForbiddenPair {
            edition_id: EditionId(1),
            student_id: s[rng.usize(0..students)].id,
            ambassador_id: a[rng.usize(0..ambassadors)].id,
            reason: None,
        })
        .collect();
    let locked: Vec<Pair> = (0..students / 100)
        .map(|k| Pair {
            id: PairId(k as i64 + 1),
            edition_id: EditionId(1),
            student_id: s[k].id,
            ambassador_id: a[k % ambassadors].id,
            status: PairStatus::Proposed,
            origin: PairOrigin::Manual,
            locked: true,
            note: None,
            agreed_date: None,
        })
        .collect();
    let rules = binome::suggest::Rules::default();
    let start = Instant::now();
    let result = binome::suggest::suggest(&binome::suggest::Input {
        students: &s,
        ambassadors: &a,
        pairs: &locked,
        forbidden: &forbidden,
        rules: &rules,
    });
    let seconds = start.elapsed().as_secs_f64();
    let total: u64 = result
        .proposed
        .iter()
        .map(|p| u64::from(p.evaluation.score))
        .sum();
    println!("{seconds:.4} {total} {}", result.proposed.len());
}

fn large(args: &[String]) {
    use binome::model::*;
    use binome::suggest::score::{AmbassadorProfile, StudentProfile};
    let n: usize = args[0].parse().expect("N");
    let seed: u64 = args[1].parse().expect("SEED");
    let people = binome::demo::generate_people(
        seed,
        binome::demo::DemoSize {
            students: n,
            ambassadors: n,
        },
    );
    let mut s = people.students;
    let mut a = people.ambassadors;
    for (i, x) in s.iter_mut().enumerate() {
        x.id = StudentId(i as i64 + 1);
        x.application_state = None;
    }
    for (i, x) in a.iter_mut().enumerate() {
        x.id = AmbassadorId(i as i64 + 1);
        x.capacity = 1;
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let forbidden: Vec<ForbiddenPair> = (0..50_000)
        .map(|_| ForbiddenPair {
            edition_id: EditionId(1),
            student_id: s[rng.usize(0..n)].id,
            ambassador_id: a[rng.usize(0..n)].id,
            reason: None,
        })
        .collect();
    let rules = binome::suggest::Rules::default();
    let start = Instant::now();
    let result = binome::suggest::suggest(&binome::suggest::Input {
        students: &s,
        ambassadors: &a,
        pairs: &[],
        forbidden: &forbidden,
        rules: &rules,
    });
    let seconds = start.elapsed().as_secs_f64();
    let total: u64 = result
        .proposed
        .iter()
        .map(|p| u64::from(p.evaluation.score))
        .sum();
    // What the solver did: the same problem once more, through the solver's report.
    let students: Vec<StudentProfile> = s.iter().map(StudentProfile::of).collect();
    let ambassadors: Vec<AmbassadorProfile> = a.iter().map(AmbassadorProfile::of).collect();
    let scorer = binome::suggest::scorer::Scorer::new(&students, &ambassadors, &rules);
    let mut ruled_out = vec![Vec::new(); n];
    for f in &forbidden {
        ruled_out[f.student_id.0 as usize - 1].push(f.ambassador_id.0 as usize - 1);
    }
    let score = |i: usize, j: usize| {
        if ruled_out[i].contains(&j) {
            None
        } else {
            scorer.score(i, j).ok()
        }
    };
    let capacities = vec![1u32; n];
    let (_, report) = binome::suggest::assignment::solve_with_report(&Problem {
        rows: n,
        capacities: &capacities,
        score: &score,
    });
    println!(
        "{seconds:.4} {total} {} {} {} {}",
        result.proposed.len(),
        report.pairs_scored,
        report.rows_checked,
        report.rounds
    );
    let mut file = std::io::BufWriter::new(std::fs::File::create(&args[2]).expect("FILE"));
    for i in 0..n {
        for j in 0..n {
            let v = score(i, j).map_or(-1, |x| x as i32);
            file.write_all(&v.to_le_bytes()).expect("write");
        }
    }
}
