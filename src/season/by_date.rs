//! The view by date (#17, follow-up): the pairs grouped by the day they agreed on — who goes
//! where, which day — for the organiser to check and print before the visits. Pairs without an
//! agreed date (the official day, or not settled yet) are apart; pairs called off
//! (« annulé ») are listed last, so the printed days hold only the visits that take place.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{Ambassador, Pair, PairId, PairStatus, Student};

/// One visit: who goes to whom, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DatedPair {
    pub pair: PairId,
    pub status: PairStatus,
    /// « confirmé », « réalisé »…
    pub status_label: String,
    pub student: String,
    pub student_email: Option<String>,
    pub student_phone: Option<String>,
    pub ambassador: String,
    pub ambassador_email: Option<String>,
    pub ambassador_phone: Option<String>,
    pub administration: Option<String>,
    pub service: Option<String>,
    pub job: Option<String>,
    /// The ambassador's commune (and département): where the student goes.
    pub place: Option<String>,
    pub note: Option<String>,
}

/// The visits of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Day {
    /// AAAA-MM-JJ.
    pub date: String,
    /// « mardi 24 novembre 2026 ».
    pub label: String,
    /// The edition's official day.
    pub official: bool,
    pub pairs: Vec<DatedPair>,
}

/// The pairs of an edition by agreed date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DateView {
    pub edition: String,
    /// The official day, in French, when the edition has one.
    pub official_day: Option<String>,
    /// Days in order, earliest first.
    pub days: Vec<Day>,
    /// Pairs (not called off) without an agreed date.
    pub undated: Vec<DatedPair>,
    /// Pairs « annulé », whatever their date.
    pub cancelled: Vec<DatedPair>,
}

impl DateView {
    /// How many visits the view places on a day or leaves undated (the cancelled ones apart).
    pub fn visits(&self) -> usize {
        self.days.iter().map(|d| d.pairs.len()).sum::<usize>() + self.undated.len()
    }
}

fn full_name(first: &str, last: &str) -> String {
    crate::text::clean(&format!("{first} {}", last.to_uppercase()))
}

fn dated(pair: &Pair, student: &Student, ambassador: &Ambassador) -> DatedPair {
    let place = match (&ambassador.place.commune, &ambassador.place.departement) {
        (Some(c), Some(d)) => Some(format!("{c} ({d})")),
        (Some(c), None) => Some(c.clone()),
        (None, Some(d)) => Some(format!("département {d}")),
        (None, None) => None,
    };
    DatedPair {
        pair: pair.id,
        status: pair.status,
        status_label: pair.status.label_fr().to_string(),
        student: full_name(&student.identity.first_name, &student.identity.last_name),
        student_email: student.identity.email.clone(),
        student_phone: student.identity.phone.clone(),
        ambassador: full_name(
            &ambassador.identity.first_name,
            &ambassador.identity.last_name,
        ),
        ambassador_email: ambassador.identity.email.clone(),
        ambassador_phone: ambassador.identity.phone.clone(),
        administration: ambassador.administration.clone(),
        service: ambassador.service.clone(),
        job: ambassador.job.clone(),
        place,
        note: pair.note.clone(),
    }
}

/// Groups the pairs by agreed date. Within a day, visits are in the ambassadors' order (last
/// name, first name), then the students': one ambassador's students follow each other.
pub fn by_date(
    edition: &str,
    official_day: Option<&str>,
    pairs: &[Pair],
    students: &[Student],
    ambassadors: &[Ambassador],
) -> DateView {
    let students: HashMap<_, _> = students.iter().map(|s| (s.id, s)).collect();
    let ambassadors: HashMap<_, _> = ambassadors.iter().map(|a| (a.id, a)).collect();
    let mut rows: Vec<(&Pair, &Student, &Ambassador)> = pairs
        .iter()
        .filter_map(|p| {
            Some((
                p,
                *students.get(&p.student_id)?,
                *ambassadors.get(&p.ambassador_id)?,
            ))
        })
        .collect();
    rows.sort_by_cached_key(|(_, s, a)| {
        (
            crate::text::header_key(&a.identity.last_name),
            crate::text::header_key(&a.identity.first_name),
            crate::text::header_key(&s.identity.last_name),
            crate::text::header_key(&s.identity.first_name),
        )
    });
    let mut days: BTreeMap<String, Vec<DatedPair>> = BTreeMap::new();
    let mut undated = Vec::new();
    let mut cancelled = Vec::new();
    for (pair, student, ambassador) in rows {
        let row = dated(pair, student, ambassador);
        if pair.status.is_cancelled() {
            cancelled.push(row);
        } else if let Some(date) = &pair.agreed_date {
            days.entry(date.clone()).or_default().push(row);
        } else {
            undated.push(row);
        }
    }
    DateView {
        edition: edition.to_string(),
        official_day: official_day.map(crate::text::date_fr),
        days: days
            .into_iter()
            .map(|(date, pairs)| Day {
                label: crate::text::date_fr(&date),
                official: official_day == Some(date.as_str()),
                date,
                pairs,
            })
            .collect(),
        undated,
        cancelled,
    }
}
