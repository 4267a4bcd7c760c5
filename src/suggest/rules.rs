//! The rules of a suggestion: hard constraints and the weights of the soft criteria. Editable
//! per edition; written out in plain French for the people concerned (transparency).

use serde::{Deserialize, Serialize};

/// Beyond this distance a pair earns no "nearby" points.
pub const NEARBY_REACH_KM: f64 = 800.0;

impl Weights {
    /// The "nearby" points of a pair `km` apart: the full weight at 0 km, none from
    /// [`NEARBY_REACH_KM`] on. The readable scoring and the compiled tables both use this.
    pub fn nearby_points(&self, km: f64) -> u32 {
        (f64::from(self.nearby) * (1.0 - km / NEARBY_REACH_KM))
            .max(0.0)
            .round() as u32
    }
}

/// Points each criterion gives a pair. Integers, so that scores add up exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Weights {
    /// The ambassador's métier is the student's 1st, 2nd, 3rd wish.
    pub job_wish_1: u32,
    pub job_wish_2: u32,
    pub job_wish_3: u32,
    /// The métier is of the same family as one of the wishes.
    pub job_family: u32,
    pub same_commune: u32,
    pub same_departement: u32,
    pub same_region: u32,
    /// Elsewhere: up to this much, less the farther (nothing beyond 800 km).
    pub nearby: u32,
    /// The ambassador works in the administration the student wished.
    pub administration_wish: u32,
    /// …or in the same ministry.
    pub same_ministry: u32,
    /// The student's level is one the ambassador said they would rather host (no effect when
    /// the ambassador said nothing).
    pub preferred_level: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            job_wish_1: 100,
            job_wish_2: 70,
            job_wish_3: 50,
            job_family: 25,
            same_commune: 40,
            same_departement: 30,
            same_region: 15,
            nearby: 10,
            administration_wish: 30,
            same_ministry: 15,
            // As much as the same région: it decides between otherwise equal ambassadors,
            // never against a wished métier.
            preferred_level: 15,
        }
    }
}

/// Everything that decides a suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Rules {
    pub weights: Weights,
    /// Application states that take part (démarches simplifiées); students with no state do.
    pub accepted_states: Vec<String>,
    /// No pair farther apart than this (between the départements' reference points), if set.
    pub max_distance_km: Option<u32>,
    /// "Nobody badly served": after placing the most students, raise the lowest score first,
    /// then the total.
    pub fairness: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            weights: Weights::default(),
            accepted_states: vec!["accepte".into()],
            max_distance_km: None,
            fairness: false,
        }
    }
}

impl Rules {
    /// The rules in plain French, for the notice given to people who ask how pairs were made.
    pub fn notice_fr(&self) -> Vec<String> {
        let w = &self.weights;
        let mut lines = vec![
            "Les binômes sont proposés par un calcul exact : d'abord placer le plus grand nombre possible d'étudiants, puis, à nombre égal, maximiser la somme des points de tous les binômes. Le même fichier donne toujours les mêmes propositions ; l'organisateur les relit, les modifie et les valide.".to_string(),
            "Règles impératives : un ambassadeur n'accueille pas plus d'étudiants que le nombre qu'il a indiqué (1 s'il n'a rien indiqué, aucun s'il a indiqué 0) ; un étudiant qui ne souhaite pas quitter son département ou sa région n'est proposé qu'à des ambassadeurs de son département ou de sa région ; les paires écartées par l'organisateur ne sont jamais proposées ; les binômes verrouillés ou déjà validés sont gardés.".to_string(),
        ];
        if let Some(km) = self.max_distance_km {
            lines.push(format!("Aucun binôme n'est proposé à plus de {km} km (distance entre les chefs-lieux des départements)."));
        }
        if self.fairness {
            lines.push("Option « personne de mal servi » : à nombre d'étudiants placés égal, le binôme le moins bon est d'abord rendu le meilleur possible, puis la somme des points est maximisée.".to_string());
        }
        lines.push(format!(
            "Seuls les dossiers dans l'état {} sont pris en compte.",
            crate::model::state::retained_labels(&self.accepted_states)
        ));
        lines.push(format!(
            "Points d'un binôme : métier de l'ambassadeur = 1er souhait de l'étudiant {} points, 2e souhait {}, 3e souhait {} ; métier de la même famille qu'un souhait {} ; même commune {} ; sinon même département {} ; sinon même région {} ; sinon jusqu'à {} selon la distance ; administration souhaitée {} (même ministère {}) ; niveau d'études parmi ceux que l'ambassadeur préfère {}.",
            w.job_wish_1, w.job_wish_2, w.job_wish_3, w.job_family, w.same_commune, w.same_departement, w.same_region, w.nearby, w.administration_wish, w.same_ministry, w.preferred_level
        ));
        lines
    }
}

impl Weights {
    /// Each weight's name and what it rewards, in French.
    pub const LABELS: &'static [(&'static str, &'static str)] = &[
        ("jobWish1", "métier = 1er souhait"),
        ("jobWish2", "métier = 2e souhait"),
        ("jobWish3", "métier = 3e souhait"),
        ("jobFamily", "métier de la même famille qu'un souhait"),
        ("sameCommune", "même commune"),
        ("sameDepartement", "même département"),
        ("sameRegion", "même région"),
        ("nearby", "ailleurs, selon la distance (au plus)"),
        ("administrationWish", "administration souhaitée"),
        (
            "sameMinistry",
            "même ministère que l'administration souhaitée",
        ),
        (
            "preferredLevel",
            "niveau d'études préféré par l'ambassadeur",
        ),
    ];

    /// The names of the weights, as `set` takes them.
    /// Every weight within [`MAX_POINTS`] (the window's fields stop there too).
    pub fn check(&self) -> Result<(), String> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map.iter().try_for_each(|(name, points)| {
                check_points(name, points.as_u64().unwrap_or(u64::MAX))
            }),
            _ => Ok(()),
        }
    }

    pub fn names() -> Vec<String> {
        match serde_json::to_value(Weights::default()) {
            Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Changes one weight by name (`jobWish1`, `sameDepartement`…); a French error otherwise.
    pub fn set(&mut self, name: &str, points: u32) -> Result<(), String> {
        check_points(name, points.into())?;
        let mut value = serde_json::to_value(&*self).map_err(|e| e.to_string())?;
        let Some(slot) = value.get_mut(name) else {
            return Err(format!(
                "critère « {name} » inconnu (critères : {})",
                Weights::names().join(", ")
            ));
        };
        *slot = serde_json::Value::from(points);
        *self = serde_json::from_value(value).map_err(|e| e.to_string())?;
        Ok(())
    }
}

/// The most points a criterion may give: the scores of a pair add up in 32 bits, and the
/// largest value is the mark of a pair the rules forbid.
pub const MAX_POINTS: u32 = 1000;

fn check_points(name: &str, points: u64) -> Result<(), String> {
    if points > u64::from(MAX_POINTS) {
        return Err(format!(
            "critère « {name} » : {points} points, c'est plus que le maximum ({MAX_POINTS})"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_set_by_name() {
        let mut w = Weights::default();
        w.set("sameDepartement", 45).unwrap();
        assert_eq!(w.same_departement, 45);
        let error = w.set("meteo", 3).unwrap_err();
        assert!(
            error.starts_with("critère « meteo » inconnu (critères : "),
            "{error}"
        );
        assert!(Weights::names().contains(&"jobWish1".to_string()));
        let mut labelled: Vec<String> =
            Weights::LABELS.iter().map(|(n, _)| n.to_string()).collect();
        let mut names = Weights::names();
        labelled.sort();
        names.sort();
        assert_eq!(labelled, names, "every weight has a French label");
    }
}
