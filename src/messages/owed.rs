//! What is owed (« À prévenir »): from the pairs as they are and the notification log (what each
//! person was last told), who must be told something, and why. A person told of a pair that
//! changed since is owed a change; the partner left alone after a withdrawal or a move, a
//! cancellation (and so are both people of a pair marked « annulé » after they were told of it);
//! the final « pas de binôme cette année » and « pas d'étudiant » only when the
//! organiser asks for them.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{
    Ambassador, AmbassadorId, Delivery, MessageKind, Notification, Pair, Role, Student, StudentId,
};

/// What a person was last told, from the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// The partners named in the last message that told them where they stand (delivered).
    pub told: Option<Vec<i64>>,
    /// The kind of that message.
    pub kind: Option<MessageKind>,
    /// A message not yet delivered (a draft to confirm, a send to resume or check), the newest.
    pub pending: Option<(MessageKind, Delivery, String)>,
}

/// The standing of every person in the log, by (role, id).
pub fn standings(log: &[Notification]) -> HashMap<(Role, i64), Standing> {
    let mut out: HashMap<(Role, i64), Standing> = HashMap::new();
    // The log is oldest first: the last word wins.
    for n in log.iter().filter(|n| n.kind.tells_standing()) {
        let standing = out.entry((n.role, n.person)).or_default();
        match n.delivery {
            Delivery::Sent => {
                standing.told = Some(sorted(n.partners.clone()));
                standing.kind = Some(n.kind);
                standing.pending = None;
            }
            Delivery::Queued | Delivery::Drafted | Delivery::Sending | Delivery::Failed => {
                standing.pending = Some((n.kind, n.delivery, n.wave.clone()));
            }
            Delivery::Refused => {
                standing.pending = Some((n.kind, n.delivery, n.wave.clone()));
            }
        }
    }
    out
}

fn sorted(mut ids: Vec<i64>) -> Vec<i64> {
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// One person owed a message, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Owed {
    pub role: Role,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub person: i64,
    pub name: String,
    pub email: Option<String>,
    pub kind: MessageKind,
    /// Why, in French (« binôme changé après notification : … »).
    pub reason: String,
    /// The partners they were told about before (for a change or a cancellation).
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub previous: Vec<i64>,
    /// A message already on its way (French): a draft to confirm, an interrupted send.
    pub pending: Option<String>,
    /// The last send was interrupted after the message was handed to the server: it may
    /// have arrived. Never sent again unless the organiser chooses them.
    pub uncertain: bool,
}

fn full_name(first: &str, last: &str) -> String {
    crate::text::clean(&format!("{first} {}", last.to_uppercase()))
}

/// Who is owed a message and why. Withdrawn people are owed nothing (they told us); students
/// outside `eligible` get no final « pas de binôme » (their application was not retained: they
/// were told so elsewhere). `finals`: the organiser asks for the final messages.
pub fn owed(
    students: &[Student],
    ambassadors: &[Ambassador],
    pairs: &[Pair],
    withdrawn: &HashSet<(Role, i64)>,
    eligible: &dyn Fn(&Student) -> bool,
    log: &[Notification],
    finals: bool,
) -> Vec<Owed> {
    let standings = standings(log);
    let ambassador_names: HashMap<AmbassadorId, String> = ambassadors
        .iter()
        .map(|a| {
            (
                a.id,
                full_name(&a.identity.first_name, &a.identity.last_name),
            )
        })
        .collect();
    let student_names: HashMap<StudentId, String> = students
        .iter()
        .map(|s| {
            (
                s.id,
                full_name(&s.identity.first_name, &s.identity.last_name),
            )
        })
        .collect();
    let names = |role: Role, ids: &[i64]| -> String {
        ids.iter()
            .filter_map(|id| match role {
                Role::Student => student_names.get(&StudentId(*id)).cloned(),
                Role::Ambassador => ambassador_names.get(&AmbassadorId(*id)).cloned(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut hosted: HashMap<AmbassadorId, Vec<i64>> = HashMap::new();
    let mut partner_of: HashMap<StudentId, i64> = HashMap::new();
    // A pair marked « annulé » is told as gone, exactly as a pair undone after a withdrawal:
    // whoever was told of it is owed a cancellation (or, for an ambassador with other
    // students, a change); the reason says it was cancelled.
    let cancelled: HashSet<StudentId> = pairs
        .iter()
        .filter(|p| p.status.is_cancelled())
        .map(|p| p.student_id)
        .collect();
    for p in pairs.iter().filter(|p| !p.status.is_cancelled()) {
        hosted
            .entry(p.ambassador_id)
            .or_default()
            .push(p.student_id.0);
        partner_of.insert(p.student_id, p.ambassador_id.0);
    }
    let mut out = Vec::new();
    let mut push = |role: Role,
                    person: i64,
                    name: String,
                    email: Option<String>,
                    kind: MessageKind,
                    reason: String,
                    previous: Vec<i64>,
                    standing: Option<&Standing>| {
        let pending = standing.and_then(|s| s.pending.as_ref());
        out.push(Owed {
            role,
            person,
            name,
            email,
            kind,
            reason,
            previous,
            pending: pending.map(|(kind, delivery, wave)| {
                format!(
                    "{} : {} (vague « {wave} »)",
                    kind.label_fr(),
                    delivery.label_fr()
                )
            }),
            uncertain: pending.is_some_and(|(_, d, _)| *d == Delivery::Sending),
        });
    };
    for s in students {
        if withdrawn.contains(&(Role::Student, s.id.0)) {
            continue;
        }
        let standing = standings.get(&(Role::Student, s.id.0));
        let told = standing.and_then(|st| st.told.clone());
        let current: Vec<i64> = partner_of.get(&s.id).copied().into_iter().collect();
        let name = full_name(&s.identity.first_name, &s.identity.last_name);
        let (kind, reason) = match (&told, current.first()) {
            (Some(told), Some(_)) if told == &current => continue,
            (Some(told), Some(now)) if !told.is_empty() => (
                MessageKind::Change,
                format!(
                    "binôme changé après notification : était {}, désormais {}",
                    names(Role::Ambassador, told),
                    names(Role::Ambassador, &[*now])
                ),
            ),
            (_, Some(now)) => (
                MessageKind::NewPair,
                format!("nouveau binôme : {}", names(Role::Ambassador, &[*now])),
            ),
            (Some(told), None) if !told.is_empty() => (
                MessageKind::Cancellation,
                if cancelled.contains(&s.id) {
                    format!(
                        "binôme annulé : la visite chez {} n'aura pas lieu (statut « annulé »)",
                        names(Role::Ambassador, told)
                    )
                } else {
                    format!(
                        "binôme annulé : {} ne l'accueille plus (retrait ou changement)",
                        names(Role::Ambassador, told)
                    )
                },
            ),
            (_, None) => {
                let already = standing.and_then(|st| st.kind) == Some(MessageKind::NoPair);
                if !finals || already || !eligible(s) {
                    continue;
                }
                (
                    MessageKind::NoPair,
                    "pas de binôme cette année (messages de fin demandés)".to_string(),
                )
            }
        };
        push(
            Role::Student,
            s.id.0,
            name,
            s.identity.email.clone(),
            kind,
            reason,
            told.unwrap_or_default(),
            standing,
        );
    }
    let cancelled_note = |ids: &[i64]| {
        if ids.iter().any(|id| cancelled.contains(&StudentId(*id))) {
            " (binôme annulé)"
        } else {
            ""
        }
    };
    for a in ambassadors {
        if withdrawn.contains(&(Role::Ambassador, a.id.0)) {
            continue;
        }
        let standing = standings.get(&(Role::Ambassador, a.id.0));
        let told = standing.and_then(|st| st.told.clone());
        let current = sorted(hosted.get(&a.id).cloned().unwrap_or_default());
        let name = full_name(&a.identity.first_name, &a.identity.last_name);
        let (kind, reason) = match &told {
            Some(told) if told == &current && !current.is_empty() => continue,
            Some(told) if !told.is_empty() && !current.is_empty() => {
                let gone: Vec<i64> = told
                    .iter()
                    .filter(|id| !current.contains(id))
                    .copied()
                    .collect();
                let new: Vec<i64> = current
                    .iter()
                    .filter(|id| !told.contains(id))
                    .copied()
                    .collect();
                let mut parts = Vec::new();
                if !gone.is_empty() {
                    parts.push(format!(
                        "ne vient plus : {}{}",
                        names(Role::Student, &gone),
                        cancelled_note(&gone)
                    ));
                }
                if !new.is_empty() {
                    parts.push(format!("arrive : {}", names(Role::Student, &new)));
                }
                (
                    MessageKind::Change,
                    format!(
                        "étudiants changés après notification : {}",
                        parts.join(" ; ")
                    ),
                )
            }
            _ if !current.is_empty() => (
                MessageKind::NewPair,
                format!("nouveau binôme : {}", names(Role::Student, &current)),
            ),
            Some(told) if !told.is_empty() => (
                MessageKind::Cancellation,
                format!(
                    "plus d'étudiant : {} ne vient plus ({})",
                    names(Role::Student, told),
                    if told.iter().all(|id| cancelled.contains(&StudentId(*id))) {
                        "statut « annulé »"
                    } else {
                        "retrait ou changement"
                    }
                ),
            ),
            _ => {
                let already = standing.and_then(|st| st.kind) == Some(MessageKind::NoStudent);
                if !finals || already {
                    continue;
                }
                (
                    MessageKind::NoStudent,
                    "pas d'étudiant cette année (messages de fin demandés)".to_string(),
                )
            }
        };
        push(
            Role::Ambassador,
            a.id.0,
            name,
            a.identity.email.clone(),
            kind,
            reason,
            told.unwrap_or_default(),
            standing,
        );
    }
    out
}
