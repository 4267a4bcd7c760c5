//! Counting demand against supply, and wish satisfaction.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Ambassador, Student};
use crate::referentials::geography::Geography;
use crate::referentials::{Administrations, Jobs};
use crate::suggest::{takes_part, ExplainedPair, Rules};

/// One line of a supply-and-demand table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SupplyDemand {
    /// The métier, région or administration, as the referential names it (or as written).
    pub label: String,
    /// Students whose 1st wish it is (métier), who live there (région), who wish it (administration).
    pub demand: u32,
    /// Students who wish it at any rank (métier only; otherwise the same as `demand`).
    pub demand_any: u32,
    /// Places: the capacities of the ambassadors of this métier, région or administration.
    pub places: u32,
    pub ambassadors: u32,
    /// Students paired with an ambassador of this métier, région or administration.
    pub placed: u32,
}

impl SupplyDemand {
    /// Demand beyond the places (positive: ambassadors to recruit).
    pub fn shortfall(&self) -> i64 {
        i64::from(self.demand) - i64::from(self.places)
    }
}

/// A métier missing in a région, in words: "Data scientist en Bretagne : 14 demandes, 2 places".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    pub job: String,
    pub region: String,
    pub demand: u32,
    pub places: u32,
    pub sentence: String,
}

/// How well the pairs meet the wishes. (Deserialize: the dashboard's memorised figures are
/// stored with the edition.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Satisfaction {
    pub placed: u32,
    /// Placed students by the rank of the wish their ambassador's métier is: 1st, 2nd, 3rd.
    pub wish: [u32; 3],
    /// Placed on a métier they did not wish.
    pub other_job: u32,
    /// Placed students who wished an administration, and those who got it.
    pub wished_administration: u32,
    pub got_administration: u32,
    /// Placed students by distance: same département, ≤ 50 km, ≤ 100 km, ≤ 300 km, farther,
    /// unknown.
    pub distance: [u32; 6],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SeasonOverview {
    /// Students taking part: those whose application is in a retained state. Demand counts them
    /// only.
    pub students: u32,
    /// Students outside the retained states (shown apart, not counted as demand).
    pub excluded: u32,
    pub ambassadors: u32,
    pub places: u32,
    /// Most wanted first (by 1st wishes).
    pub by_job: Vec<SupplyDemand>,
    /// By région, most students first; people without a known place under "lieu inconnu".
    pub by_region: Vec<SupplyDemand>,
    /// By département (the label is its code: "29", "2A", "974"), in code order; people
    /// without a known département are left out (they are under "lieu inconnu" by région).
    pub by_departement: Vec<SupplyDemand>,
    /// Administrations wished or offered, most wished first.
    pub by_administration: Vec<SupplyDemand>,
    /// Métier × région where 1st wishes exceed places, largest shortfall first.
    pub gaps: Vec<Gap>,
    pub satisfaction: Satisfaction,
}

const UNKNOWN_PLACE: &str = "lieu inconnu";

fn job_label(text: &str) -> String {
    Jobs::get()
        .recognize(text)
        .job
        .map(|j| j.label.to_string())
        .unwrap_or_else(|| text.trim().to_string())
}

fn administration_label(text: &str) -> String {
    Administrations::get()
        .recognize(text)
        .administration
        .map(|a| a.label.to_string())
        .unwrap_or_else(|| text.trim().to_string())
}

/// "en Bretagne", "dans les Hauts-de-France", "à La Réunion".
fn in_region(name: &str) -> String {
    match name {
        "Pays de la Loire" | "Hauts-de-France" => format!("dans les {name}"),
        "Grand Est" => format!("dans le {name}"),
        "La Réunion" | "Mayotte" => format!("à {name}"),
        _ => format!("en {name}"),
    }
}

fn region_label(departement: Option<&str>) -> String {
    departement
        .and_then(|d| Geography::get().region_of(d))
        .map(|r| r.name.to_string())
        .unwrap_or_else(|| UNKNOWN_PLACE.to_string())
}

/// Counts by label, kept in label order until sorted at the end.
#[derive(Default)]
struct Tally(BTreeMap<String, SupplyDemand>);

impl Tally {
    fn line(&mut self, label: &str) -> &mut SupplyDemand {
        self.0
            .entry(label.to_string())
            .or_insert_with(|| SupplyDemand {
                label: label.to_string(),
                demand: 0,
                demand_any: 0,
                places: 0,
                ambassadors: 0,
                placed: 0,
            })
    }

    fn sorted(self, key: impl Fn(&SupplyDemand) -> (u32, u32)) -> Vec<SupplyDemand> {
        let mut lines: Vec<SupplyDemand> = self.0.into_values().collect();
        // Largest first; equal ones in label order (the map's), as sort_by is stable.
        lines.sort_by_key(|l| std::cmp::Reverse(key(l)));
        lines
    }
}

/// The overview of an edition: its students, ambassadors and (explained) pairs. Demand is
/// counted from the students the rules retain; the others are only counted apart.
pub fn overview(
    students: &[Student],
    ambassadors: &[Ambassador],
    pairs: &[ExplainedPair],
    rules: &Rules,
) -> SeasonOverview {
    let taking_part: Vec<&Student> = students.iter().filter(|s| takes_part(s, rules)).collect();
    let (mut jobs, mut regions, mut administrations) =
        (Tally::default(), Tally::default(), Tally::default());
    let mut departements = Tally::default();
    let mut crossed: BTreeMap<(String, String), (u32, u32)> = BTreeMap::new();

    for s in &taking_part {
        let region = region_label(s.place.departement.as_deref());
        let line = regions.line(&region);
        line.demand += 1;
        line.demand_any += 1;
        if let Some(d) = s.place.departement.as_deref() {
            let line = departements.line(d);
            line.demand += 1;
            line.demand_any += 1;
        }
        let mut seen = Vec::new();
        for (rank, wish) in s.wished_jobs.iter().enumerate() {
            let label = job_label(wish);
            if seen.contains(&label) {
                continue;
            }
            let line = jobs.line(&label);
            line.demand_any += 1;
            if rank == 0 {
                line.demand += 1;
                crossed
                    .entry((label.clone(), region.clone()))
                    .or_default()
                    .0 += 1;
            }
            seen.push(label);
        }
        if let Some(wished) = s
            .wished_administration
            .as_deref()
            .filter(|w| !w.trim().is_empty())
        {
            let line = administrations.line(&administration_label(wished));
            line.demand += 1;
            line.demand_any += 1;
        }
    }

    let ambassador_by_id: BTreeMap<_, _> = ambassadors.iter().map(|a| (a.id, a)).collect();
    for a in ambassadors.iter().filter(|a| a.capacity > 0) {
        let region = region_label(a.place.departement.as_deref());
        let offer = |line: &mut SupplyDemand| {
            line.places += a.capacity;
            line.ambassadors += 1;
        };
        offer(regions.line(&region));
        if let Some(d) = a.place.departement.as_deref() {
            offer(departements.line(d));
        }
        if let Some(job) = a.job.as_deref().filter(|j| !j.trim().is_empty()) {
            let label = job_label(job);
            offer(jobs.line(&label));
            crossed.entry((label, region)).or_default().1 += a.capacity;
        }
        if let Some(admin) = a.administration.as_deref().filter(|x| !x.trim().is_empty()) {
            offer(administrations.line(&administration_label(admin)));
        }
    }

    let student_by_id: BTreeMap<_, _> = students.iter().map(|s| (s.id, s)).collect();
    let mut satisfaction = Satisfaction::default();
    for p in pairs {
        let Some(a) = ambassador_by_id.get(&p.pair.ambassador_id) else {
            continue;
        };
        satisfaction.placed += 1;
        regions
            .line(&region_label(a.place.departement.as_deref()))
            .placed += 1;
        if let Some(d) = a.place.departement.as_deref() {
            departements.line(d).placed += 1;
        }
        if let Some(job) = a.job.as_deref().filter(|j| !j.trim().is_empty()) {
            jobs.line(&job_label(job)).placed += 1;
        }
        if let Some(admin) = a.administration.as_deref().filter(|x| !x.trim().is_empty()) {
            administrations.line(&administration_label(admin)).placed += 1;
        }
        match p.wish_rank {
            Some(rank @ 1..=3) => satisfaction.wish[usize::from(rank) - 1] += 1,
            _ => satisfaction.other_job += 1,
        }
        let bucket = match p.distance_km {
            Some(0) => 0,
            Some(km) if km <= 50 => 1,
            Some(km) if km <= 100 => 2,
            Some(km) if km <= 300 => 3,
            Some(_) => 4,
            None => 5,
        };
        satisfaction.distance[bucket] += 1;
        let wished = student_by_id
            .get(&p.pair.student_id)
            .and_then(|s| s.wished_administration.as_deref())
            .filter(|w| !w.trim().is_empty());
        if let Some(wished) = wished {
            satisfaction.wished_administration += 1;
            if a.administration
                .as_deref()
                .is_some_and(|x| administration_label(x) == administration_label(wished))
            {
                satisfaction.got_administration += 1;
            }
        }
    }

    let mut gaps: Vec<Gap> = crossed
        .into_iter()
        .filter(|((_, region), (demand, places))| region != UNKNOWN_PLACE && demand > places)
        .map(|((job, region), (demand, places))| Gap {
            sentence: format!(
                "{job} {} : {demand} demande{}, {places} place{}",
                in_region(&region),
                if demand > 1 { "s" } else { "" },
                if places > 1 { "s" } else { "" }
            ),
            job,
            region,
            demand,
            places,
        })
        .collect();
    gaps.sort_by(|a, b| {
        (i64::from(b.demand) - i64::from(b.places))
            .cmp(&(i64::from(a.demand) - i64::from(a.places)))
            .then(b.demand.cmp(&a.demand))
    });

    SeasonOverview {
        students: taking_part.len() as u32,
        excluded: (students.len() - taking_part.len()) as u32,
        ambassadors: ambassadors.len() as u32,
        places: ambassadors.iter().map(|a| a.capacity).sum(),
        by_job: jobs.sorted(|l| (l.demand, l.demand_any)),
        by_region: regions.sorted(|l| (l.demand, l.places)),
        by_departement: departements.0.into_values().collect(),
        by_administration: administrations.sorted(|l| (l.demand, l.places)),
        gaps,
        satisfaction,
    }
}
