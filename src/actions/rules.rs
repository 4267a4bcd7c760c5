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

pub fn set(store: &mut Store, edition: EditionId, rules: &Rules) -> Result<(), StoreError> {
    store.set_setting(edition, Setting::Rules, rules)
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
        rules.accepted_states = states
            .iter()
            .filter(|s| !s.trim().is_empty())
            // Stored as codes (« Accepté » → `accepte`), as the import stores a student's.
            .map(|s| crate::model::state::normalize(s))
            .collect();
    }
    if let Some(fairness) = change.fairness {
        rules.fairness = fairness;
    }
    set(store, edition, &rules)?;
    Ok(rules)
}
