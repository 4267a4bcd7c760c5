//! Storing a suggestion, and what a suggestion reads: the edition's rules and forbidden pairs.

use rusqlite::Connection;

use super::editions::{self, Setting};
use super::{pairs, Store, StoreError};
use crate::model::{EditionId, ForbiddenPair, PairOrigin};
use crate::suggest::{self, Rules, Suggestion};

impl Store {
    /// The pairing rules of an edition (the defaults until the organiser changes them).
    pub fn rules(&self, edition: EditionId) -> Result<Rules, StoreError> {
        rules_of(&self.conn, edition)
    }

    pub fn set_rules(&mut self, edition: EditionId, rules: &Rules) -> Result<(), StoreError> {
        self.write(|tx| editions::set_setting(tx, edition, Setting::Rules, rules))
    }

    /// The pairs the organiser ruled out in an edition.
    pub fn forbidden_pairs(&self, edition: EditionId) -> Result<Vec<ForbiddenPair>, StoreError> {
        forbidden_of(&self.conn, edition)
    }

    /// Runs the suggestion on the edition as stored and stores its pairs, in one transaction:
    /// pairs that are kept (locked, validated, notified) stay; other pairs are replaced.
    pub fn suggest(&mut self, edition: EditionId) -> Result<Suggestion, StoreError> {
        self.write(|tx| {
            editions::ensure_edition_exists(tx, edition)?;
            let students = super::people::students_of(tx, edition)?;
            let ambassadors = super::people::ambassadors_of(tx, edition)?;
            let existing = pairs::pairs_of(tx, edition)?;
            let forbidden = forbidden_of(tx, edition)?;
            let rules = rules_of(tx, edition)?;
            let suggestion = suggest::suggest(&suggest::Input {
                students: &students,
                ambassadors: &ambassadors,
                pairs: &existing,
                forbidden: &forbidden,
                rules: &rules,
            });
            tx.execute(
                "DELETE FROM pair WHERE edition_id = ?1 AND locked = 0 AND status = 'proposed'",
                [edition],
            )?;
            for proposal in &suggestion.proposed {
                pairs::insert_pair(
                    tx,
                    edition,
                    proposal.student,
                    proposal.ambassador,
                    PairOrigin::Suggested,
                )?;
            }
            Ok(suggestion)
        })
    }
}

fn rules_of(conn: &Connection, edition: EditionId) -> Result<Rules, StoreError> {
    editions::setting(conn, edition, Setting::Rules)
}

fn forbidden_of(conn: &Connection, edition: EditionId) -> Result<Vec<ForbiddenPair>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT edition_id, student_id, ambassador_id, reason FROM forbidden_pair
         WHERE edition_id = ?1 ORDER BY student_id, ambassador_id",
    )?;
    let rows = stmt.query_map([edition], |r| {
        Ok(ForbiddenPair {
            edition_id: r.get(0)?,
            student_id: r.get(1)?,
            ambassador_id: r.get(2)?,
            reason: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A pair as the window shows it: the pair, and its score and reasons under the edition's rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExplainedPair {
    pub pair: crate::model::Pair,
    pub score: u32,
    /// In French; a pair made by hand against the rules says so.
    pub reasons: Vec<String>,
}

impl Store {
    /// Every pair of the edition with its explanation.
    pub fn explained_pairs(&self, edition: EditionId) -> Result<Vec<ExplainedPair>, StoreError> {
        use crate::suggest::score::{evaluate, AmbassadorProfile, StudentProfile};
        let rules = self.rules(edition)?;
        let (students, ambassadors) = self.people_by_id(edition)?;
        let pairs = self.list_pairs(edition)?;
        Ok(pairs
            .into_iter()
            .map(|pair| {
                let (student, ambassador) = (
                    students.get(&pair.student_id),
                    ambassadors.get(&pair.ambassador_id),
                );
                let evaluation = match (student, ambassador) {
                    (Some(s), Some(a)) => {
                        let profile = StudentProfile::of(s);
                        evaluate(&profile, &AmbassadorProfile::of(a), &rules)
                            .map_err(|b| b.describe(&profile, &rules))
                    }
                    _ => Err("personne introuvable".to_string()),
                };
                match evaluation {
                    Ok(e) => ExplainedPair {
                        pair,
                        score: e.score,
                        reasons: e.parts.into_iter().map(|p| p.reason).collect(),
                    },
                    Err(why) => ExplainedPair {
                        pair,
                        score: 0,
                        reasons: vec![format!("fait à la main hors des règles : {why}")],
                    },
                }
            })
            .collect())
    }

    /// Why each student of the edition without a pair has none (the rules' exclusions last).
    pub fn unpaired(&self, edition: EditionId) -> Result<Vec<suggest::Unpaired>, StoreError> {
        let students = self.list_students(edition)?;
        let ambassadors = self.list_ambassadors(edition)?;
        let pairs = self.list_pairs(edition)?;
        let forbidden = self.forbidden_pairs(edition)?;
        let rules = self.rules(edition)?;
        Ok(suggest::diagnoses(&suggest::Input {
            students: &students,
            ambassadors: &ambassadors,
            pairs: &pairs,
            forbidden: &forbidden,
            rules: &rules,
        }))
    }
}

/// How one ambassador stands for one student.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Compatibility {
    pub ambassador: crate::model::AmbassadorId,
    /// The score and reasons when the pair is allowed.
    pub evaluation: Option<suggest::Evaluation>,
    /// Why the pair is not allowed, in French.
    pub barrier: Option<String>,
    /// Places the ambassador still has, this student's own pair aside.
    pub places_left: u32,
    /// The ambassador is this student's current pair.
    pub current: bool,
}

impl Store {
    /// The student against every ambassador of the edition: allowed ones first, best score
    /// first (those with a free place before the full ones), then the others with the reason.
    /// "Why this pair and not another", and the alternates for a withdrawal.
    pub fn compatibility(
        &self,
        edition: EditionId,
        student: crate::model::StudentId,
    ) -> Result<Vec<Compatibility>, StoreError> {
        use crate::suggest::score::{evaluate, AmbassadorProfile, StudentProfile};
        use std::collections::{HashMap, HashSet};
        let students = self.list_students(edition)?;
        let student = students
            .iter()
            .find(|s| s.id == student)
            .ok_or(StoreError::StudentNotFound { student })?;
        let rules = self.rules(edition)?;
        let pairs = self.list_pairs(edition)?;
        let current = pairs
            .iter()
            .find(|p| p.student_id == student.id)
            .map(|p| p.ambassador_id);
        let mut hosted: HashMap<_, u32> = HashMap::new();
        for pair in pairs.iter().filter(|p| p.student_id != student.id) {
            *hosted.entry(pair.ambassador_id).or_default() += 1;
        }
        let forbidden: HashSet<_> = self
            .forbidden_pairs(edition)?
            .into_iter()
            .filter(|f| f.student_id == student.id)
            .map(|f| f.ambassador_id)
            .collect();
        let profile = StudentProfile::of(student);
        let mut all: Vec<Compatibility> = self
            .list_ambassadors(edition)?
            .iter()
            .map(|a| {
                let result = if forbidden.contains(&a.id) {
                    Err(crate::suggest::score::Barrier::Forbidden)
                } else {
                    evaluate(&profile, &AmbassadorProfile::of(a), &rules)
                };
                let (evaluation, barrier) = match result {
                    Ok(e) => (Some(e), None),
                    Err(b) => (None, Some(b.describe(&profile, &rules))),
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
        all.sort_by(|x, y| {
            let key = |c: &Compatibility| {
                (
                    c.evaluation.is_none(),
                    c.places_left == 0,
                    std::cmp::Reverse(c.evaluation.as_ref().map_or(0, |e| e.score)),
                    c.ambassador,
                )
            };
            key(x).cmp(&key(y))
        });
        Ok(all)
    }
}
