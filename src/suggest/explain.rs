//! Why a pair is what it is, for the organiser and for the person concerned: a stored pair's
//! score and reasons under the edition's rules, a student against every ambassador (the
//! alternates, and why the others are excluded), and who could take a place left free.

use std::collections::{HashMap, HashSet};

use super::score::{evaluate, AmbassadorProfile, Barrier, StudentProfile};
use super::{takes_part, Evaluation, Rules};
use crate::model::{Ambassador, AmbassadorId, Pair, Student, StudentId};

/// A pair as the window shows it: the pair, and its score and reasons under the edition's rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExplainedPair {
    pub pair: Pair,
    pub score: u32,
    /// In French; a pair made by hand against the rules says so.
    pub reasons: Vec<String>,
    /// Which of the student's métier wishes this is (1 = first).
    pub wish_rank: Option<u8>,
    /// Between their départements, when both are known.
    pub distance_km: Option<u32>,
}

/// Explains a pair of these two people (`None` when one of them is not found).
pub fn explain(
    pair: Pair,
    student: Option<&Student>,
    ambassador: Option<&Ambassador>,
    rules: &Rules,
) -> ExplainedPair {
    let evaluation = match (student, ambassador) {
        (Some(s), Some(a)) => {
            let profile = StudentProfile::of(s);
            evaluate(&profile, &AmbassadorProfile::of(a), rules)
                .map_err(|b| b.describe(&profile, rules))
        }
        _ => Err("personne introuvable".to_string()),
    };
    // A student outside the retained states paired by hand: said first, on the pair itself.
    let excluded = student.filter(|s| !takes_part(s, rules)).map(|s| {
        format!(
            "dossier « {} », hors des états retenus",
            crate::model::state::label(s.application_state.as_deref().unwrap_or(""))
        )
    });
    let mut explained = match evaluation {
        Ok(e) => ExplainedPair {
            pair,
            score: e.score,
            reasons: e.parts.into_iter().map(|p| p.reason).collect(),
            wish_rank: e.wish_rank,
            distance_km: e.distance_km,
        },
        Err(why) => ExplainedPair {
            pair,
            score: 0,
            reasons: vec![format!("fait à la main hors des règles : {why}")],
            wish_rank: None,
            distance_km: None,
        },
    };
    if let Some(excluded) = excluded {
        explained.reasons.insert(0, excluded);
    }
    explained
}

/// How one ambassador stands for one student.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Compatibility {
    pub ambassador: AmbassadorId,
    /// The score and reasons when the pair is allowed.
    pub evaluation: Option<Evaluation>,
    /// Why the pair is not allowed, in French.
    pub barrier: Option<String>,
    /// Places the ambassador still has, this student's own pair aside.
    pub places_left: u32,
    /// The ambassador is this student's current pair.
    pub current: bool,
}

/// The student against every ambassador present (those who did not withdraw): allowed ones
/// first, best score first (those with a free place before the full ones), then the others
/// with the reason. "Why this pair and not another", and the alternates for a withdrawal.
pub fn compatibility(
    student: &Student,
    ambassadors: &[Ambassador],
    pairs: &[Pair],
    forbidden: &HashSet<AmbassadorId>,
    rules: &Rules,
) -> Vec<Compatibility> {
    let current = pairs
        .iter()
        .find(|p| p.student_id == student.id)
        .map(|p| p.ambassador_id);
    let mut hosted: HashMap<AmbassadorId, u32> = HashMap::new();
    for pair in pairs.iter().filter(|p| p.student_id != student.id) {
        *hosted.entry(pair.ambassador_id).or_default() += 1;
    }
    let profile = StudentProfile::of(student);
    let mut all: Vec<Compatibility> = ambassadors
        .iter()
        .map(|a| {
            let result = if forbidden.contains(&a.id) {
                Err(Barrier::Forbidden)
            } else {
                evaluate(&profile, &AmbassadorProfile::of(a), rules)
            };
            let (evaluation, barrier) = match result {
                Ok(e) => (Some(e), None),
                Err(b) => (None, Some(b.describe(&profile, rules))),
            };
            Compatibility {
                ambassador: a.id,
                evaluation,
                barrier,
                places_left: a
                    .capacity
                    .saturating_sub(hosted.get(&a.id).copied().unwrap_or(0)),
                current: current == Some(a.id),
            }
        })
        .collect();
    all.sort_by_key(|c| {
        (
            c.evaluation.is_none(),
            c.places_left == 0,
            std::cmp::Reverse(c.evaluation.as_ref().map_or(0, |e| e.score)),
            c.ambassador,
        )
    });
    all
}

/// A student who could take a place left free, with the score and reasons of that pair.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub student: StudentId,
    pub score: u32,
    pub reasons: Vec<String>,
}

/// How many replacements are proposed.
pub const CANDIDATES: usize = 5;

/// Students without a pair who could take a place with `host`, best score first: who to call
/// when the ambassador's student withdrew. `students` are those present (not withdrawn).
pub fn candidates(
    host: &Ambassador,
    students: &[Student],
    pairs: &[Pair],
    forbidden_with_host: &HashSet<StudentId>,
    rules: &Rules,
) -> Vec<Candidate> {
    let host = AmbassadorProfile::of(host);
    let paired: HashSet<StudentId> = pairs.iter().map(|p| p.student_id).collect();
    let mut all: Vec<Candidate> = students
        .iter()
        .filter(|s| {
            !paired.contains(&s.id) && !forbidden_with_host.contains(&s.id) && takes_part(s, rules)
        })
        .filter_map(|s| {
            let e = evaluate(&StudentProfile::of(s), &host, rules).ok()?;
            Some(Candidate {
                student: s.id,
                score: e.score,
                reasons: e.parts.into_iter().map(|p| p.reason).collect(),
            })
        })
        .collect();
    all.sort_by(|a, b| b.score.cmp(&a.score).then(a.student.cmp(&b.student)));
    all.truncate(CANDIDATES);
    all
}
