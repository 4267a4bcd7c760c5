//! « Proposer les binômes »: the suggestion on the edition as stored (locked, validated and
//! notified pairs stay, the rest is replaced), after a backup, recorded in the history; then
//! what it left: the unpaired students' diagnoses and the season at a glance.

use std::collections::HashMap;

use serde::Serialize;

use super::board::{explained, present, BoardChange, Everyone};
use super::rules::rules;
use crate::model::{Ambassador, EditionId, Identity, Student};
use crate::season::SeasonOverview;
use crate::suggest::explain::ExplainedPair;
use crate::suggest::{self, Suggestion, Unpaired};
use crate::{Store, StoreError};

/// Proposes the pairs of the edition, after a backup of the database.
pub fn suggest(store: &mut Store, edition: EditionId) -> Result<Suggestion, StoreError> {
    store.backup("avant-suggestion")?;
    Ok(suggest_on_board(store, edition)?.0)
}

/// « Proposer les binômes » on the board: as [`suggest`] (a backup of the database first), and
/// answers with what changed on the board, which the window applies as it does a move's — it
/// used to read the whole board again (2.5 MB of JSON at 2,000 students, #21).
pub fn suggest_from_board(
    store: &mut Store,
    edition: EditionId,
) -> Result<BoardChange, StoreError> {
    store.backup("avant-suggestion")?;
    Ok(suggest_on_board(store, edition)?.1)
}

/// The suggestion itself, recorded in the history (undoable), with what it changed on the
/// board. No backup: `suggest` takes one, `pair` works in a database of its own (and the
/// tests and benchmarks that look at the change call this).
pub fn suggest_on_board(
    store: &mut Store,
    edition: EditionId,
) -> Result<(Suggestion, BoardChange), StoreError> {
    let (suggestion, change) = suggest_stored(store, edition)?;
    Ok((suggestion, explained(store, edition, change)?))
}

/// The suggestion made and stored, without explaining what changed on the board (`pair`, which
/// has no board, reads the whole edition once afterwards).
pub fn suggest_stored(
    store: &mut Store,
    edition: EditionId,
) -> Result<(Suggestion, crate::store::Change), StoreError> {
    // The edition must exist before anything is read of it.
    store.edition(edition)?;
    // People who withdrew are not suggested to anyone.
    let (students, ambassadors) = present(store, edition)?;
    let existing = store.list_pairs(edition)?;
    let forbidden = store.forbidden_pairs(edition)?;
    let rules = rules(store, edition)?;
    let suggestion = suggest::suggest(&suggest::Input {
        students: &students,
        ambassadors: &ambassadors,
        pairs: &existing,
        forbidden: &forbidden,
        rules: &rules,
    });
    // What a suggestion keeps is decided once, by `suggest::is_kept`; the others make room.
    let replaced: Vec<_> = existing
        .iter()
        .filter(|p| !suggest::is_kept(p))
        .map(|p| p.id)
        .collect();
    let made: Vec<_> = suggestion
        .proposed
        .iter()
        .map(|p| (p.student, p.ambassador))
        .collect();
    let label = format!(
        "Proposition des binômes : {} proposés, {} gardés, {} sans binôme, {} hors des états retenus",
        suggestion.proposed.len(),
        suggestion.kept.len(),
        suggestion.unpaired.len(),
        suggestion.excluded.len()
    );
    let change = store.replace_pairs(edition, &replaced, &made, &label)?;
    Ok((suggestion, change))
}

/// Why each student of the edition without a pair has none (the rules' exclusions last).
pub fn unpaired(store: &Store, edition: EditionId) -> Result<Vec<Unpaired>, StoreError> {
    let everyone = Everyone::read(store, edition)?;
    Ok(everyone.unpaired(&everyone.present(), &store.forbidden_pairs(edition)?))
}

/// The season at a glance: demand against supply, gaps, wish satisfaction.
pub fn season(store: &Store, edition: EditionId) -> Result<SeasonOverview, StoreError> {
    let everyone = Everyone::read(store, edition)?;
    Ok(season_of(
        &everyone,
        &everyone.present(),
        &everyone.explained(),
    ))
}

pub(super) fn season_of(
    everyone: &Everyone,
    (students, ambassadors): &(Vec<Student>, Vec<Ambassador>),
    pairs: &[ExplainedPair],
) -> SeasonOverview {
    crate::season::overview(students, ambassadors, pairs, &everyone.rules)
}

/// The dashboard's figures as the organiser memorised them (« Mémoriser ces chiffres »), to set
/// beside the current ones after changes. Stored with the edition (migration 10): another data
/// folder's edition never shows them, and the figures follow the data folder's backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RememberedFigures {
    /// When, in UTC, RFC 3339.
    pub at: String,
    pub students: u32,
    pub satisfaction: crate::season::Satisfaction,
}

/// Memorises the edition's figures as they are now, and returns them.
pub fn remember_figures(
    store: &mut Store,
    edition: EditionId,
) -> Result<RememberedFigures, StoreError> {
    let overview = season(store, edition)?;
    let at = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default();
    let figures = RememberedFigures {
        at,
        students: overview.students,
        satisfaction: overview.satisfaction,
    };
    store.set_setting(
        edition,
        crate::store::Setting::SeasonFigures,
        &Some(figures.clone()),
    )?;
    Ok(figures)
}

/// The figures memorised for the edition, if any.
pub fn remembered_figures(
    store: &Store,
    edition: EditionId,
) -> Result<Option<RememberedFigures>, StoreError> {
    store.setting(edition, crate::store::Setting::SeasonFigures)
}

/// What a suggestion did, under the command line's names (docs/contracts.md §1), then the
/// details: each proposed pair with its reasons, each unpaired student with the diagnosis.
#[derive(Debug, Clone, Serialize)]
pub struct SuggestReport {
    /// Pairs in the edition after the suggestion (kept and proposed).
    pub pairs: usize,
    pub proposed: usize,
    pub kept: usize,
    pub students_unpaired: usize,
    /// Students left out by the rules (application not accepted).
    pub students_excluded: usize,
    pub places_left: u32,
    pub suggested: Vec<SuggestedPair>,
    pub unpaired: Vec<UnpairedStudent>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuggestedPair {
    pub student: String,
    pub student_email: Option<String>,
    pub ambassador: String,
    pub ambassador_email: Option<String>,
    pub score: u32,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnpairedStudent {
    pub student: String,
    pub email: Option<String>,
    pub diagnosis: String,
}

/// The report of a suggestion just made on the edition.
pub fn report(
    store: &Store,
    edition: EditionId,
    suggestion: &Suggestion,
) -> Result<SuggestReport, StoreError> {
    Ok(report_of(
        &store.list_students(edition)?,
        &store.list_ambassadors(edition)?,
        suggestion,
    ))
}

/// [`report`] with the edition's people already read.
pub fn report_of(
    students: &[Student],
    ambassadors: &[Ambassador],
    suggestion: &Suggestion,
) -> SuggestReport {
    let students: HashMap<_, _> = students.iter().map(|s| (s.id, &s.identity)).collect();
    let ambassadors: HashMap<_, _> = ambassadors.iter().map(|a| (a.id, &a.identity)).collect();
    let name = |who: Option<&&Identity>| {
        who.map(|w| format!("{} {}", w.first_name, w.last_name.to_uppercase()))
            .unwrap_or_default()
    };
    SuggestReport {
        pairs: suggestion.kept.len() + suggestion.proposed.len(),
        proposed: suggestion.proposed.len(),
        kept: suggestion.kept.len(),
        students_unpaired: suggestion.unpaired.len(),
        students_excluded: suggestion.excluded.len(),
        places_left: suggestion.places_left,
        suggested: suggestion
            .proposed
            .iter()
            .map(|p| SuggestedPair {
                student: name(students.get(&p.student)),
                student_email: students.get(&p.student).and_then(|s| s.email.clone()),
                ambassador: name(ambassadors.get(&p.ambassador)),
                ambassador_email: ambassadors.get(&p.ambassador).and_then(|a| a.email.clone()),
                score: p.evaluation.score,
                reasons: p
                    .evaluation
                    .parts
                    .iter()
                    .map(|part| part.reason.clone())
                    .collect(),
            })
            .collect(),
        unpaired: suggestion
            .unpaired
            .iter()
            .map(|u| UnpairedStudent {
                student: name(students.get(&u.student)),
                email: students.get(&u.student).and_then(|s| s.email.clone()),
                diagnosis: u.diagnosis.clone(),
            })
            .collect(),
    }
}
