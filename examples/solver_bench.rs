//! Solver benchmark driver (`bench/suggest.sh` runs it and the Python peers on the same
//! instances). `solver_bench dense N SEED MAXSCORE FILE`: a dense N×N score matrix written to
//! FILE (little-endian i32, row-major) for the peers, then solved here (best of five); prints
//! "seconds total_score placed". `solver_bench app STUDENTS AMBASSADORS SEED`: an app-shaped
//! edition from the demo generator (capacities 1–3, 1% locked, 5% forbidden), from records to
//! pairs including scoring (the referentials loaded first, as the app's import has), then again
//! after one manual change; prints "seconds total_score
//! placed seconds_again placed_again" (with a FILE after SEED, also
//! writes the problem for the numpy/scipy reference, see `dump_problem`). `solver_bench large N SEED
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
                "usage: solver_bench dense N SEED MAXSCORE FILE | app STUDENTS AMBASSADORS SEED [FILE] | large N SEED FILE"
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
    // A row at a time as well, as `suggest` gives them.
    let row = |i: usize, out: &mut Vec<(u32, u32)>| {
        out.extend(
            (0..n as u32)
                .zip(&scores[i * n..(i + 1) * n])
                .map(|(j, &s)| (j, s)),
        );
    };
    // The best of five runs: the machines are shared and noisy (the peers get the same).
    let mut seconds = f64::INFINITY;
    let mut assignment = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        assignment = solve(&Problem {
            rows: n,
            capacities: &capacities,
            score: &score,
            rows_scores: Some(&row),
        });
        seconds = seconds.min(start.elapsed().as_secs_f64());
    }
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
    let mut rng = fastrand::Rng::with_seed(seed);
    let (s, a) = people(students, ambassadors, seed, || rng.u32(1..=3));
    let forbidden = random_forbidden(&mut rng, &s, &a, students * ambassadors / 20);
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
    load_referentials();
    let (result, seconds, total) = timed_suggest(&s, &a, &locked, &forbidden, &rules, 5);
    // Re-suggest after one manual change, as the board does: the organiser puts one student
    // with another ambassador (a manual pair, locked), and the suggestion runs again.
    let mut changed = locked.clone();
    if let Some(p) = result
        .proposed
        .iter()
        .find(|p| !changed.iter().any(|l| l.student_id == p.student))
    {
        let other = a
            .iter()
            .find(|x| x.id != p.ambassador)
            .map(|x| x.id)
            .unwrap_or(p.ambassador);
        changed.push(Pair {
            id: PairId(changed.len() as i64 + 1),
            edition_id: EditionId(1),
            student_id: p.student,
            ambassador_id: other,
            status: PairStatus::Proposed,
            origin: PairOrigin::Manual,
            locked: true,
            note: None,
            agreed_date: None,
        });
    }
    let (again, again_seconds, _) = timed_suggest(&s, &a, &changed, &forbidden, &rules, 5);
    println!(
        "{seconds:.4} {total} {} {again_seconds:.4} {}",
        result.proposed.len(),
        again.proposed.len()
    );
    if let Some(out) = args.get(3) {
        dump_problem(&s, &a, &locked, &forbidden, &rules, out);
    }
}

/// The problem `suggest` solves, as the peers read it: the students not in a kept (locked)
/// pair × the ambassadors, scores as i32 row-major (-1: not allowed) in FILE, and the places
/// left per ambassador (u32) in FILE.places.
fn dump_problem(
    students: &[binome::model::Student],
    ambassadors: &[binome::model::Ambassador],
    locked: &[binome::model::Pair],
    forbidden: &[binome::model::ForbiddenPair],
    rules: &binome::suggest::Rules,
    out: &str,
) {
    use binome::suggest::score::{AmbassadorProfile, StudentProfile};
    let kept: std::collections::HashSet<_> = locked.iter().map(|p| p.student_id).collect();
    let rows: Vec<_> = students.iter().filter(|s| !kept.contains(&s.id)).collect();
    let mut places: Vec<u32> = ambassadors.iter().map(|a| a.capacity).collect();
    for p in locked {
        if let Some(j) = ambassadors.iter().position(|a| a.id == p.ambassador_id) {
            places[j] = places[j].saturating_sub(1);
        }
    }
    let profiles: Vec<StudentProfile> = rows.iter().map(|s| StudentProfile::of(s)).collect();
    let offers: Vec<AmbassadorProfile> = ambassadors.iter().map(AmbassadorProfile::of).collect();
    let scorer = binome::suggest::scorer::Scorer::new(&profiles, &offers, rules);
    let ruled_out: std::collections::HashSet<_> = forbidden
        .iter()
        .map(|f| (f.student_id, f.ambassador_id))
        .collect();
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).expect("FILE"));
    for (i, student) in rows.iter().enumerate() {
        for (j, ambassador) in ambassadors.iter().enumerate() {
            let allowed = places[j] > 0 && !ruled_out.contains(&(student.id, ambassador.id));
            let v = if allowed {
                scorer.score(i, j).map_or(-1, |x| x as i32)
            } else {
                -1
            };
            file.write_all(&v.to_le_bytes()).expect("write");
        }
    }
    let bytes: Vec<u8> = places.iter().flat_map(|p| p.to_le_bytes()).collect();
    std::fs::write(format!("{out}.places"), bytes).expect("write");
}

fn large(args: &[String]) {
    use binome::suggest::score::{AmbassadorProfile, StudentProfile};
    let n: usize = args[0].parse().expect("N");
    let seed: u64 = args[1].parse().expect("SEED");
    let (s, a) = people(n, n, seed, || 1);
    let mut rng = fastrand::Rng::with_seed(seed);
    let forbidden = random_forbidden(&mut rng, &s, &a, 50_000);
    let rules = binome::suggest::Rules::default();
    load_referentials();
    let (result, seconds, total) = timed_suggest(&s, &a, &[], &forbidden, &rules, 1);
    let Some(out) = args.get(2) else {
        // No FILE: the suggestion alone (for profilers).
        println!("{seconds:.4} {total} {}", result.proposed.len());
        return;
    };
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
        rows_scores: None,
    });
    println!(
        "{seconds:.4} {total} {} {} {} {}",
        result.proposed.len(),
        report.pairs_scored,
        report.rows_checked,
        report.rounds
    );
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).expect("FILE"));
    for i in 0..n {
        for j in 0..n {
            let v = score(i, j).map_or(-1, |x| x as i32);
            file.write_all(&v.to_le_bytes()).expect("write");
        }
    }
}

/// The demo generator's people, numbered from 1, every application accepted, each ambassador
/// with the capacity `capacity()` gives.
fn people(
    students: usize,
    ambassadors: usize,
    seed: u64,
    mut capacity: impl FnMut() -> u32,
) -> (Vec<binome::model::Student>, Vec<binome::model::Ambassador>) {
    let (mut s, mut a) = binome::demo::generate_people(
        seed,
        binome::demo::DemoSize {
            students,
            ambassadors,
        },
    )
    .numbered();
    for x in &mut s {
        x.application_state = None;
    }
    for x in &mut a {
        x.capacity = capacity();
    }
    (s, a)
}

/// `count` pairs drawn at random (a pair may come twice) that the organiser ruled out.
fn random_forbidden(
    rng: &mut fastrand::Rng,
    students: &[binome::model::Student],
    ambassadors: &[binome::model::Ambassador],
    count: usize,
) -> Vec<binome::model::ForbiddenPair> {
    (0..count)
        .map(|_| binome::model::ForbiddenPair {
            edition_id: binome::model::EditionId(1),
            student_id: students[rng.usize(0..students.len())].id,
            ambassador_id: ambassadors[rng.usize(0..ambassadors.len())].id,
            reason: None,
        })
        .collect()
}

/// What the app has done before its first suggestion: load the referentials (métiers,
/// administrations, communes), which the import reads. A small edition of other people, once,
/// so that the timed suggestion does not pay for it.
fn load_referentials() {
    let (s, a) = people(20, 20, u64::MAX, || 1);
    binome::suggest::suggest(&binome::suggest::Input {
        students: &s,
        ambassadors: &a,
        pairs: &[],
        forbidden: &[],
        rules: &binome::suggest::Rules::default(),
    });
}

/// One suggestion, timed: (result, seconds, total points). The best of `runs` runs: the
/// machines are shared and noisy (the peers get as many).
fn timed_suggest(
    students: &[binome::model::Student],
    ambassadors: &[binome::model::Ambassador],
    pairs: &[binome::model::Pair],
    forbidden: &[binome::model::ForbiddenPair],
    rules: &binome::suggest::Rules,
    runs: usize,
) -> (binome::suggest::Suggestion, f64, u64) {
    let mut seconds = f64::INFINITY;
    let mut result = None;
    for _ in 0..runs {
        let start = Instant::now();
        let suggestion = binome::suggest::suggest(&binome::suggest::Input {
            students,
            ambassadors,
            pairs,
            forbidden,
            rules,
        });
        seconds = seconds.min(start.elapsed().as_secs_f64());
        result = Some(suggestion);
    }
    let result = result.expect("at least one run");
    let total = result
        .proposed
        .iter()
        .map(|p| u64::from(p.evaluation.score))
        .sum();
    (result, seconds, total)
}
