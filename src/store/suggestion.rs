//! Storing a suggestion, and what a suggestion reads: the edition's rules and forbidden pairs.

use rusqlite::{Connection, OptionalExtension};

use super::editions::{self, Setting};
use super::{pairs, people, Store, StoreError};
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
        Ok(self.suggest_on_board(edition)?.0)
    }

    /// [`Store::suggest`], recorded in the edition's history (undoable), with what it changed.
    pub fn suggest_on_board(
        &mut self,
        edition: EditionId,
    ) -> Result<(Suggestion, super::BoardChange), StoreError> {
        self.journaled(edition, |tx| {
            editions::ensure_edition_exists(tx, edition)?;
            // People who withdrew are not suggested to anyone.
            let (students, ambassadors) = present(tx, edition)?;
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
            let label = format!(
                "Proposition des binômes : {} proposés, {} gardés, {} sans binôme, {} hors des états retenus",
                suggestion.proposed.len(),
                suggestion.kept.len(),
                suggestion.unpaired.len(),
                suggestion.excluded.len()
            );
            Ok((suggestion, label))
        })
    }
}

/// The students and ambassadors of an edition who did not withdraw.
fn present(
    conn: &Connection,
    edition: EditionId,
) -> Result<(Vec<crate::model::Student>, Vec<crate::model::Ambassador>), StoreError> {
    let (gone_students, gone_ambassadors) = super::withdrawals::withdrawn_sets(conn, edition)?;
    let mut students = people::students_of(conn, edition)?;
    students.retain(|s| !gone_students.contains(&s.id));
    let mut ambassadors = people::ambassadors_of(conn, edition)?;
    ambassadors.retain(|a| !gone_ambassadors.contains(&a.id));
    Ok((students, ambassadors))
}

fn rules_of(conn: &Connection, edition: EditionId) -> Result<Rules, StoreError> {
    editions::setting(conn, edition, Setting::Rules)
}

/// The ambassadors a student may not be paired with.
fn forbidden_for(
    conn: &Connection,
    student: crate::model::StudentId,
) -> Result<std::collections::HashSet<crate::model::AmbassadorId>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT ambassador_id FROM forbidden_pair WHERE student_id = ?1")?;
    let rows = stmt.query_map([student], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The forbidden pair of a student and an ambassador, if there is one.
pub(super) fn find_forbidden(
    conn: &Connection,
    student: crate::model::StudentId,
    ambassador: crate::model::AmbassadorId,
) -> Result<Option<ForbiddenPair>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT edition_id, student_id, ambassador_id, reason FROM forbidden_pair
             WHERE student_id = ?1 AND ambassador_id = ?2",
            rusqlite::params![student, ambassador],
            |r| {
                Ok(ForbiddenPair {
                    edition_id: r.get(0)?,
                    student_id: r.get(1)?,
                    ambassador_id: r.get(2)?,
                    reason: r.get(3)?,
                })
            },
        )
        .optional()?)
}

pub(super) fn forbidden_of(
    conn: &Connection,
    edition: EditionId,
) -> Result<Vec<ForbiddenPair>, StoreError> {
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
    /// Which of the student's métier wishes this is (1 = first).
    pub wish_rank: Option<u8>,
    /// Between their départements, when both are known.
    pub distance_km: Option<u32>,
}

/// Explains pairs under the edition's rules. Reads only the people concerned when they are few
/// (a change on the board), the whole edition otherwise.
pub(super) fn explain_pairs(
    conn: &Connection,
    edition: EditionId,
    pairs: Vec<crate::model::Pair>,
) -> Result<Vec<ExplainedPair>, StoreError> {
    use crate::suggest::score::{evaluate, AmbassadorProfile, StudentProfile};
    use std::collections::HashMap;
    const FEW: usize = 64;
    let rules = rules_of(conn, edition)?;
    let (students, ambassadors) = if pairs.len() > FEW {
        people::people_by_id(conn, edition)?
    } else {
        let mut students = HashMap::new();
        let mut ambassadors = HashMap::new();
        for pair in &pairs {
            if let Some(s) = people::student_by_id(conn, edition, pair.student_id)? {
                students.insert(s.id, s);
            }
            if let Some(a) = people::ambassador_by_id(conn, edition, pair.ambassador_id)? {
                ambassadors.insert(a.id, a);
            }
        }
        (students, ambassadors)
    };
    Ok(pairs
        .into_iter()
        .map(|pair| {
            let evaluation = match (
                students.get(&pair.student_id),
                ambassadors.get(&pair.ambassador_id),
            ) {
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
            }
        })
        .collect())
}

impl Store {
    /// Every pair of the edition with its explanation.
    pub fn explained_pairs(&self, edition: EditionId) -> Result<Vec<ExplainedPair>, StoreError> {
        explain_pairs(&self.conn, edition, pairs::pairs_of(&self.conn, edition)?)
    }

    /// The season at a glance: demand against supply, gaps, wish satisfaction.
    pub fn season(&self, edition: EditionId) -> Result<crate::season::SeasonOverview, StoreError> {
        let (students, ambassadors) = present(&self.conn, edition)?;
        let pairs = self.explained_pairs(edition)?;
        Ok(crate::season::overview(&students, &ambassadors, &pairs))
    }

    /// Why each student of the edition without a pair has none (the rules' exclusions last).
    pub fn unpaired(&self, edition: EditionId) -> Result<Vec<suggest::Unpaired>, StoreError> {
        let (students, ambassadors) = present(&self.conn, edition)?;
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
        // Only what this student's list needs is read: it is read again after every change on
        // the board.
        let student = &people::student_by_id(&self.conn, edition, student)?
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
        let forbidden: HashSet<_> = forbidden_for(&self.conn, student.id)?;
        let (_, withdrawn) = super::withdrawals::withdrawn_sets(&self.conn, edition)?;
        let profile = StudentProfile::of(student);
        let mut all: Vec<Compatibility> = people::ambassadors_of(&self.conn, edition)?
            .iter()
            .filter(|a| !withdrawn.contains(&a.id))
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
