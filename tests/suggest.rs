//! Suggestion of pairs, as properties over many generated editions, and on the sample files
//! through the store: rules never broken, as many students placed as possible, the best
//! total, locked pairs kept, every pair explained, every student left out diagnosed.

mod common;

use std::collections::{HashMap, HashSet};

use binome::demo::{generate_people, DemoSize};
use binome::model::{
    Ambassador, AmbassadorId, EditionId, ForbiddenPair, Mobility, Pair, PairId, PairOrigin,
    PairStatus, Student, StudentId,
};
use binome::suggest::score::{self, AmbassadorProfile, StudentProfile};
use binome::suggest::{suggest, takes_part, Input, Rules};

fn edition(seed: u64, students: usize, ambassadors: usize) -> (Vec<Student>, Vec<Ambassador>) {
    generate_people(
        seed,
        DemoSize {
            students,
            ambassadors,
        },
    )
    .numbered()
}

/// `count` pairs drawn at random (a pair may come twice) that the organiser ruled out.
fn forbidden_at_random(
    rng: &mut fastrand::Rng,
    students: &[Student],
    ambassadors: &[Ambassador],
    count: usize,
) -> Vec<ForbiddenPair> {
    (0..count)
        .map(|_| ForbiddenPair {
            edition_id: EditionId(1),
            student_id: students[rng.usize(0..students.len())].id,
            ambassador_id: ambassadors[rng.usize(0..ambassadors.len())].id,
            reason: None,
        })
        .collect()
}

/// Pair number `k + 1`, made by hand and locked.
fn locked_pair(k: usize, student: StudentId, ambassador: AmbassadorId) -> Pair {
    Pair {
        id: PairId(k as i64 + 1),
        edition_id: EditionId(1),
        student_id: student,
        ambassador_id: ambassador,
        status: PairStatus::Proposed,
        origin: PairOrigin::Manual,
        locked: true,
        note: None,
        agreed_date: None,
    }
}

/// The most students that can be placed, by augmenting paths on the allowed pairs only —
/// an algorithm independent of the solver's.
fn max_placeable(
    students: &[&Student],
    ambassadors: &[Ambassador],
    capacity: &[u32],
    allowed: &dyn Fn(&Student, &Ambassador) -> bool,
) -> usize {
    let slots: Vec<usize> = capacity
        .iter()
        .enumerate()
        .flat_map(|(j, &c)| std::iter::repeat_n(j, c as usize))
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; slots.len()];
    fn augment(
        i: usize,
        seen: &mut [bool],
        owner: &mut [Option<usize>],
        edges: &[Vec<usize>],
    ) -> bool {
        for &k in &edges[i] {
            if !seen[k] {
                seen[k] = true;
                if owner[k].is_none_or(|o| augment(o, seen, owner, edges)) {
                    owner[k] = Some(i);
                    return true;
                }
            }
        }
        false
    }
    let edges: Vec<Vec<usize>> = students
        .iter()
        .map(|s| {
            (0..slots.len())
                .filter(|&k| allowed(s, &ambassadors[slots[k]]))
                .collect()
        })
        .collect();
    (0..students.len())
        .filter(|&i| augment(i, &mut vec![false; slots.len()], &mut owner, &edges))
        .count()
}

#[test]
fn suggestions_never_break_a_rule_and_place_as_many_students_as_possible() {
    for seed in 0..25u64 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let (students, ambassadors) = edition(seed, rng.usize(5..60), rng.usize(3..40));
        let rules = Rules::default();
        // Some pairs forbidden, some existing pairs locked.
        let count = rng.usize(0..20);
        let forbidden = forbidden_at_random(&mut rng, &students, &ambassadors, count);
        let forbidden_set: HashSet<_> = forbidden
            .iter()
            .map(|f| (f.student_id, f.ambassador_id))
            .collect();
        let mut locked = Vec::new();
        let mut used: HashMap<AmbassadorId, u32> = HashMap::new();
        for (k, s) in students.iter().enumerate().take(3) {
            let a = &ambassadors[rng.usize(0..ambassadors.len())];
            if a.capacity > used.get(&a.id).copied().unwrap_or(0) && rng.bool() {
                *used.entry(a.id).or_default() += 1;
                locked.push(locked_pair(k, s.id, a.id));
            }
        }
        let input = Input {
            students: &students,
            ambassadors: &ambassadors,
            pairs: &locked,
            forbidden: &forbidden,
            rules: &rules,
        };
        let result = suggest(&input);
        assert_eq!(result, suggest(&input), "same input, same pairs");
        assert_eq!(result.kept.len(), locked.len(), "locked pairs kept");

        let by_id: HashMap<StudentId, &Student> = students.iter().map(|s| (s.id, s)).collect();
        let amb: HashMap<AmbassadorId, &Ambassador> =
            ambassadors.iter().map(|a| (a.id, a)).collect();
        let mut seen = HashSet::new();
        let mut load = used.clone();
        for p in &result.proposed {
            assert!(seen.insert(p.student), "a student twice");
            assert!(
                !locked.iter().any(|l| l.student_id == p.student),
                "a locked student moved"
            );
            assert!(
                !forbidden_set.contains(&(p.student, p.ambassador)),
                "a forbidden pair made"
            );
            *load.entry(p.ambassador).or_default() += 1;
            let (s, a) = (by_id[&p.student], amb[&p.ambassador]);
            assert!(takes_part(s, &rules));
            match s.mobility {
                Mobility::Departement => assert_eq!(s.place.departement, a.place.departement),
                Mobility::Region => {}
                _ => {}
            }
            assert!(
                !p.evaluation.parts.is_empty() || p.evaluation.score == 0,
                "explained"
            );
            assert_eq!(
                p.evaluation.score,
                p.evaluation.parts.iter().map(|x| x.points).sum::<u32>()
            );
        }
        for (id, n) in &load {
            assert!(*n <= amb[id].capacity, "capacity exceeded");
        }
        // Everyone free and taking part is either proposed or diagnosed.
        let free: Vec<&Student> = students
            .iter()
            .filter(|s| !locked.iter().any(|l| l.student_id == s.id) && takes_part(s, &rules))
            .collect();
        assert_eq!(result.proposed.len() + result.unpaired.len(), free.len());
        assert!(result.unpaired.iter().all(|u| !u.diagnosis.is_empty()));

        // As many as possible: compared with an independent maximum matching.
        let capacity: Vec<u32> = ambassadors
            .iter()
            .map(|a| {
                a.capacity
                    .saturating_sub(used.get(&a.id).copied().unwrap_or(0))
            })
            .collect();
        let allowed = |s: &Student, a: &Ambassador| {
            !forbidden_set.contains(&(s.id, a.id))
                && score::score(&StudentProfile::of(s), &AmbassadorProfile::of(a), &rules).is_ok()
        };
        assert_eq!(
            result.proposed.len(),
            max_placeable(&free, &ambassadors, &capacity, &allowed),
            "seed {seed}"
        );
    }
}

#[test]
fn on_large_editions_each_students_best_ambassadors_and_the_proof_give_the_optimum() {
    // Beyond a million pairs, each student keeps only their best ambassadors, and the solution
    // is proved optimal over all pairs (corrected if need be): the same students placed and
    // the same total as solving over every pair, with pairs forbidden and places taken by
    // locked pairs (ambassadors left without a place).
    let (mut students, ambassadors) = edition(21, 1400, 900);
    // Half the students alike, ready to go anywhere: they all rank the same ambassadors
    // first, so most must be placed beyond their best few, which the proof has to find.
    let first = students[0].clone();
    for (i, s) in students.iter_mut().enumerate() {
        s.application_state = None; // all take part
        if i % 2 == 0 {
            s.place = first.place.clone();
            s.wished_jobs = first.wished_jobs.clone();
            s.wished_administration = first.wished_administration.clone();
            s.mobility = Mobility::National;
        }
    }
    let mut rng = fastrand::Rng::with_seed(21);
    let forbidden = forbidden_at_random(&mut rng, &students, &ambassadors, 60_000);
    let locked: Vec<Pair> = (0..40)
        .map(|k| locked_pair(k, students[k].id, ambassadors[k].id))
        .collect();
    let rules = Rules::default();
    let result = suggest(&Input {
        students: &students,
        ambassadors: &ambassadors,
        pairs: &locked,
        forbidden: &forbidden,
        rules: &rules,
    });

    // The same problem, every pair scored by the readable scoring and kept.
    let forbidden_set: HashSet<_> = forbidden
        .iter()
        .map(|f| (f.student_id, f.ambassador_id))
        .collect();
    let free: Vec<&Student> = students
        .iter()
        .skip(locked.len())
        .filter(|s| takes_part(s, &rules))
        .collect();
    let capacities: Vec<u32> = ambassadors
        .iter()
        .enumerate()
        .map(|(j, a)| a.capacity.saturating_sub(u32::from(j < locked.len())))
        .collect();
    assert!(
        capacities.contains(&0),
        "some ambassadors without a place left"
    );
    let open = capacities.iter().filter(|&&c| c > 0).count();
    assert!(free.len() * open > 1_000_000, "a large edition");
    let profiles: Vec<AmbassadorProfile> = ambassadors.iter().map(AmbassadorProfile::of).collect();
    let table: Vec<Option<u32>> = free
        .iter()
        .flat_map(|s| {
            let student = StudentProfile::of(s);
            let (profiles, forbidden_set, rules) = (&profiles, &forbidden_set, &rules);
            ambassadors.iter().enumerate().map(move |(j, a)| {
                if forbidden_set.contains(&(s.id, a.id)) {
                    None
                } else {
                    score::score(&student, &profiles[j], rules).ok()
                }
            })
        })
        .collect();
    let m = ambassadors.len();
    let score = |i: usize, j: usize| table[i * m + j];
    let (every_pair, _) = binome::suggest::assignment::solve_keeping(
        &binome::suggest::assignment::Problem {
            rows: free.len(),
            capacities: &capacities,
            score: &score,
            rows_scores: None,
        },
        usize::MAX,
    );
    let placed = every_pair.iter().flatten().count();
    let total: u32 = every_pair
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.and_then(|j| score(i, j)))
        .sum();
    let got: u32 = result.proposed.iter().map(|p| p.evaluation.score).sum();
    assert_eq!((result.proposed.len(), got), (placed, total));
}

#[test]
fn on_small_editions_the_total_score_is_the_best_possible() {
    for seed in 100..140u64 {
        let (students, ambassadors) = edition(seed, 6, 4);
        let rules = Rules::default();
        let input = Input {
            students: &students,
            ambassadors: &ambassadors,
            pairs: &[],
            forbidden: &[],
            rules: &rules,
        };
        let result = suggest(&input);
        let free: Vec<&Student> = students.iter().filter(|s| takes_part(s, &rules)).collect();
        let best = brute_force_best(&free, &ambassadors, &rules, |placed, _, total| {
            (placed, total)
        });
        let got = (
            result.proposed.len(),
            result
                .proposed
                .iter()
                .map(|p| p.evaluation.score)
                .sum::<u32>(),
        );
        assert_eq!(got, best, "seed {seed}");
    }
}

#[test]
fn through_the_store_locked_pairs_hold_and_unpaired_students_are_diagnosed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = binome::Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let edition = store.edition_for_command_line(None).unwrap().id;
    common::import_file(
        &mut store,
        edition,
        &samples.join("etudiants-demarches-simplifiees.xlsx"),
        binome::model::Role::Student,
        None,
    )
    .unwrap();
    common::import_file(
        &mut store,
        edition,
        &samples.join("ambassadeurs-sphinx-retravaille.xlsx"),
        binome::model::Role::Ambassador,
        None,
    )
    .unwrap();

    let first = binome::actions::suggest::suggest(&mut store, edition).unwrap();
    assert!(first.proposed.len() > 100);
    assert!(first.unpaired.iter().any(|u| u
        .diagnosis
        .contains("ne souhaite pas quitter son département")));
    assert!(first
        .excluded
        .iter()
        .all(|u| u.diagnosis.contains("hors des états retenus")));
    assert!(first.proposed.iter().any(|p| p
        .evaluation
        .parts
        .iter()
        .any(|x| x.reason.starts_with("métier souhaité n°1 : "))));
    let pairs = store.list_pairs(edition).unwrap();
    assert_eq!(pairs.len(), first.proposed.len());

    // The organiser locks one pair and runs the suggestion again: it holds.
    let chosen = pairs[3].clone();
    store.set_pair_locked(chosen.id, true).unwrap();
    let second = binome::actions::suggest::suggest(&mut store, edition).unwrap();
    assert_eq!(second.kept.len(), 1);
    let after = store.list_pairs(edition).unwrap();
    let still = after
        .iter()
        .find(|p| p.student_id == chosen.student_id)
        .unwrap();
    assert_eq!(
        (still.ambassador_id, still.locked),
        (chosen.ambassador_id, true)
    );
    assert_eq!(after.len(), first.proposed.len(), "the same number placed");
}

#[test]
fn a_students_compatibility_with_every_ambassador_explains_the_choice() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = binome::Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let edition = store.edition_for_command_line(None).unwrap().id;
    common::import_file(
        &mut store,
        edition,
        &samples.join("etudiants-demarches-simplifiees.xlsx"),
        binome::model::Role::Student,
        None,
    )
    .unwrap();
    common::import_file(
        &mut store,
        edition,
        &samples.join("ambassadeurs-sphinx-retravaille.xlsx"),
        binome::model::Role::Ambassador,
        None,
    )
    .unwrap();
    let suggestion = binome::actions::suggest::suggest(&mut store, edition).unwrap();
    let paired = &suggestion.proposed[0];
    let all = binome::actions::board::compatibility(&store, edition, paired.student).unwrap();
    assert_eq!(
        all.len(),
        store.list_ambassadors(edition).unwrap().len(),
        "every ambassador"
    );
    let current = all.iter().find(|c| c.current).expect("its pair is there");
    assert_eq!(current.ambassador, paired.ambassador);
    assert_eq!(current.evaluation.as_ref().unwrap(), &paired.evaluation);
    // Allowed ones first, best first; the others say why.
    let allowed: Vec<_> = all.iter().take_while(|c| c.evaluation.is_some()).collect();
    assert!(all[allowed.len()..]
        .iter()
        .all(|c| c.evaluation.is_none() && c.barrier.as_deref().is_some_and(|b| !b.is_empty())));
    let free: Vec<u32> = allowed
        .iter()
        .filter(|c| c.places_left > 0)
        .map(|c| c.evaluation.as_ref().unwrap().score)
        .collect();
    assert!(
        free.windows(2).all(|w| w[0] >= w[1]),
        "best first among those with a place"
    );

    // For a student left out, the alternates are the allowed ambassadors — all full.
    if let Some(unpaired) = suggestion
        .unpaired
        .iter()
        .find(|u| u.diagnosis.contains("toutes prises"))
    {
        let options =
            binome::actions::board::compatibility(&store, edition, unpaired.student).unwrap();
        assert!(options
            .iter()
            .filter(|c| c.evaluation.is_some())
            .all(|c| c.places_left == 0));
    }
}

#[test]
fn nobody_badly_served_raises_the_lowest_score_without_placing_fewer() {
    for seed in 200..230u64 {
        let (students, ambassadors) = edition(seed, 7, 4);
        let plain = Rules::default();
        let fair = Rules {
            fairness: true,
            ..Rules::default()
        };
        let run = |rules: &Rules| {
            suggest(&Input {
                students: &students,
                ambassadors: &ambassadors,
                pairs: &[],
                forbidden: &[],
                rules,
            })
        };
        let (a, b) = (run(&plain), run(&fair));
        assert_eq!(a.proposed.len(), b.proposed.len(), "as many placed");
        let worst = |s: &binome::suggest::Suggestion| {
            s.proposed
                .iter()
                .map(|p| p.evaluation.score)
                .min()
                .unwrap_or(0)
        };
        assert!(worst(&b) >= worst(&a), "seed {seed}");
        // Against brute force: the best (placed, lowest score, total) there is.
        let free: Vec<&Student> = students.iter().filter(|s| takes_part(s, &fair)).collect();
        let best = brute_force_best(&free, &ambassadors, &fair, |placed, lowest, total| {
            (placed, lowest, total)
        });
        let got = (
            b.proposed.len(),
            if b.proposed.is_empty() { 0 } else { worst(&b) },
            b.proposed.iter().map(|x| x.evaluation.score).sum::<u32>(),
        );
        assert_eq!(got, best, "seed {seed}");
    }
}

/// Every placement of the students, by brute force: the best `key(placed, lowest score, total)`.
fn brute_force_best<K: Ord + Copy>(
    students: &[&Student],
    ambassadors: &[Ambassador],
    rules: &Rules,
    key: fn(usize, u32, u32) -> K,
) -> K {
    struct Search<'a, K> {
        students: Vec<StudentProfile>,
        ambassadors: Vec<AmbassadorProfile>,
        rules: &'a Rules,
        key: fn(usize, u32, u32) -> K,
    }
    impl<K: Ord + Copy> Search<'_, K> {
        fn go(&self, i: usize, left: &mut Vec<u32>, acc: (usize, u32, u32), best: &mut Option<K>) {
            if i == self.students.len() {
                let lowest = if acc.0 == 0 { 0 } else { acc.1 };
                let k = (self.key)(acc.0, lowest, acc.2);
                if best.is_none_or(|b| k > b) {
                    *best = Some(k);
                }
                return;
            }
            self.go(i + 1, left, acc, best);
            for j in 0..self.ambassadors.len() {
                if left[j] > 0 {
                    if let Ok(s) = score::score(&self.students[i], &self.ambassadors[j], self.rules)
                    {
                        left[j] -= 1;
                        self.go(i + 1, left, (acc.0 + 1, acc.1.min(s), acc.2 + s), best);
                        left[j] += 1;
                    }
                }
            }
        }
    }
    let search = Search {
        students: students.iter().map(|s| StudentProfile::of(s)).collect(),
        ambassadors: ambassadors.iter().map(AmbassadorProfile::of).collect(),
        rules,
        key,
    };
    let mut left: Vec<u32> = ambassadors.iter().map(|x| x.capacity).collect();
    let mut best = None;
    search.go(0, &mut left, (0, u32::MAX, 0), &mut best);
    best.expect("at least the empty placement")
}
