//! Storing a suggestion, and what a suggestion reads: the edition's rules and forbidden pairs.

use rusqlite::{params, Connection, OptionalExtension};

use super::{editions, pairs, Store, StoreError};
use crate::model::{EditionId, ForbiddenPair, PairOrigin};
use crate::suggest::{self, Rules, Suggestion};

impl Store {
    /// The pairing rules of an edition (the defaults until the organiser changes them).
    pub fn rules(&self, edition: EditionId) -> Result<Rules, StoreError> {
        rules_of(&self.conn, edition)
    }

    pub fn set_rules(&mut self, edition: EditionId, rules: &Rules) -> Result<(), StoreError> {
        let json = serde_json::to_string(rules).expect("rules serialise");
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE edition SET rules = ?1 WHERE id = ?2",
                params![json, edition],
            )?;
            if changed == 0 {
                return Err(StoreError::EditionNotFound { id: edition });
            }
            Ok(())
        })
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
    let stored: Option<Option<String>> = conn
        .query_row("SELECT rules FROM edition WHERE id = ?1", [edition], |r| {
            r.get(0)
        })
        .optional()?;
    match stored {
        None => Err(StoreError::EditionNotFound { id: edition }),
        Some(None) => Ok(Rules::default()),
        Some(Some(json)) => serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
            table: "edition",
            column: "rules",
            value: json,
        }),
    }
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
        use std::collections::HashMap;
        let rules = self.rules(edition)?;
        let students: HashMap<_, _> = self
            .list_students(edition)?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let ambassadors: HashMap<_, _> = self
            .list_ambassadors(edition)?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
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
