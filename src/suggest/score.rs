//! How good a student–ambassador pair is, and whether it is allowed at all — with the reasons,
//! in French, that the organiser (and the person concerned) can read.

use std::sync::Arc;

use serde::Serialize;

use super::rules::Rules;
use crate::model::{Ambassador, Mobility, Student};
use crate::referentials::geography::Geography;
use crate::referentials::{Administration, Administrations, Job, Jobs};

/// A métier or administration as written, with the comparison key and the referential entry.
#[derive(Debug, Clone)]
pub struct Named<T: 'static> {
    /// Shared, not copied: every profile of the same text points to the same one (profiles
    /// are built for every person at each suggestion).
    pub label: Arc<str>,
    pub key: Arc<str>,
    pub entry: Option<&'static T>,
}

impl<T> Named<T> {
    /// The same entry (by code), or the same text when either is unknown to the referential.
    pub fn same(&self, other: &Named<T>, code: impl Fn(&T) -> &'static str) -> bool {
        match (self.entry, other.entry) {
            (Some(a), Some(b)) => code(a) == code(b),
            _ => self.key == other.key,
        }
    }
}

/// What is needed of a student to score pairs, computed once.
#[derive(Debug, Clone)]
pub struct StudentProfile {
    /// Wished métiers by rank.
    pub wishes: Vec<Named<Job>>,
    pub administration: Option<Named<Administration>>,
    pub place: PlaceProfile,
    pub mobility: Mobility,
    /// Years after the baccalauréat ("Bac+3" → 3), when the level says so.
    pub level: Option<u8>,
}

/// What is needed of an ambassador to score pairs.
#[derive(Debug, Clone)]
pub struct AmbassadorProfile {
    pub job: Option<Named<Job>>,
    pub administration: Option<Named<Administration>>,
    pub place: PlaceProfile,
    pub capacity: u32,
    /// The levels the ambassador would rather host, one bit per year after the baccalauréat
    /// (bit 3: Bac+3); 0: no preference.
    pub preferred_levels: u16,
}

/// The highest year after the baccalauréat a preference can name (a bit of a `u16`).
pub const MAX_LEVEL_YEARS: u8 = 14;

/// "Bac+3" → 3, when the level is one of those a preference can name.
pub fn level_years(level: &str) -> Option<u8> {
    crate::model::level_years(level).filter(|n| *n <= MAX_LEVEL_YEARS)
}

#[derive(Debug, Clone, Default)]
pub struct PlaceProfile {
    pub commune: Option<Arc<str>>,
    /// INSEE code of the municipality (Paris for Paris 15e).
    pub municipality: Option<Arc<str>>,
    pub departement: Option<Arc<str>>,
    pub region: Option<Arc<str>>,
}

/// Recognising a text in a referential is string work, and the same few métiers, administrations
/// and communes come back in every row: each thread remembers what it recognised (the
/// referentials are compiled in and never change, so the answer cannot go stale).
fn remembered<K, Q, V>(
    cache: &'static std::thread::LocalKey<Seen<K, V>>,
    key: &Q,
    owned: impl FnOnce() -> K,
    compute: impl FnOnce() -> V,
) -> V
where
    K: std::hash::Hash + Eq + std::borrow::Borrow<Q>,
    Q: std::hash::Hash + Eq + ?Sized,
    V: Clone,
{
    if let Some(v) = cache.with(|c| c.borrow().get(key).cloned()) {
        return v;
    }
    let v = compute();
    cache.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 50_000 {
            c.clear(); // bounded: a long-running app sees many editions
        }
        c.insert(owned(), v.clone());
    });
    v
}

type Seen<K, V> = std::cell::RefCell<rustc_hash::FxHashMap<K, V>>;

thread_local! {
    static JOBS_SEEN: Seen<String, Named<Job>> = Default::default();
    static ADMINISTRATIONS_SEEN: Seen<String, Named<Administration>> = Default::default();
    /// By (INSEE code, département) as written.
    static PLACES_SEEN: Seen<String, PlaceProfile> = Default::default();
    /// The key of [`PLACES_SEEN`] being looked up, written here rather than allocated each time.
    static PLACE_KEY: std::cell::RefCell<String> = Default::default();
}

fn job_of(label: &str) -> Named<Job> {
    remembered(
        &JOBS_SEEN,
        label,
        || label.to_string(),
        || Named {
            label: label.into(),
            key: crate::referentials::label_key(label).into(),
            entry: Jobs::get().recognize(label).job,
        },
    )
}

fn administration_of(label: &str) -> Named<Administration> {
    remembered(
        &ADMINISTRATIONS_SEEN,
        label,
        || label.to_string(),
        || Named {
            label: label.into(),
            key: crate::referentials::label_key(label).into(),
            entry: Administrations::get().recognize(label).administration,
        },
    )
}

fn place_of(place: &crate::model::Place) -> PlaceProfile {
    let mut profile = PLACE_KEY.with(|key| {
        // (INSEE code, département) as written, each marked present or not.
        let mut key = key.borrow_mut();
        key.clear();
        for part in [&place.insee_code, &place.departement] {
            match part {
                Some(text) => {
                    key.push('\u{1}');
                    key.push_str(text);
                }
                None => key.push('\u{0}'),
            }
        }
        remembered(
            &PLACES_SEEN,
            key.as_str(),
            || key.clone(),
            || place_of_codes(place),
        )
    });
    profile.commune = place.commune.as_deref().map(Arc::from);
    profile
}

/// What the codes of a place say (the commune's name is the person's own writing).
fn place_of_codes(place: &crate::model::Place) -> PlaceProfile {
    let geography = Geography::get();
    let commune = place
        .insee_code
        .as_deref()
        .and_then(|c| geography.commune(c));
    let departement: Option<Arc<str>> = place
        .departement
        .as_deref()
        .or_else(|| commune.map(|c| c.departement))
        .map(Arc::from);
    let region = departement
        .as_deref()
        .and_then(|d| geography.region_of(d))
        .map(|r| Arc::from(r.code));
    PlaceProfile {
        commune: place.commune.as_deref().map(Arc::from),
        municipality: commune.map(|c| Arc::from(c.municipality_code())),
        departement,
        region,
    }
}

impl StudentProfile {
    pub fn of(student: &Student) -> StudentProfile {
        StudentProfile {
            wishes: student.wished_jobs.iter().map(|j| job_of(j)).collect(),
            administration: student
                .wished_administration
                .as_deref()
                .map(administration_of),
            place: place_of(&student.place),
            mobility: student.mobility,
            level: student.level.as_deref().and_then(level_years),
        }
    }
}

impl AmbassadorProfile {
    pub fn of(ambassador: &Ambassador) -> AmbassadorProfile {
        AmbassadorProfile {
            job: ambassador.job.as_deref().map(job_of),
            administration: ambassador.administration.as_deref().map(administration_of),
            place: place_of(&ambassador.place),
            capacity: ambassador.capacity,
            preferred_levels: ambassador
                .preferred_levels
                .iter()
                .filter_map(|l| level_years(l))
                .fold(0, |mask, years| mask | 1 << years),
        }
    }
}

/// One criterion's contribution to a pair's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ScorePart {
    pub points: u32,
    /// In French: "métier souhaité n°1 : Data scientist".
    pub reason: String,
}

/// A pair's score and its breakdown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub score: u32,
    pub parts: Vec<ScorePart>,
    /// Which of the student's métier wishes the ambassador's métier is (1 = first wish).
    pub wish_rank: Option<u8>,
    /// Distance between their départements (0 in the same one), when both are known.
    pub distance_km: Option<u32>,
}

/// Why a pair is not allowed. Cheap to produce (most pairs are excluded when students stay
/// in their département); [`Barrier::describe`] words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Barrier {
    /// The student only goes within their département.
    OutsideDepartement,
    /// The student only goes within their région.
    OutsideRegion,
    /// Farther than the organiser's maximum distance (km).
    TooFar(u32),
    /// The place of one of them is unknown while the student's mobility needs it.
    PlaceUnknown,
    /// The ambassador hosts nobody this edition (capacity 0).
    Unavailable,
    /// The organiser ruled this pair out.
    Forbidden,
}

impl Barrier {
    /// The kind of barrier, whatever its details (for counting them).
    pub fn kind(self) -> u8 {
        match self {
            Barrier::OutsideDepartement => 0,
            Barrier::OutsideRegion => 1,
            Barrier::TooFar(_) => 2,
            Barrier::PlaceUnknown => 3,
            Barrier::Unavailable => 4,
            Barrier::Forbidden => 5,
        }
    }

    /// In French, about this student.
    pub fn describe(self, student: &StudentProfile, rules: &Rules) -> String {
        match self {
            Barrier::OutsideDepartement => format!(
                "l'étudiant ne souhaite pas quitter son département, {}",
                student
                    .place
                    .departement
                    .as_deref()
                    .map(departement_label)
                    .unwrap_or_default()
            ),
            Barrier::OutsideRegion => format!(
                "l'étudiant ne souhaite pas quitter sa région, {}",
                student
                    .place
                    .region
                    .as_deref()
                    .map(region_label)
                    .unwrap_or_default()
            ),
            Barrier::TooFar(km) => format!(
                "{km} km, au-delà des {} km fixés",
                rules.max_distance_km.unwrap_or_default()
            ),
            Barrier::PlaceUnknown => {
                "lieu inconnu : impossible de vérifier la mobilité de l'étudiant".into()
            }
            Barrier::Unavailable => {
                "l'ambassadeur n'accueille personne cette année (capacité 0)".into()
            }
            Barrier::Forbidden => "paire écartée par l'organisateur".into(),
        }
    }
}

fn departement_label(code: &str) -> String {
    match Geography::get().departement(code) {
        Some(d) => format!("{} ({})", d.name, d.code),
        None => code.to_string(),
    }
}

fn region_label(code: &str) -> String {
    Geography::get()
        .region(code)
        .map(|r| r.name.to_string())
        .unwrap_or_else(|| code.to_string())
}

/// The score of an allowed pair, or why it is not allowed (forbidden pairs aside). Fast: no
/// text is built. Same points as [`evaluate`].
pub fn score(
    student: &StudentProfile,
    ambassador: &AmbassadorProfile,
    rules: &Rules,
) -> Result<u32, Barrier> {
    assess(student, ambassador, rules, None)
}

/// What [`evaluate`] collects besides the score.
#[derive(Default)]
struct Details {
    parts: Vec<ScorePart>,
    wish_rank: Option<u8>,
    distance_km: Option<u32>,
}

/// The score of an allowed pair with its breakdown in French, or why it is not allowed.
pub fn evaluate(
    student: &StudentProfile,
    ambassador: &AmbassadorProfile,
    rules: &Rules,
) -> Result<Evaluation, Barrier> {
    let mut details = Details::default();
    let score = assess(student, ambassador, rules, Some(&mut details))?;
    Ok(Evaluation {
        score,
        parts: details.parts,
        wish_rank: details.wish_rank,
        distance_km: details.distance_km,
    })
}

fn assess(
    student: &StudentProfile,
    ambassador: &AmbassadorProfile,
    rules: &Rules,
    mut explain: Option<&mut Details>,
) -> Result<u32, Barrier> {
    if ambassador.capacity == 0 {
        return Err(Barrier::Unavailable);
    }
    let (s, a) = (&student.place, &ambassador.place);
    match student.mobility {
        Mobility::Departement => match (&s.departement, &a.departement) {
            (Some(x), Some(y)) if x == y => {}
            (Some(_), Some(_)) => return Err(Barrier::OutsideDepartement),
            _ => return Err(Barrier::PlaceUnknown),
        },
        Mobility::Region => match (&s.region, &a.region) {
            (Some(x), Some(y)) if x == y => {}
            (Some(_), Some(_)) => return Err(Barrier::OutsideRegion),
            _ => return Err(Barrier::PlaceUnknown),
        },
        Mobility::National | Mobility::Unspecified => {}
    }
    let same_departement = s.departement.is_some() && s.departement == a.departement;
    let distance = match (&s.departement, &a.departement) {
        _ if same_departement => Some(0.0),
        (Some(x), Some(y)) => Geography::get().distance_km(x, y),
        _ => None,
    };
    if let (Some(max), Some(km)) = (rules.max_distance_km, distance) {
        if km > f64::from(max) {
            return Err(Barrier::TooFar(km.round() as u32));
        }
    }

    if let Some(details) = explain.as_deref_mut() {
        details.distance_km = distance.map(|km| km.round() as u32);
        details.wish_rank = ambassador.job.as_ref().and_then(|job| {
            let rank = student
                .wishes
                .iter()
                .position(|w| w.same(job, |j| j.code))?;
            u8::try_from(rank + 1).ok()
        });
    }
    let w = &rules.weights;
    let mut total = 0;
    let mut add = |points: u32, reason: &dyn Fn() -> String| {
        if points > 0 {
            total += points;
            if let Some(details) = explain.as_deref_mut() {
                details.parts.push(ScorePart {
                    points,
                    reason: reason(),
                });
            }
        }
    };
    // Métier: the best-ranked wish it is; else a wish of the same family.
    if let Some(job) = &ambassador.job {
        let rank_points = [w.job_wish_1, w.job_wish_2, w.job_wish_3];
        let exact = student
            .wishes
            .iter()
            .position(|wish| wish.same(job, |j| j.code));
        if let Some(rank) = exact {
            add(rank_points.get(rank).copied().unwrap_or(0), &|| {
                format!("métier souhaité n°{} : {}", rank + 1, job.label)
            });
        } else if let Some(entry) = job.entry {
            let family = student
                .wishes
                .iter()
                .position(|wish| wish.entry.is_some_and(|x| x.family == entry.family));
            if let Some(rank) = family {
                add(w.job_family, &|| {
                    format!(
                        "métier de la même famille ({}) que le souhait n°{}",
                        entry.family,
                        rank + 1
                    )
                });
            }
        }
    }
    // Geography: the closest relation that holds.
    if s.municipality.is_some() && s.municipality == a.municipality {
        add(w.same_commune, &|| {
            format!("même commune ({})", a.commune.as_deref().unwrap_or(""))
        });
    } else if same_departement {
        add(w.same_departement, &|| {
            format!(
                "même département, {}",
                departement_label(a.departement.as_deref().unwrap_or(""))
            )
        });
    } else if s.region.is_some() && s.region == a.region {
        add(w.same_region, &|| {
            let km = distance
                .map(|d| format!(", {} km", d.round()))
                .unwrap_or_default();
            format!(
                "même région ({}){km}",
                region_label(s.region.as_deref().unwrap_or(""))
            )
        });
    } else if let Some(km) = distance {
        let points = w.nearby_points(km);
        add(points, &|| format!("à {} km", km.round()));
    }
    // Administration wished.
    if let (Some(wished), Some(actual)) = (&student.administration, &ambassador.administration) {
        if wished.same(actual, |x| x.code) {
            add(w.administration_wish, &|| {
                format!("administration souhaitée : {}", actual.label)
            });
        } else if let (Some(x), Some(y)) = (wished.entry, actual.entry) {
            if Administrations::get().same_ministry(x.code, y.code) {
                add(w.same_ministry, &|| {
                    format!(
                        "même ministère que l'administration souhaitée ({})",
                        x.label
                    )
                });
            }
        }
    }
    // A level the ambassador said they would rather host.
    if let Some(years) = student.level {
        if ambassador.preferred_levels >> years & 1 == 1 {
            add(w.preferred_level, &|| {
                format!("niveau d'études préféré par l'ambassadeur : Bac+{years}")
            });
        }
    }
    Ok(total)
}
