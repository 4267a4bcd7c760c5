//! The rules of an edition's suggestion: shown with their French labels and notice, replaced
//! from the window, or changed piece by piece from the command line.

use serde::Serialize;

use super::ActionError;
use crate::model::state::{self, StateChoice};
use crate::model::EditionId;
use crate::store::Setting;
use crate::suggest::{Rules, Weights};
use crate::{Store, StoreError};

/// A weight as the window shows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WeightLabel {
    pub name: String,
    pub label: String,
}

/// The rules of an edition, their French labels and the notice they make.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RulesView {
    pub rules: Rules,
    pub labels: Vec<WeightLabel>,
    pub notice: Vec<String>,
    /// The application states the organiser can retain, with their French labels.
    pub states: Vec<StateChoice>,
}

/// The pairing rules of an edition (the defaults until the organiser changes them).
pub fn rules(store: &Store, edition: EditionId) -> Result<Rules, StoreError> {
    store.setting(edition, Setting::Rules)
}

pub fn view(store: &Store, edition: EditionId) -> Result<RulesView, StoreError> {
    let rules = rules(store, edition)?;
    Ok(RulesView {
        labels: Weights::LABELS
            .iter()
            .map(|(name, label)| WeightLabel {
                name: (*name).to_string(),
                label: (*label).to_string(),
            })
            .collect(),
        notice: rules.notice_fr(),
        states: state::choices(),
        rules,
    })
}

pub fn set(store: &mut Store, edition: EditionId, rules: &Rules) -> Result<(), ActionError> {
    rules.weights.check().map_err(ActionError::Invalid)?;
    Ok(store.set_setting(edition, Setting::Rules, rules)?)
}

/// Some of the rules changed, the others left as they are.
#[derive(Debug, Clone, Default)]
pub struct RulesChange {
    /// (weight name, points).
    pub weights: Vec<(String, u32)>,
    /// `Some(0)` removes the limit.
    pub max_distance_km: Option<u32>,
    pub accepted_states: Option<Vec<String>>,
    pub fairness: Option<bool>,
}

impl RulesChange {
    /// What can be refused without the edition: an unknown criterion, too many points, no
    /// state at all. Checked before anything is opened or stored.
    pub fn check(&self) -> Result<(), ActionError> {
        let mut weights = crate::suggest::Weights::default();
        for (name, points) in &self.weights {
            weights
                .set(name.trim(), *points)
                .map_err(ActionError::Invalid)?;
        }
        if let Some(states) = &self.accepted_states {
            if states.iter().all(|s| s.trim().is_empty()) {
                return Err(ActionError::Invalid(
                    "indiquez au moins un état de dossier à retenir (par exemple accepte)".into(),
                ));
            }
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
            && self.max_distance_km.is_none()
            && self.accepted_states.is_none()
            && self.fairness.is_none()
    }
}

/// Applies `change` to the edition's rules (nothing is stored when it is empty); returns the
/// rules now in force.
pub fn change(
    store: &mut Store,
    edition: EditionId,
    change: &RulesChange,
) -> Result<Rules, ActionError> {
    let mut rules = rules(store, edition)?;
    if change.is_empty() {
        return Ok(rules);
    }
    change.check()?;
    for (name, points) in &change.weights {
        rules
            .weights
            .set(name.trim(), *points)
            .map_err(ActionError::Invalid)?;
    }
    if let Some(km) = change.max_distance_km {
        rules.max_distance_km = (km > 0).then_some(km);
    }
    if let Some(states) = &change.accepted_states {
        // A state démarches simplifiées does not know is taken only if the edition's students
        // have it (a form of another platform): « acepte » is a typing error, refused.
        let students = store.list_students(edition)?;
        let in_edition = |s: &str| {
            students
                .iter()
                .filter_map(|st| st.application_state.as_deref())
                .any(|own| crate::model::state::same(own, s))
        };
        let mut codes = Vec::new();
        for s in states.iter().filter(|s| !s.trim().is_empty()) {
            if crate::model::state::code(s).is_none() && !in_edition(s) {
                let known: Vec<String> = crate::model::state::choices()
                    .into_iter()
                    .map(|c| c.code)
                    .collect();
                return Err(ActionError::Invalid(format!(
                    "état de dossier « {} » inconnu (états : {})",
                    s.trim(),
                    known.join(", ")
                )));
            }
            // Stored as codes (« Accepté » → `accepte`), as the import stores a student's.
            codes.push(crate::model::state::normalize(s));
        }
        rules.accepted_states = codes;
    }
    if let Some(fairness) = change.fairness {
        rules.fairness = fairness;
    }
    set(store, edition, &rules)?;
    Ok(rules)
}
