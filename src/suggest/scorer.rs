//! [`score::score`](super::score::score), compiled into tables: the profiles' texts (métiers,
//! administrations, communes, départements) become small numbers once, and everything that
//! depends on a pair of those numbers is computed once per suggestion — the points a
//! student's wishes give each métier on offer, the points of an administration for a wished
//! one, and, for each pair of départements, the geography points and whether the student's
//! mobility and the maximum distance allow the pair. A pair is then scored with four table
//! reads and a comparison, without branches that depend on the pair — what makes scoring every
//! pair of a 10,000 × 10,000 edition affordable. Same points, same barriers as `score::score`
//! (tested against it).

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

/// What a pair of départements decides: allowed for each mobility, and the geography points.
const ALLOWED: u8 = 0;

/// Scores pairs of one suggestion's students and ambassadors.
pub struct Scorer {
    // Students.
    student_departement: Vec<u16>,
    student_municipality: Vec<u32>,
    student_mobility: Vec<u8>,
    student_administration: Vec<u16>,
    /// Row `i`: the points of each ambassador métier class for student `i`.
    job_points: Vec<u32>,
    job_classes: usize,
    // Ambassadors.
    ambassador_departement: Vec<u16>,
    ambassador_municipality: Vec<u32>,
    ambassador_job: Vec<u16>,
    ambassador_administration: Vec<u16>,
    /// Per (student administration class, ambassador administration class).
    administration_points: Vec<u32>,
    administration_classes: usize,
    /// Per pair of départements (the last one stands for "unknown"), row-major.
    departements: usize,
    geography_points: Vec<u32>,
    /// Per mobility (département, région, anywhere) then pair of départements: ALLOWED or a
    /// barrier code; and the distance when it is too far.
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
        let mut ambassador_job = Vec::with_capacity(ambassadors.len());
        let mut ambassador_administration = Vec::with_capacity(ambassadors.len());
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
        for (j, a) in pending_job.into_iter().zip(pending_administration) {
            ambassador_job.push(j.unwrap_or(no_job));
            ambassador_administration.push(a.unwrap_or(no_administration));
        }

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
                    (f64::from(w.nearby) * (1.0 - km / 800.0)).max(0.0).round() as u32
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

        Scorer {
            student_departement,
            student_municipality: students.iter().map(|s| municipality(&s.place)).collect(),
            student_mobility: students
                .iter()
                .map(|s| mobility_index(s.mobility))
                .collect(),
            student_administration: student_administrations
                .into_iter()
                .map(|a| a.unwrap_or(no_administration))
                .collect(),
            job_points,
            job_classes: job_count,
            ambassador_departement,
            ambassador_municipality,
            ambassador_job,
            ambassador_administration,
            administration_points,
            administration_classes: admin_count,
            departements: d,
            geography_points,
            rule,
            too_far_km,
            same_commune: w.same_commune,
            by_departement,
            by_region,
            departement_region,
        }
    }

    /// Every ambassador student `i` may be paired with and the score, in ambassador order:
    /// the same as [`Scorer::score`] over all ambassadors, but a student who stays in their
    /// département or région is only compared with the ambassadors there.
    pub fn score_row(&self, i: usize, out: &mut Vec<(u32, u32)>) {
        let departement = usize::from(self.student_departement[i]);
        let reachable: &[u32] = match self.student_mobility[i] {
            0 if departement + 1 < self.departements => &self.by_departement[departement],
            1 => {
                let region = self.departement_region[departement];
                match self.by_region.get(usize::from(region)) {
                    Some(list) => list,
                    None => return, // région unknown: no pair possible
                }
            }
            0 => return, // département unknown: no pair possible
            _ => {
                let row = self.row_tables(i);
                out.reserve(self.ambassador_departement.len());
                let ambassadors = self
                    .ambassador_departement
                    .iter()
                    .zip(&self.ambassador_job)
                    .zip(&self.ambassador_administration)
                    .zip(&self.ambassador_municipality);
                for (j, (((&d, &job), &administration), &municipality)) in ambassadors.enumerate() {
                    if let Some(s) = row.score(d, job, administration, municipality) {
                        out.push((j as u32, s));
                    }
                }
                return;
            }
        };
        let row = self.row_tables(i);
        out.reserve(reachable.len());
        for &j in reachable {
            if let Some(s) = self.score_in(&row, j as usize) {
                out.push((j, s));
            }
        }
    }

    /// The slices of the tables that student `i`'s pairs read, looked up once per row.
    fn row_tables(&self, i: usize) -> RowTables<'_> {
        let d = self.departements;
        let from = usize::from(self.student_departement[i]) * d;
        let m = usize::from(self.student_mobility[i]);
        let a = usize::from(self.student_administration[i]) * self.administration_classes;
        RowTables {
            rule: &self.rule[m * d * d + from..m * d * d + from + d],
            geography: &self.geography_points[from..from + d],
            job: &self.job_points[i * self.job_classes..(i + 1) * self.job_classes],
            administration: &self.administration_points[a..a + self.administration_classes],
            municipality: self.student_municipality[i],
            same_commune: self.same_commune,
        }
    }

    /// The score of student `i` with ambassador `j` (an available one), or why not.
    #[inline]
    pub fn score(&self, i: usize, j: usize) -> Result<u32, Barrier> {
        self.allowed_score(i, j).ok_or_else(|| {
            let d = self.departements;
            let p = usize::from(self.student_departement[i]) * d
                + usize::from(self.ambassador_departement[j]);
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
        row.score(
            self.ambassador_departement[j],
            self.ambassador_job[j],
            self.ambassador_administration[j],
            self.ambassador_municipality[j],
        )
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
    /// By ambassador département: ALLOWED or a barrier code.
    rule: &'a [u8],
    geography: &'a [u32],
    job: &'a [u32],
    administration: &'a [u32],
    municipality: u32,
    same_commune: u32,
}

impl RowTables<'_> {
    /// A pair's score from the ambassador's classes, or `None` when the rules rule it out: the
    /// one formula behind [`Scorer::allowed_score`] and [`Scorer::score_row`].
    #[inline(always)]
    fn score(
        &self,
        departement: u16,
        job: u16,
        administration: u16,
        municipality: u32,
    ) -> Option<u32> {
        let d = usize::from(departement);
        if self.rule[d] != ALLOWED {
            return None;
        }
        let geography = if self.municipality != NO_MUNICIPALITY && self.municipality == municipality
        {
            self.same_commune
        } else {
            self.geography[d]
        };
        Some(
            self.job[usize::from(job)]
                + self.administration[usize::from(administration)]
                + geography,
        )
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
                row.clear();
                scorer.score_row(i, &mut row);
                let expected: Vec<(u32, u32)> = (0..ambassadors.len())
                    .filter_map(|j| scorer.score(i, j).ok().map(|s| (j as u32, s)))
                    .collect();
                assert_eq!(row, expected, "student {i}: the pairs of the row");
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
