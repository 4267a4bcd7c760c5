//! Suggesting pairs: score every allowed student–ambassador pair (`scorer`), solve the
//! assignment exactly (`assignment`), explain each pair (`score`), and diagnose who is left out.
//! Pure functions of the edition's data and the rules (`rules`): same input, same pairs. Nothing
//! here reads the store: the caller hands the edition in ([`Input`]).
//!
//! [`suggest`] works on the students who are not in a kept pair (locked, validated or notified:
//! [`is_kept`]) and whose application state the rules accept ([`takes_part`]; the others come
//! back as `excluded`, with a diagnosis); each ambassador offers their capacity less their kept
//! pairs. Pairs are scored on demand by the compiled scorer — a table of every pair would not
//! fit in memory for the largest editions. Forbidden pairs are one bit per pair, each student's
//! in whole words, so that a row's bits are one slice, which the scorer skips in the same pass
//! as the ambassadors without a place. With the « personne de mal servi » rule
//! (`Rules::fairness`), the lowest score kept is then raised as far as it goes without placing
//! fewer students: a bisection over the scores that occur, each step a full solve with the pairs
//! below the threshold left out. Proposals are explained and the students left without a pair
//! diagnosed (the binding constraint, in French), each on two threads when there are many.
//! [`diagnoses`] says why each student has no pair *now*, after the organiser's changes (for the
//! board and the export).
//!
//! The files:
//! - `rules.rs`: the weights and hard rules (per edition) and their plain-French notice;
//! - `score.rs`: a pair's score with its reasons (`evaluate`), readable and used to explain, and
//!   the `Barrier` that rules a pair out (mobility, distance, unknown place, capacity 0,
//!   forbidden);
//! - `scorer.rs`: the same scoring compiled into tables for the solver (tested equal to
//!   `score.rs`);
//! - `assignment.rs`: the exact solver, with capacities, and the proof of optimality on large
//!   editions; `square.rs`: the dense solver it hands complete problems to; `radix_heap.rs`:
//!   the priority queue of its searches;
//! - `positions.rs`: id → row or column, by a table when ids are close together (SQLite row
//!   ids), a hash map otherwise;
//! - `explain.rs`: a pair explained (`ExplainedPair`), a student against every ambassador (the
//!   alternates, and why the others are excluded), and who could take a place left free.

pub mod assignment;
pub mod explain;
mod positions;
mod radix_heap;
pub mod rules;
pub mod score;
pub mod scorer;
pub mod square;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Serialize;

use crate::model::state;
use crate::model::{
    Ambassador, AmbassadorId, ForbiddenPair, Pair, PairId, PairStatus, Student, StudentId,
};
pub use explain::{Candidate, Compatibility, ExplainedPair};
use positions::Positions;
pub use rules::{Rules, Weights};
use score::{AmbassadorProfile, Barrier, StudentProfile};
pub use score::{Evaluation, ScorePart};

/// The edition as the suggestion sees it.
pub struct Input<'a> {
    pub students: &'a [Student],
    pub ambassadors: &'a [Ambassador],
    /// Pairs already there: locked, validated or notified ones are kept as they are.
    pub pairs: &'a [Pair],
    pub forbidden: &'a [ForbiddenPair],
    pub rules: &'a Rules,
}

/// A pair the suggestion proposes, with its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub student: StudentId,
    pub ambassador: AmbassadorId,
    pub evaluation: Evaluation,
}

/// A student without a pair, and why (French).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Unpaired {
    pub student: StudentId,
    pub diagnosis: String,
}

/// The result of a suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// Existing pairs kept as they are (locked, validated or notified).
    pub kept: Vec<PairId>,
    pub proposed: Vec<Proposal>,
    pub unpaired: Vec<Unpaired>,
    /// Students left out of this suggestion by the rules (application not accepted).
    pub excluded: Vec<Unpaired>,
    /// Places still free once kept and proposed pairs are counted.
    pub places_left: u32,
}

/// Whether bit `j` of `set` is on (beyond its end: off).
fn bit(set: &[u64], j: usize) -> bool {
    set.get(j / 64)
        .is_some_and(|word| word & (1 << (j % 64)) != 0)
}

/// Whether an existing pair stays when the suggestion is run again.
pub fn is_kept(pair: &Pair) -> bool {
    pair.locked || pair.status != PairStatus::Proposed
}

/// Whether a student takes part given the rules (application state).
/// States are compared by their code, so « Accepté » in a reworked file is `accepte`.
pub fn takes_part(student: &Student, rules: &Rules) -> bool {
    state::is_retained(student.application_state.as_deref(), &rules.accepted_states)
}

/// Why the rules leave this student out, said before anything else about them (the
/// diagnosis, « Pourquoi ? », the board's separate list); `None` when they take part.
pub fn exclusion(student: &Student, rules: &Rules) -> Option<String> {
    if takes_part(student, rules) {
        return None;
    }
    Some(format!(
        "dossier « {} », hors des états retenus ({}) : il n'est proposé à personne tant que les règles ne retiennent pas cet état",
        state::label(student.application_state.as_deref().unwrap_or("")),
        state::retained_labels(&rules.accepted_states)
    ))
}

/// Each ambassador's index (its column in the assignment).
fn columns_by_id(ambassadors: &[Ambassador]) -> Positions {
    Positions::of(&ambassadors.iter().map(|a| a.id.0).collect::<Vec<_>>())
}

/// Proposes the best pairs for the students not already in a kept pair.
pub fn suggest(input: &Input) -> Suggestion {
    let rules = input.rules;
    let kept: Vec<&Pair> = input.pairs.iter().filter(|p| is_kept(p)).collect();
    let kept_students: HashSet<StudentId> = kept.iter().map(|p| p.student_id).collect();
    let mut taken: HashMap<AmbassadorId, u32> = HashMap::default();
    for pair in &kept {
        *taken.entry(pair.ambassador_id).or_default() += 1;
    }
    let mut excluded = Vec::new();
    let mut students: Vec<&Student> = Vec::new();
    for student in input.students {
        if kept_students.contains(&student.id) {
            continue;
        }
        if takes_part(student, rules) {
            students.push(student);
        } else {
            excluded.push(Unpaired {
                student: student.id,
                diagnosis: exclusion(student, rules).unwrap_or_default(),
            });
        }
    }
    let student_profiles: Vec<StudentProfile> =
        students.iter().map(|s| StudentProfile::of(s)).collect();
    let ambassador_profiles: Vec<AmbassadorProfile> = input
        .ambassadors
        .iter()
        .map(AmbassadorProfile::of)
        .collect();
    let capacities: Vec<u32> = input
        .ambassadors
        .iter()
        .map(|a| {
            a.capacity
                .saturating_sub(taken.get(&a.id).copied().unwrap_or(0))
        })
        .collect();

    // Pairs are scored on demand, compiled (`scorer`): a table of every pair would not fit in
    // memory for the largest editions.
    let scorer = scorer::Scorer::new(&student_profiles, &ambassador_profiles, rules);
    let row_of = Positions::of(&students.iter().map(|s| s.id.0).collect::<Vec<_>>());
    let column_of = columns_by_id(input.ambassadors);
    // Forbidden pairs as one bit per pair, each student's in whole words: a look-up costs no
    // more than the scoring itself, and a row's bits are at hand as one slice.
    let columns = input.ambassadors.len();
    let words = columns.div_ceil(64);
    let mut ruled_out: Vec<u64> = Vec::new();
    for f in input.forbidden {
        if let (Some(i), Some(j)) = (row_of.get(f.student_id.0), column_of.get(f.ambassador_id.0)) {
            if ruled_out.is_empty() {
                ruled_out = vec![0; students.len() * words];
            }
            ruled_out[i * words + j / 64] |= 1 << (j % 64);
        }
    }
    let forbidden_of = |i: usize| ruled_out.get(i * words..(i + 1) * words).unwrap_or(&[]);
    let is_ruled_out = |i: usize, j: usize| bit(forbidden_of(i), j);
    // The ambassadors without a place left, as bits too.
    let mut unavailable = vec![0u64; words];
    for (j, _) in capacities.iter().enumerate().filter(|(_, &c)| c == 0) {
        unavailable[j / 64] |= 1 << (j % 64);
    }
    let score_of = |i: usize, j: usize| -> Option<u32> {
        if capacities[j] == 0 || is_ruled_out(i, j) {
            return None;
        }
        scorer.allowed_score(i, j)
    };
    let some_unavailable = unavailable.iter().any(|&word| word != 0);
    let row_of_scores = |i: usize, out: &mut Vec<(u32, u32)>| {
        let forbidden = forbidden_of(i);
        if some_unavailable {
            let excluded: Vec<u64> = (0..words)
                .map(|w| unavailable[w] | forbidden.get(w).copied().unwrap_or(0))
                .collect();
            scorer.score_row(i, out, &excluded);
        } else {
            scorer.score_row(i, out, forbidden);
        }
    };
    let mut assignment = assignment::solve(&assignment::Problem {
        rows: students.len(),
        capacities: &capacities,
        score: &score_of,
        rows_scores: Some(&row_of_scores),
    });
    if rules.fairness {
        assignment = fairest(
            students.len(),
            &score_of,
            &row_of_scores,
            &capacities,
            assignment,
        );
    }

    let mut left = capacities.clone();
    let mut placed = Vec::new();
    let mut unpaired_rows = Vec::new();
    for (i, column) in assignment.iter().enumerate() {
        match column {
            Some(j) => {
                left[*j] -= 1;
                placed.push((i, *j));
            }
            None => unpaired_rows.push(i),
        }
    }
    // Each pair explained (a few texts each): thousands of them on large editions.
    let explain = |pairs: &[(usize, usize)]| -> Vec<Proposal> {
        pairs
            .iter()
            .map(|&(i, j)| Proposal {
                student: students[i].id,
                ambassador: input.ambassadors[j].id,
                evaluation: score::evaluate(&student_profiles[i], &ambassador_profiles[j], rules)
                    .unwrap_or_default(),
            })
            .collect()
    };
    let proposed = in_two_halves(&placed, placed.len() >= 500, explain);
    // As `score::score`, with forbidden pairs first (the diagnosis counts them apart).
    let pair_barrier = |i: usize, j: usize| -> Result<(), Barrier> {
        if is_ruled_out(i, j) {
            Err(Barrier::Forbidden)
        } else if ambassador_profiles[j].capacity == 0 {
            Err(Barrier::Unavailable)
        } else {
            scorer.score(i, j).map(|_| ())
        }
    };
    // Each diagnosis looks at every ambassador: on large editions, on two threads.
    let diagnose_rows = |rows: &[usize]| -> Vec<Unpaired> {
        rows.iter()
            .map(|&i| Unpaired {
                student: students[i].id,
                diagnosis: diagnose(
                    i,
                    &student_profiles,
                    &ambassador_profiles,
                    &capacities,
                    &assignment,
                    rules,
                    |j| pair_barrier(i, j),
                ),
            })
            .collect()
    };
    let unpaired = in_two_halves(
        &unpaired_rows,
        unpaired_rows.len() * columns >= 50_000,
        diagnose_rows,
    );
    Suggestion {
        kept: kept.iter().map(|p| p.id).collect(),
        proposed,
        unpaired,
        excluded,
        places_left: left.iter().sum(),
    }
}

/// `work` done on `items`, on two threads when `worth_it` (starting one costs about as much as
/// scoring 10,000 pairs), the results in order.
fn in_two_halves<T: Sync, R: Send>(
    items: &[T],
    worth_it: bool,
    work: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if !worth_it {
        return work(items);
    }
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| work(second));
        let mut all = work(first);
        // A panic in `work` is a bug: pass it on as it is.
        all.extend(
            other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        );
        all
    })
}

/// "Nobody badly served": among the assignments placing as many rows as `best`, the one whose
/// lowest score is highest, then whose total is highest. The highest threshold that still
/// places as many is found by bisection over the scores that occur; pairs below it are dropped.
fn fairest(
    rows: usize,
    score_of: &(dyn Fn(usize, usize) -> Option<u32> + Sync),
    row_of_scores: &assignment::RowScores,
    capacities: &[u32],
    best: Vec<Option<usize>>,
) -> Vec<Option<usize>> {
    let placed = best.iter().filter(|a| a.is_some()).count();
    // The scores that occur, read a row at a time.
    let mut seen: Vec<bool> = Vec::new();
    let mut row = Vec::new();
    for i in 0..rows {
        row.clear();
        row_of_scores(i, &mut row);
        for &(_, s) in &row {
            let s = s as usize;
            if s >= seen.len() {
                seen.resize(s + 1, false);
            }
            seen[s] = true;
        }
    }
    let levels: Vec<u32> = (0..seen.len() as u32)
        .filter(|&s| seen[s as usize])
        .collect();
    let solve_from = |threshold: u32| {
        let score = |i: usize, j: usize| score_of(i, j).filter(|s| *s >= threshold);
        let row_scores = |i: usize, out: &mut Vec<(u32, u32)>| {
            row_of_scores(i, out);
            out.retain(|&(_, s)| s >= threshold);
        };
        assignment::solve(&assignment::Problem {
            rows,
            capacities,
            score: &score,
            rows_scores: Some(&row_scores),
        })
    };
    // levels[lo] always places as many (the lowest level is no constraint at all).
    let (mut lo, mut hi) = (0usize, levels.len());
    let mut chosen = best;
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        let candidate = solve_from(levels[mid]);
        if candidate.iter().filter(|a| a.is_some()).count() == placed {
            lo = mid;
            chosen = candidate;
        } else {
            hi = mid;
        }
    }
    chosen
}

/// Why student `i` got no pair: the binding constraint, in French.
/// Diagnoses: `pair(j)` says whether the student may be paired with ambassador `j` (forbidden
/// pairs and unavailable ambassadors included), `scorer`-fast.
#[allow(clippy::too_many_arguments)]
fn diagnose(
    i: usize,
    students: &[StudentProfile],
    ambassadors: &[AmbassadorProfile],
    capacities: &[u32],
    assignment: &[Option<usize>],
    rules: &Rules,
    pair: impl Fn(usize) -> Result<(), Barrier>,
) -> String {
    let student = &students[i];
    let mut compatible = Vec::new();
    let mut is_compatible = vec![false; ambassadors.len()];
    // By kind of barrier: how many ambassadors it rules out, and one instance of it.
    let mut barriers: [Option<(usize, Barrier)>; 6] = [None; 6];
    let mut count = |barrier: Barrier| {
        barriers[usize::from(barrier.kind())]
            .get_or_insert((0, barrier))
            .0 += 1;
    };
    for (j, compatible_with) in is_compatible.iter_mut().enumerate() {
        match pair(j) {
            Ok(()) => {
                compatible.push(j);
                *compatible_with = true;
            }
            Err(barrier) => count(barrier),
        }
    }
    if compatible.is_empty() {
        // The barrier that rules out the most ambassadors is the binding one.
        let binding = barriers
            .iter()
            .enumerate()
            .filter(|(kind, _)| *kind != usize::from(Barrier::Unavailable.kind()))
            .filter_map(|(kind, seen)| seen.map(|(n, b)| (kind, n, b)))
            .max_by_key(|&(kind, n, _)| (n, std::cmp::Reverse(kind)))
            .map(|(_, _, b)| b);
        return match binding {
            Some(barrier) => format!(
                "aucun ambassadeur compatible : {}",
                barrier.describe(student, rules)
            ),
            None => "aucun ambassadeur disponible".into(),
        };
    }
    // Compatible ambassadors exist but their places went to others.
    let places: u32 = compatible.iter().map(|&j| capacities[j]).sum();
    let rivals = assignment
        .iter()
        .filter(|a| a.is_some_and(|j| is_compatible[j]))
        .count();
    let wish = student.wishes.first().map(|w| w.label.clone());
    let with_wish = wish.as_ref().map(|_| {
        compatible
            .iter()
            .filter(|&&j| {
                ambassadors[j]
                    .job
                    .as_ref()
                    .is_some_and(|job| student.wishes[0].same(job, |x| x.code))
            })
            .count()
    });
    let free = places.saturating_sub(rivals as u32);
    if free > 0 {
        return format!(
            "{free} place(s) encore libre(s) chez {} ambassadeur(s) compatible(s) : un binôme est possible",
            compatible.len()
        );
    }
    let mut text = format!(
        "{} ambassadeur(s) compatible(s) avec sa mobilité, {places} place(s), toutes prises par {rivals} autre(s) étudiant(s)",
        compatible.len()
    );
    if let (Some(wish), Some(0)) = (wish, with_wish) {
        text = format!("aucun ambassadeur {wish} accessible ; {text}");
    }
    text
}

/// Why each student has no pair, given the pairs as they are now (after manual changes): for
/// the export and the board. Students the rules leave out come last.
pub fn diagnoses(input: &Input) -> Vec<Unpaired> {
    let rules = input.rules;
    let paired: HashSet<StudentId> = input.pairs.iter().map(|p| p.student_id).collect();
    let column_of = columns_by_id(input.ambassadors);
    let forbidden: HashSet<(StudentId, AmbassadorId)> = input
        .forbidden
        .iter()
        .map(|f| (f.student_id, f.ambassador_id))
        .collect();
    let waiting: Vec<&Student> = input
        .students
        .iter()
        .filter(|s| !paired.contains(&s.id) && takes_part(s, rules))
        .collect();
    let profiles: Vec<StudentProfile> = waiting.iter().map(|s| StudentProfile::of(s)).collect();
    let ambassador_profiles: Vec<AmbassadorProfile> = input
        .ambassadors
        .iter()
        .map(AmbassadorProfile::of)
        .collect();
    let capacities: Vec<u32> = input.ambassadors.iter().map(|a| a.capacity).collect();
    let scorer = scorer::Scorer::new(&profiles, &ambassador_profiles, rules);
    // The pairs as an assignment: whoever is paired holds a place.
    let assignment: Vec<Option<usize>> = input
        .pairs
        .iter()
        .map(|p| column_of.get(p.ambassador_id.0))
        .collect();
    let mut unpaired: Vec<Unpaired> = waiting
        .iter()
        .enumerate()
        .map(|(i, student)| Unpaired {
            student: student.id,
            diagnosis: diagnose(
                i,
                &profiles,
                &ambassador_profiles,
                &capacities,
                &assignment,
                rules,
                |j| {
                    if forbidden.contains(&(student.id, input.ambassadors[j].id)) {
                        Err(Barrier::Forbidden)
                    } else if ambassador_profiles[j].capacity == 0 {
                        Err(Barrier::Unavailable)
                    } else {
                        scorer.score(i, j).map(|_| ())
                    }
                },
            ),
        })
        .collect();
    // Students the rules leave out are without a pair too: say why.
    unpaired.extend(
        input
            .students
            .iter()
            .filter(|s| !paired.contains(&s.id) && !takes_part(s, rules))
            .map(|s| Unpaired {
                student: s.id,
                diagnosis: exclusion(s, rules).unwrap_or_default(),
            }),
    );
    unpaired
}
