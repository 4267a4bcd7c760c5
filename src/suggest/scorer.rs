//! [`score::score`](super::score::score), compiled: the profiles' texts (métiers,
//! administrations, communes, départements, régions) are replaced by small numbers once, and
//! the tables that depend only on two départements or two administrations (distance, points for
//! being nearby, same ministry) are computed once per suggestion. A pair is then scored with a
//! few integer comparisons — what makes scoring every pair of a 10,000 × 10,000 edition
//! affordable. Same points, same barriers as `score::score` (tested against it).

use std::collections::HashMap;

use super::rules::Rules;
use super::score::{AmbassadorProfile, Barrier, Named, PlaceProfile, StudentProfile};
use crate::model::Mobility;
use crate::referentials::geography::Geography;
use crate::referentials::Administrations;

/// A métier or an administration: the referential's code when known, and the text's key.
#[derive(Clone, Copy)]
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

#[derive(Clone, Copy, Default)]
struct PlaceId {
    municipality: Option<u32>,
    departement: Option<u16>,
    region: Option<u32>,
}

struct StudentKey {
    /// Wished métiers by rank, with the referential family when known.
    wishes: Vec<(NameId, Option<u32>)>,
    administration: Option<NameId>,
    place: PlaceId,
    mobility: Mobility,
}

#[derive(Clone, Copy)]
struct AmbassadorKey {
    job: Option<(NameId, Option<u32>)>,
    administration: Option<NameId>,
    place: PlaceId,
}

/// Strings to numbers, each kind in its own table.
#[derive(Default)]
struct Interner {
    ids: HashMap<(u8, String), u32>,
    departements: Vec<String>,
    departement_ids: HashMap<String, u16>,
    administration_codes: Vec<&'static str>,
    administration_ids: HashMap<&'static str, u32>,
}

impl Interner {
    fn id(&mut self, kind: u8, text: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry((kind, text.to_string())).or_insert(next)
    }

    fn job(&mut self, job: &Named<crate::referentials::Job>) -> (NameId, Option<u32>) {
        let id = NameId {
            code: job.entry.map(|e| self.id(0, e.code)),
            key: self.id(1, &job.key),
        };
        (id, job.entry.map(|e| self.id(2, e.family)))
    }

    fn administration(&mut self, a: &Named<crate::referentials::Administration>) -> NameId {
        // Administration codes are numbered from 0 (they index the same-ministry table).
        let code = a.entry.map(|e| {
            let next = self.administration_ids.len() as u32;
            *self.administration_ids.entry(e.code).or_insert_with(|| {
                self.administration_codes.push(e.code);
                next
            })
        });
        NameId {
            code,
            key: self.id(4, &a.key),
        }
    }

    fn place(&mut self, place: &PlaceProfile) -> PlaceId {
        PlaceId {
            municipality: place.municipality.as_deref().map(|m| self.id(5, m)),
            departement: place.departement.as_deref().map(|d| self.departement(d)),
            region: place.region.as_deref().map(|r| self.id(7, r)),
        }
    }

    /// Départements are numbered from 0 in the order they are met (they index the tables).
    fn departement(&mut self, code: &str) -> u16 {
        if let Some(&k) = self.departement_ids.get(code) {
            return k;
        }
        let k = self.departements.len() as u16;
        self.departements.push(code.to_string());
        self.departement_ids.insert(code.to_string(), k);
        k
    }
}

/// Scores pairs of one suggestion's students and ambassadors.
pub struct Scorer {
    students: Vec<StudentKey>,
    ambassadors: Vec<AmbassadorKey>,
    /// Per pair of départements (row-major over `departements`): too far, points when nearby.
    too_far: Vec<Option<u32>>,
    nearby_points: Vec<u32>,
    departements: usize,
    /// Per pair of administration codes: the same ministry.
    same_ministry: Vec<bool>,
    administrations: usize,
    rank_points: [u32; 3],
    weights: super::rules::Weights,
}

impl Scorer {
    pub fn new(
        students: &[StudentProfile],
        ambassadors: &[AmbassadorProfile],
        rules: &Rules,
    ) -> Scorer {
        let mut interner = Interner::default();
        let students: Vec<StudentKey> = students
            .iter()
            .map(|s| StudentKey {
                wishes: s.wishes.iter().map(|w| interner.job(w)).collect(),
                administration: s
                    .administration
                    .as_ref()
                    .map(|a| interner.administration(a)),
                place: interner.place(&s.place),
                mobility: s.mobility,
            })
            .collect();
        let ambassadors: Vec<AmbassadorKey> = ambassadors
            .iter()
            .map(|a| AmbassadorKey {
                job: a.job.as_ref().map(|j| interner.job(j)),
                administration: a
                    .administration
                    .as_ref()
                    .map(|x| interner.administration(x)),
                place: interner.place(&a.place),
            })
            .collect();
        let geography = Geography::get();
        let n = interner.departements.len();
        let w = &rules.weights;
        let mut too_far = vec![None; n * n];
        let mut nearby_points = vec![0; n * n];
        for (i, a) in interner.departements.iter().enumerate() {
            for (j, b) in interner.departements.iter().enumerate() {
                let km = if i == j {
                    Some(0.0)
                } else {
                    geography.distance_km(a, b)
                };
                if let (Some(max), Some(km)) = (rules.max_distance_km, km) {
                    if km > f64::from(max) {
                        too_far[i * n + j] = Some(km.round() as u32);
                    }
                }
                if let Some(km) = km {
                    nearby_points[i * n + j] =
                        (f64::from(w.nearby) * (1.0 - km / 800.0)).max(0.0).round() as u32;
                }
            }
        }
        let administrations = Administrations::get();
        let codes = &interner.administration_codes;
        let mut same_ministry = vec![false; codes.len() * codes.len()];
        for (i, a) in codes.iter().enumerate() {
            for (j, b) in codes.iter().enumerate() {
                same_ministry[i * codes.len() + j] = administrations.same_ministry(a, b);
            }
        }
        Scorer {
            students,
            ambassadors,
            too_far,
            nearby_points,
            departements: n,
            same_ministry,
            administrations: codes.len(),
            rank_points: [w.job_wish_1, w.job_wish_2, w.job_wish_3],
            weights: w.clone(),
        }
    }

    /// The score of student `i` with ambassador `j` (an available one), or why not.
    pub fn score(&self, i: usize, j: usize) -> Result<u32, Barrier> {
        let student = &self.students[i];
        let ambassador = &self.ambassadors[j];
        let (s, a) = (student.place, ambassador.place);
        match student.mobility {
            Mobility::Departement => match (s.departement, a.departement) {
                (Some(x), Some(y)) if x == y => {}
                (Some(_), Some(_)) => return Err(Barrier::OutsideDepartement),
                _ => return Err(Barrier::PlaceUnknown),
            },
            Mobility::Region => match (s.region, a.region) {
                (Some(x), Some(y)) if x == y => {}
                (Some(_), Some(_)) => return Err(Barrier::OutsideRegion),
                _ => return Err(Barrier::PlaceUnknown),
            },
            Mobility::National | Mobility::Unspecified => {}
        }
        let pair = match (s.departement, a.departement) {
            (Some(x), Some(y)) => Some(usize::from(x) * self.departements + usize::from(y)),
            _ => None,
        };
        if let Some(km) = pair.and_then(|p| self.too_far[p]) {
            return Err(Barrier::TooFar(km));
        }
        let w = &self.weights;
        let mut total = 0;
        if let Some((job, family)) = ambassador.job {
            if let Some(rank) = student.wishes.iter().position(|(wish, _)| wish.same(job)) {
                total += self.rank_points.get(rank).copied().unwrap_or(0);
            } else if let Some(family) = family {
                if student.wishes.iter().any(|&(_, f)| f == Some(family)) {
                    total += w.job_family;
                }
            }
        }
        let same_departement = s.departement.is_some() && s.departement == a.departement;
        if s.municipality.is_some() && s.municipality == a.municipality {
            total += w.same_commune;
        } else if same_departement {
            total += w.same_departement;
        } else if s.region.is_some() && s.region == a.region {
            total += w.same_region;
        } else if let Some(p) = pair {
            total += self.nearby_points[p];
        }
        if let (Some(wished), Some(actual)) = (student.administration, ambassador.administration) {
            if wished.same(actual) {
                total += w.administration_wish;
            } else if let (Some(x), Some(y)) = (wished.code, actual.code) {
                if self.same_ministry[x as usize * self.administrations + y as usize] {
                    total += w.same_ministry;
                }
            }
        }
        Ok(total)
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
    }
}
