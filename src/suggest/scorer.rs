//! [`score::score`](super::score::score), compiled into tables: the profiles' texts (métiers,
//! administrations, communes, départements) become small numbers once, and everything that
//! depends on a pair of those numbers is computed once per suggestion — the points a
//! student's wishes give each métier on offer, the points of an administration for a wished
//! one, and, for each pair of départements, the geography points and whether the student's
//! mobility and the maximum distance allow the pair. A pair is then scored with four table
//! reads and a comparison, without branches that depend on the pair — what makes scoring every
//! pair of a 10,000 × 10,000 edition affordable. The level an ambassador would rather host is
//! one more read: a bit of the ambassador's mask of preferred levels, at the student's level,
//! times the weight. Each ambassador's classes sit side by side, so
//! a pair reads them at once; the tables a student's pairs read are looked up once per row.
//!
//! [`Scorer::score_row`] gives a student's allowed pairs at once, as the solver reads them:
//! each pair is written, then kept or not by moving on, without a branch (whether a pair is
//! allowed is not predictable on editions with a maximum distance); a student who stays in
//! their département or région is only compared with the ambassadors there; and the
//! ambassadors whose bit is on in a mask — forbidden pairs, no place left — are left out in the
//! same pass. Same points, same barriers as `score::score`, pair by pair (tested against it).

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::rules::Rules;
use super::score::{AmbassadorProfile, Barrier, Named, PlaceProfile, StudentProfile};
use crate::model::Mobility;
use crate::referentials::geography::Geography;
use crate::referentials::{Administration, Administrations, Job};

/// A métier or an administration: the referential's code when known, and the text's key.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct NameId {
    code: Option<u32>,
    key: u32,
}

impl NameId {
    /// As [`Named::same`]: the same code when both are known, else the same text.
    fn same(self, other: NameId) -> bool {
        match (self.code, other.code) {
            (Some(a), Some(b)) => a == b,
            _ => self.key == other.key,
        }
    }
}

/// Strings to numbers.
#[derive(Default)]
struct Interner {
    /// One map per kind of text (métier name, métier key, family, administration…), so that a
    /// look-up needs no owned key.
    ids: [HashMap<String, u32>; 5],
    next: u32,
}

impl Interner {
    fn id(&mut self, kind: u8, text: &str) -> u32 {
        let ids = &mut self.ids[kind as usize];
        if let Some(&id) = ids.get(text) {
            return id;
        }
        let id = self.next;
        self.next += 1;
        ids.insert(text.to_string(), id);
        id
    }

    fn name<T>(&mut self, kind: u8, named: &Named<T>, code: impl Fn(&T) -> &'static str) -> NameId {
        NameId {
            code: named.entry.map(|e| self.id(kind, code(e))),
            key: self.id(kind + 1, &named.key),
        }
    }
}

/// Values numbered from 0 in the order they are met; `None` is the last number.
struct Classes<T: Eq + std::hash::Hash + Clone> {
    index: HashMap<T, u16>,
    values: Vec<T>,
}

impl<T: Eq + std::hash::Hash + Clone> Classes<T> {
    fn new() -> Self {
        Classes {
            index: HashMap::default(),
            values: Vec::new(),
        }
    }

    fn of(&mut self, value: T) -> u16 {
        if let Some(&k) = self.index.get(&value) {
            return k;
        }
        let k = self.values.len() as u16;
        self.values.push(value.clone());
        self.index.insert(value, k);
        k
    }

    /// The class of "none" (after all the others, once they are all known).
    fn none(&self) -> u16 {
        self.values.len() as u16
    }
}

const NO_MUNICIPALITY: u32 = u32::MAX;
/// A student's commune when it is unknown: matches no ambassador's (not even an unknown one).
const NO_MATCH: u32 = u32::MAX - 1;
/// In [`Scorer::place_points`]: the pair is not allowed.
const NOT_ALLOWED: u32 = u32::MAX;

/// What a pair of départements decides: allowed for each mobility, and the geography points.
const ALLOWED: u8 = 0;

/// Scores pairs of one suggestion's students and ambassadors.
pub struct Scorer {
    // Students.
    student_departement: Vec<u16>,
    student_municipality: Vec<u32>,
    student_mobility: Vec<u8>,
    student_administration: Vec<u16>,
    /// The bit of the student's level in an ambassador's mask of preferred levels
    /// ([`NO_LEVEL`] when unknown: a bit no mask has).
    student_level: Vec<u8>,
    preferred_level: u32,
    /// Row `i`: the points of each ambassador métier class for student `i`.
    job_points: Vec<u32>,
    job_classes: usize,
    /// Each ambassador's classes, side by side: a pair reads one ambassador's at once.
    ambassadors: Vec<AmbassadorClasses>,
    /// Per (student administration class, ambassador administration class).
    administration_points: Vec<u32>,
    administration_classes: usize,
    /// Per pair of départements (the last one stands for "unknown"), row-major.
    departements: usize,
    /// Per mobility (département, région, anywhere) then pair of départements: the geography
    /// points, or NOT_ALLOWED — what scoring reads.
    place_points: Vec<u32>,
    /// The same shape: ALLOWED or a barrier code (why a pair is not allowed); and the distance
    /// when it is too far.
    rule: Vec<u8>,
    too_far_km: Vec<u32>,
    same_commune: u32,
    /// The ambassadors of each département class and of each région class, in order: the only
    /// ones a student who stays in their département or région can be paired with.
    by_departement: Vec<Vec<u32>>,
    by_region: Vec<Vec<u32>>,
    /// The région class of each département class (`u16::MAX`: unknown).
    departement_region: Vec<u16>,
}

/// An ambassador as scoring sees them: classes that index the tables.
#[derive(Clone, Copy)]
struct AmbassadorClasses {
    departement: u16,
    job: u16,
    administration: u16,
    /// One bit per level the ambassador would rather host (bit 3: Bac+3); 0: no preference.
    levels: u16,
    municipality: u32,
}

/// A student's level bit when the level is unknown: above every level a preference can name.
const NO_LEVEL: u8 = 15;

fn mobility_index(mobility: Mobility) -> u8 {
    match mobility {
        Mobility::Departement => 0,
        Mobility::Region => 1,
        Mobility::National | Mobility::Unspecified => 2,
    }
}

fn barrier_code(barrier: Barrier) -> u8 {
    barrier.kind() + 1
}

impl Scorer {
    pub fn new(
        students: &[StudentProfile],
        ambassadors: &[AmbassadorProfile],
        rules: &Rules,
    ) -> Scorer {
        let w = &rules.weights;
        let mut interner = Interner::default();
        let mut departements: Classes<Arc<str>> = Classes::new();
        let mut municipalities: HashMap<String, u32> = HashMap::default();
        let mut municipality = |place: &PlaceProfile| match place.municipality.as_deref() {
            Some(m) => {
                if let Some(&id) = municipalities.get(m) {
                    return id;
                }
                let id = municipalities.len() as u32;
                municipalities.insert(m.to_string(), id);
                id
            }
            None => NO_MUNICIPALITY,
        };
        let job = |interner: &mut Interner, job: &Named<Job>| {
            (
                interner.name(0, job, |j| j.code),
                job.entry.map(|e| interner.id(2, e.family)),
            )
        };
        let administration = |interner: &mut Interner, a: &Named<Administration>| {
            (interner.name(3, a, |x| x.code), a.entry.map(|e| e.code))
        };

        // Ambassadors first: their métier and administration classes index the tables. A text
        // the referential does not know only matches the same text on the other side, so one
        // that the other side never writes is no class of its own: the tables stay as small as
        // the referentials, however varied the files' free texts are.
        let wished_keys: HashSet<u32> = students
            .iter()
            .flat_map(|s| &s.wishes)
            .map(|w| interner.name(0, w, |j| j.code).key)
            .collect();
        let names = |interner: &mut Interner, x: Option<&Named<Administration>>| {
            x.map(|x| administration(interner, x))
        };
        let student_admin_keys: HashSet<u32> = students
            .iter()
            .filter_map(|s| names(&mut interner, s.administration.as_ref()))
            .map(|(id, _)| id.key)
            .collect();
        let offered_admin_keys: HashSet<u32> = ambassadors
            .iter()
            .filter_map(|a| names(&mut interner, a.administration.as_ref()))
            .map(|(id, _)| id.key)
            .collect();
        let mut job_classes: Classes<(NameId, Option<u32>)> = Classes::new();
        let mut administration_classes: Classes<(NameId, Option<&'static str>)> = Classes::new();
        let mut ambassador_departement = Vec::with_capacity(ambassadors.len());
        let mut ambassador_municipality = Vec::with_capacity(ambassadors.len());
        let mut pending_job = Vec::new();
        let mut pending_administration = Vec::new();
        for a in ambassadors {
            pending_job.push(
                a.job
                    .as_ref()
                    .map(|j| job(&mut interner, j))
                    .filter(|(id, family)| {
                        id.code.is_some() || family.is_some() || wished_keys.contains(&id.key)
                    })
                    .map(|j| job_classes.of(j)),
            );
            pending_administration.push(
                names(&mut interner, a.administration.as_ref())
                    .filter(|(id, _)| id.code.is_some() || student_admin_keys.contains(&id.key))
                    .map(|x| administration_classes.of(x)),
            );
            ambassador_departement.push(a.place.departement.clone());
            ambassador_municipality.push(municipality(&a.place));
        }
        // Students' administrations join the classes (a wished one nobody offers still scores
        // through the same ministry).
        let student_administrations: Vec<Option<u16>> = students
            .iter()
            .map(|s| {
                names(&mut interner, s.administration.as_ref())
                    .filter(|(id, _)| id.code.is_some() || offered_admin_keys.contains(&id.key))
                    .map(|x| administration_classes.of(x))
            })
            .collect();
        let no_job = job_classes.none();
        let no_administration = administration_classes.none();

        // The points of each métier class for each student.
        let job_count = job_classes.values.len() + 1;
        let mut job_points = vec![0u32; students.len() * job_count];
        let rank_points = [w.job_wish_1, w.job_wish_2, w.job_wish_3];
        for (i, s) in students.iter().enumerate() {
            let wishes: Vec<(NameId, Option<u32>)> =
                s.wishes.iter().map(|x| job(&mut interner, x)).collect();
            for (k, &(offered, family)) in job_classes.values.iter().enumerate() {
                let points = if let Some(rank) = wishes.iter().position(|(x, _)| x.same(offered)) {
                    rank_points.get(rank).copied().unwrap_or(0)
                } else if family.is_some() && wishes.iter().any(|&(_, f)| f == family) {
                    w.job_family
                } else {
                    0
                };
                job_points[i * job_count + k] = points;
            }
        }

        // Administration points, per class pair.
        let administrations = Administrations::get();
        let admin_count = administration_classes.values.len() + 1;
        let mut administration_points = vec![0u32; admin_count * admin_count];
        for (x, &(wished, wished_code)) in administration_classes.values.iter().enumerate() {
            for (y, &(actual, actual_code)) in administration_classes.values.iter().enumerate() {
                administration_points[x * admin_count + y] = if wished.same(actual) {
                    w.administration_wish
                } else if let (Some(a), Some(b)) = (wished_code, actual_code) {
                    if administrations.same_ministry(a, b) {
                        w.same_ministry
                    } else {
                        0
                    }
                } else {
                    0
                };
            }
        }

        // Départements: numbered, the last number for "unknown".
        let student_departement_codes: Vec<Option<Arc<str>>> = students
            .iter()
            .map(|s| s.place.departement.clone())
            .collect();
        for code in ambassador_departement
            .iter()
            .chain(&student_departement_codes)
            .flatten()
        {
            departements.of(code.clone());
        }
        let unknown = departements.none();
        let class_of = |code: &Option<Arc<str>>| {
            code.as_ref()
                .and_then(|c| departements.index.get(c).copied())
                .unwrap_or(unknown)
        };
        let ambassador_departement: Vec<u16> =
            ambassador_departement.iter().map(class_of).collect();
        let student_departement: Vec<u16> =
            student_departement_codes.iter().map(class_of).collect();
        let d = departements.values.len() + 1;
        let geography = Geography::get();
        let region: Vec<Option<&str>> = departements
            .values
            .iter()
            .map(|c| geography.region_of(c).map(|r| r.code))
            .chain(std::iter::once(None))
            .collect();
        let mut geography_points = vec![0u32; d * d];
        let mut rule = vec![ALLOWED; 3 * d * d];
        let mut place_points = vec![NOT_ALLOWED; 3 * d * d];
        let mut too_far_km = vec![0u32; d * d];
        for x in 0..d {
            for y in 0..d {
                let p = x * d + y;
                let known = x < d - 1 && y < d - 1;
                let same_departement = known && x == y;
                let km = if same_departement {
                    Some(0.0)
                } else if known {
                    geography.distance_km(&departements.values[x], &departements.values[y])
                } else {
                    None
                };
                let same_region = region[x].is_some() && region[x] == region[y];
                geography_points[p] = if same_departement {
                    w.same_departement
                } else if same_region {
                    w.same_region
                } else if let Some(km) = km {
                    w.nearby_points(km)
                } else {
                    0
                };
                let too_far = match (rules.max_distance_km, km) {
                    (Some(max), Some(km)) if km > f64::from(max) => Some(km.round() as u32),
                    _ => None,
                };
                too_far_km[p] = too_far.unwrap_or(0);
                let far = too_far.map(Barrier::TooFar);
                // As `score::assess`: mobility first, then the distance.
                let by_departement = if !known {
                    Some(Barrier::PlaceUnknown)
                } else if !same_departement {
                    Some(Barrier::OutsideDepartement)
                } else {
                    far
                };
                let by_region = match (region[x], region[y]) {
                    (Some(a), Some(b)) if a == b => far,
                    (Some(_), Some(_)) => Some(Barrier::OutsideRegion),
                    _ => Some(Barrier::PlaceUnknown),
                };
                for (m, barrier) in [by_departement, by_region, far].into_iter().enumerate() {
                    rule[m * d * d + p] = barrier.map_or(ALLOWED, barrier_code);
                    if barrier.is_none() {
                        place_points[m * d * d + p] = geography_points[p];
                    }
                }
            }
        }

        let mut region_classes: Classes<&str> = Classes::new();
        let departement_region: Vec<u16> = region
            .iter()
            .map(|r| r.map_or(u16::MAX, |r| region_classes.of(r)))
            .collect();
        let mut by_departement = vec![Vec::new(); d];
        let mut by_region = vec![Vec::new(); region_classes.values.len()];
        for (j, &x) in ambassador_departement.iter().enumerate() {
            by_departement[usize::from(x)].push(j as u32);
            if let Some(list) = by_region.get_mut(usize::from(departement_region[usize::from(x)])) {
                list.push(j as u32);
            }
        }

        let ambassadors = pending_job
            .into_iter()
            .zip(pending_administration)
            .zip(ambassador_departement.iter().zip(ambassador_municipality))
            .zip(ambassadors)
            .map(
                |(((job, administration), (&departement, municipality)), a)| AmbassadorClasses {
                    departement,
                    job: job.unwrap_or(no_job),
                    administration: administration.unwrap_or(no_administration),
                    levels: a.preferred_levels,
                    municipality,
                },
            )
            .collect();
        Scorer {
            student_departement,
            student_municipality: students
                .iter()
                .map(|s| match municipality(&s.place) {
                    NO_MUNICIPALITY => NO_MATCH,
                    m => m,
                })
                .collect(),
            student_mobility: students
                .iter()
                .map(|s| mobility_index(s.mobility))
                .collect(),
            student_administration: student_administrations
                .into_iter()
                .map(|a| a.unwrap_or(no_administration))
                .collect(),
            student_level: students
                .iter()
                .map(|s| s.level.unwrap_or(NO_LEVEL))
                .collect(),
            preferred_level: w.preferred_level,
            job_points,
            job_classes: job_count,
            ambassadors,
            administration_points,
            administration_classes: admin_count,
            departements: d,
            place_points,
            rule,
            too_far_km,
            same_commune: w.same_commune,
            by_departement,
            by_region,
            departement_region,
        }
    }

    /// Every ambassador student `i` may be paired with and the score, in ambassador order,
    /// appended to `out` — but those whose bit is on in `excluded` (one bit per ambassador,
    /// shorter when the last ones are all off: ambassadors without a place, forbidden pairs).
    /// The same as [`Scorer::score`] over the others, but a student who stays in their
    /// département or région is only compared with the ambassadors there.
    pub fn score_row(&self, i: usize, out: &mut Vec<(u32, u32)>, excluded: &[u64]) {
        let departement = usize::from(self.student_departement[i]);
        let row = self.row_tables(i);
        match self.student_mobility[i] {
            0 if departement + 1 < self.departements => row.score_each(
                self.by_departement[departement].iter().copied(),
                &self.ambassadors,
                excluded,
                out,
            ),
            1 => {
                let region = self.departement_region[departement];
                // Région unknown: no pair possible.
                if let Some(list) = self.by_region.get(usize::from(region)) {
                    row.score_each(list.iter().copied(), &self.ambassadors, excluded, out);
                }
            }
            0 => {} // département unknown: no pair possible
            _ => row.score_each(
                0..self.ambassadors.len() as u32,
                &self.ambassadors,
                excluded,
                out,
            ),
        }
    }

    /// The slices of the tables that student `i`'s pairs read, looked up once per row.
    fn row_tables(&self, i: usize) -> RowTables<'_> {
        let d = self.departements;
        let from = usize::from(self.student_departement[i]) * d;
        let m = usize::from(self.student_mobility[i]);
        let a = usize::from(self.student_administration[i]) * self.administration_classes;
        RowTables {
            place: &self.place_points[m * d * d + from..m * d * d + from + d],
            job: &self.job_points[i * self.job_classes..(i + 1) * self.job_classes],
            administration: &self.administration_points[a..a + self.administration_classes],
            municipality: self.student_municipality[i],
            same_commune: self.same_commune,
            level: self.student_level[i],
            preferred_level: self.preferred_level,
        }
    }

    /// The score of student `i` with ambassador `j` (an available one), or why not.
    #[inline]
    pub fn score(&self, i: usize, j: usize) -> Result<u32, Barrier> {
        self.allowed_score(i, j).ok_or_else(|| {
            let d = self.departements;
            let p = usize::from(self.student_departement[i]) * d
                + usize::from(self.ambassadors[j].departement);
            let m = usize::from(self.student_mobility[i]);
            self.barrier(self.rule[m * d * d + p], p)
        })
    }

    /// [`Scorer::score`] without the reason when the pair is not allowed (what the solver
    /// needs, many millions of times).
    #[inline(always)]
    pub fn allowed_score(&self, i: usize, j: usize) -> Option<u32> {
        self.score_in(&self.row_tables(i), j)
    }

    /// Ambassador `j`'s score in a student's table rows.
    #[inline(always)]
    fn score_in(&self, row: &RowTables, j: usize) -> Option<u32> {
        row.score(&self.ambassadors[j])
    }

    #[cold]
    fn barrier(&self, rule: u8, p: usize) -> Barrier {
        match rule - 1 {
            0 => Barrier::OutsideDepartement,
            1 => Barrier::OutsideRegion,
            2 => Barrier::TooFar(self.too_far_km[p]),
            3 => Barrier::PlaceUnknown,
            4 => Barrier::Unavailable,
            _ => Barrier::Forbidden,
        }
    }
}

/// One student's rows of the scorer's tables (see [`Scorer::row_tables`]).
struct RowTables<'a> {
    /// By ambassador département: the geography points, or NOT_ALLOWED.
    place: &'a [u32],
    job: &'a [u32],
    administration: &'a [u32],
    /// The student's commune (NO_MATCH when unknown).
    municipality: u32,
    same_commune: u32,
    /// The student's bit in the ambassadors' masks of preferred levels, and its points.
    level: u8,
    preferred_level: u32,
}

impl RowTables<'_> {
    /// A pair's points, whether allowed or not (then meaningless): the one formula behind
    /// [`Scorer::allowed_score`] and [`Scorer::score_row`], without a branch.
    #[inline(always)]
    fn points(&self, a: &AmbassadorClasses) -> (u32, bool) {
        let place = self.place[usize::from(a.departement)];
        let geography = if self.municipality == a.municipality {
            self.same_commune
        } else {
            place
        };
        let level = u32::from(a.levels >> self.level & 1) * self.preferred_level;
        let points = self.job[usize::from(a.job)]
            .wrapping_add(self.administration[usize::from(a.administration)])
            .wrapping_add(geography)
            .wrapping_add(level);
        (points, place != NOT_ALLOWED)
    }

    /// A pair's score, or `None` when the rules rule it out.
    #[inline(always)]
    fn score(&self, a: &AmbassadorClasses) -> Option<u32> {
        let (points, allowed) = self.points(a);
        allowed.then_some(points)
    }

    /// The allowed pairs with `columns`, not `excluded`, appended to `out`. Each pair is
    /// written and kept or not by moving on, without a branch: whether a pair is allowed is
    /// not predictable on editions with a maximum distance.
    #[inline(always)]
    fn score_each(
        &self,
        columns: impl IntoIterator<Item = u32, IntoIter: ExactSizeIterator>,
        ambassadors: &[AmbassadorClasses],
        excluded: &[u64],
        out: &mut Vec<(u32, u32)>,
    ) {
        let columns = columns.into_iter();
        let start = out.len();
        out.resize(start + columns.len(), (0, 0));
        let slots = &mut out[start..];
        let mut kept = 0;
        for j in columns {
            let (points, allowed) = self.points(&ambassadors[j as usize]);
            let word = excluded.get(j as usize / 64).copied().unwrap_or(0);
            let keep = allowed & (word >> (j % 64) & 1 == 0);
            if let Some(slot) = slots.get_mut(kept) {
                *slot = (j, points);
            }
            kept += usize::from(keep);
        }
        out.truncate(start + kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::score;

    #[test]
    fn same_points_and_barriers_as_the_readable_scoring() {
        let people = crate::demo::generate_people(
            5,
            crate::demo::DemoSize {
                students: 240,
                ambassadors: 160,
            },
        );
        // Free texts no referential knows, shared by both sides or not.
        let mut people = people;
        for (k, s) in people.students.iter_mut().enumerate() {
            if k % 5 == 0 && !s.wished_jobs.is_empty() {
                s.wished_jobs[0] = "Métier inventé".into();
            }
            if k % 11 == 0 {
                s.wished_administration = Some("bureau imaginaire".into());
            }
            if k % 13 == 0 {
                s.wished_administration = Some(format!("Service seul n°{k}"));
            }
        }
        for (k, a) in people.ambassadors.iter_mut().enumerate() {
            if k % 7 == 0 {
                a.job = Some("métier  INVENTÉ".into());
            }
            if k % 8 == 0 {
                a.job = Some(format!("Autre métier n°{k}"));
            }
            if k % 9 == 0 {
                a.administration = Some("Bureau imaginaire".into());
            }
        }
        let students: Vec<StudentProfile> =
            people.students.iter().map(StudentProfile::of).collect();
        let ambassadors: Vec<AmbassadorProfile> = people
            .ambassadors
            .iter()
            .map(AmbassadorProfile::of)
            .collect();
        let mut compared = 0;
        for max_distance_km in [None, Some(150)] {
            let rules = Rules {
                max_distance_km,
                ..Rules::default()
            };
            let scorer = Scorer::new(&students, &ambassadors, &rules);
            let mut row = Vec::new();
            for i in 0..students.len() {
                // With nobody excluded, and with every third ambassador excluded.
                for step in [usize::MAX, 3] {
                    let excluded = |j: usize| j % step == step - 1;
                    let mut bits = vec![0u64; ambassadors.len().div_ceil(64)];
                    for j in (0..ambassadors.len()).filter(|&j| excluded(j)) {
                        bits[j / 64] |= 1 << (j % 64);
                    }
                    row.clear();
                    scorer.score_row(i, &mut row, &bits);
                    let expected: Vec<(u32, u32)> = (0..ambassadors.len())
                        .filter(|&j| !excluded(j))
                        .filter_map(|j| scorer.score(i, j).ok().map(|s| (j as u32, s)))
                        .collect();
                    assert_eq!(row, expected, "student {i}: the pairs of the row");
                }
            }
            for (i, s) in students.iter().enumerate() {
                for (j, a) in ambassadors.iter().enumerate() {
                    if a.capacity == 0 {
                        continue;
                    }
                    assert_eq!(
                        scorer.score(i, j),
                        score::score(s, a, &rules),
                        "student {i}, ambassador {j}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 60_000);
        // The invented métier shared by both sides (written differently) counts as a wish.
        let rules = Rules::default();
        let scorer = Scorer::new(&students, &ambassadors, &rules);
        let invented = |j: usize| {
            ambassadors[j]
                .job
                .as_ref()
                .is_some_and(|x| &*x.label == "métier  INVENTÉ")
        };
        let shared = (0..students.len())
            .flat_map(|i| (0..ambassadors.len()).map(move |j| (i, j)))
            .filter(|&(i, j)| {
                invented(j)
                    && students[i]
                        .wishes
                        .first()
                        .is_some_and(|w| &*w.label == "Métier inventé")
            })
            .filter(|&(i, j)| {
                score::evaluate(&students[i], &ambassadors[j], &rules)
                    .is_ok_and(|e| e.wish_rank == Some(1))
            })
            .inspect(|&(i, j)| assert!(scorer.score(i, j).is_ok()))
            .count();
        assert!(
            shared > 0,
            "an invented métier matched across the two files"
        );
    }
}
