//! Telling people, in waves, and keeping track: the templates (edited per edition, with a
//! preview for every kind of message), what each person is owed (« À prévenir »), a wave
//! planned (count and recipients shown before anything is written or sent), written as drafts
//! into its own folder, or queued for sending (`actions::sending`), and the notification log
//! per person. A person is « notifié » once a message telling them their pair is delivered; a
//! pair is « notifié » once both its people are.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ActionError;
use crate::messages::{self, wave, Context, DraftsSummary, Message, Owed, Templates};
use crate::model::{
    Delivery, EditionId, Means, MessageKind, NewNotification, Notification, PairId, PairStatus,
    Role, Student,
};
use crate::store::Setting;
use crate::{Store, StoreError};

/// A template field and what it holds.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateField {
    pub name: String,
    pub description: String,
}

/// A kind of message, for the editor: its French name and the roles it goes to.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KindView {
    pub kind: MessageKind,
    pub label: String,
    pub roles: Vec<Role>,
}

/// The templates of an edition, with the fields they may use and the kinds of message.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplatesView {
    pub templates: Templates,
    pub fields: Vec<TemplateField>,
    pub kinds: Vec<KindView>,
}

/// The message templates of an edition (the defaults until the organiser edits them).
pub fn templates(store: &Store, edition: EditionId) -> Result<Templates, StoreError> {
    store.setting(edition, Setting::Templates)
}

pub fn templates_view(store: &Store, edition: EditionId) -> Result<TemplatesView, StoreError> {
    let templates = templates(store, edition)?;
    let kinds = MessageKind::ALL
        .into_iter()
        .map(|kind| KindView {
            kind,
            label: kind.label_fr().to_string(),
            roles: [Role::Student, Role::Ambassador]
                .into_iter()
                .filter(|role| templates.get(kind, *role).is_some())
                .collect(),
        })
        .collect();
    Ok(TemplatesView {
        templates,
        fields: messages::FIELDS
            .iter()
            .map(|(name, description)| TemplateField {
                name: (*name).to_string(),
                description: (*description).to_string(),
            })
            .collect(),
        kinds,
    })
}

pub fn set_templates(
    store: &mut Store,
    edition: EditionId,
    templates: &Templates,
) -> Result<(), StoreError> {
    store.set_setting(edition, Setting::Templates, templates)
}

/// Everything a message is composed from, read once.
struct Edition {
    name: String,
    official_day: Option<String>,
    templates: Templates,
    students: HashMap<crate::model::StudentId, Student>,
    ambassadors: HashMap<crate::model::AmbassadorId, crate::model::Ambassador>,
    pairs: Vec<crate::model::Pair>,
}

impl Edition {
    fn read(store: &Store, edition: EditionId) -> Result<Edition, StoreError> {
        let summary = store.edition(edition)?;
        let (students, ambassadors) = store.people_by_id(edition)?;
        Ok(Edition {
            name: summary.edition.name,
            official_day: summary.edition.event_date,
            templates: templates(store, edition)?,
            students,
            ambassadors,
            // A cancelled pair is told as gone (a cancellation), never as a pair.
            pairs: store
                .list_pairs(edition)?
                .into_iter()
                .filter(|p| !p.status.is_cancelled())
                .collect(),
        })
    }

    fn context(&self) -> Context<'_> {
        Context {
            students: &self.students,
            ambassadors: &self.ambassadors,
            pairs: &self.pairs,
            official_day: self.official_day.as_deref(),
            templates: &self.templates,
        }
    }
}

/// Who is owed a message, and why (« À prévenir »). `finals`: the organiser asks for the final
/// « pas de binôme cette année » and « pas d'étudiant » messages.
pub fn to_notify(store: &Store, edition: EditionId, finals: bool) -> Result<Vec<Owed>, StoreError> {
    let students = store.list_students(edition)?;
    let ambassadors = store.list_ambassadors(edition)?;
    let pairs = store.list_pairs(edition)?;
    let withdrawn: HashSet<(Role, i64)> = store
        .withdrawals(edition)?
        .into_iter()
        .map(|w| (w.role, w.person))
        .collect();
    let rules: crate::suggest::Rules = store.setting(edition, Setting::Rules)?;
    let eligible = |s: &Student| {
        crate::model::state::is_retained(s.application_state.as_deref(), &rules.accepted_states)
    };
    let log = store.notifications(edition)?;
    Ok(messages::owed(
        &students,
        &ambassadors,
        &pairs,
        &withdrawn,
        &eligible,
        &log,
        finals,
    ))
}

/// Whom a wave tells what.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum Audience {
    /// Those owed a message (all of them, or the people chosen), each the message owed.
    Owed {
        /// Only these people (role and id); all the owed when absent.
        people: Option<Vec<(Role, i64)>>,
        /// With the final « pas de binôme » / « pas d'étudiant » messages.
        finals: bool,
    },
    /// A reminder or a thank-you to everyone in a pair (or the people chosen).
    Paired {
        kind: MessageKind,
        people: Option<Vec<(Role, i64)>>,
    },
}

/// A wave before anything is written or sent: its messages, so the organiser sees how many and
/// to whom.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub messages: Vec<Message>,
    /// Recipients with no e-mail (to be told another way).
    pub without_email: Vec<String>,
    /// Owed people left out because a message to them is already on its way or may have
    /// arrived (an interrupted send): « Reprendre » or check with them first.
    pub held: Vec<String>,
}

fn plan_of(
    store: &Store,
    edition: EditionId,
    data: &Edition,
    audience: &Audience,
) -> Result<Plan, ActionError> {
    let context = data.context();
    let sets = |people: &Option<Vec<(Role, i64)>>| {
        people
            .as_ref()
            .map(|p| p.iter().copied().collect::<HashSet<(Role, i64)>>())
    };
    let chosen = |set: &Option<HashSet<(Role, i64)>>, role: Role, id: i64| {
        set.as_ref().is_none_or(|p| p.contains(&(role, id)))
    };
    let mut out = Vec::new();
    let mut held = Vec::new();
    match audience {
        Audience::Owed { people, finals } => {
            let only = sets(people);
            // The last message telling each person where they stand, read once.
            let mut last: HashMap<(Role, i64), Delivery> = HashMap::new();
            for n in store.notifications(edition)? {
                if n.kind.tells_standing() {
                    last.insert((n.role, n.person), n.delivery);
                }
            }
            for owed in to_notify(store, edition, *finals)? {
                if !chosen(&only, owed.role, owed.person) {
                    continue;
                }
                // Something queued or being sent (perhaps received) for this person must not go
                // twice: resume that wave instead, or choose the person by hand after checking.
                // A failed or refused one is retried only when chosen; a draft not yet
                // confirmed may be written again.
                let explicit = people.is_some();
                let blocked = match last.get(&(owed.role, owed.person)) {
                    Some(Delivery::Queued) => true,
                    Some(Delivery::Sending | Delivery::Failed | Delivery::Refused) => !explicit,
                    _ => false,
                };
                if blocked {
                    held.push(format!(
                        "{} ({})",
                        owed.name,
                        owed.pending.clone().unwrap_or_default()
                    ));
                    continue;
                }
                if let Some(m) = context.compose(owed.role, owed.person, owed.kind, &owed.previous)
                {
                    out.push(m);
                }
            }
        }
        Audience::Paired { kind, people } => {
            let only = sets(people);
            if !matches!(kind, MessageKind::Reminder | MessageKind::Thanks) {
                return Err(ActionError::Invalid(
                    "Seuls le rappel et le remerciement s'envoient à tous les binômes ; les autres messages suivent la liste « À prévenir ».".into(),
                ));
            }
            // No reminder nor thanks for a visit called off or missed.
            let taking_place = || data.pairs.iter().filter(|p| p.status.takes_place());
            let mut students: Vec<_> = taking_place().map(|p| p.student_id.0).collect();
            students.sort_unstable();
            let mut ambassadors: Vec<_> = taking_place().map(|p| p.ambassador_id.0).collect();
            ambassadors.sort_unstable();
            ambassadors.dedup();
            for (role, ids) in [(Role::Student, students), (Role::Ambassador, ambassadors)] {
                for id in ids {
                    if chosen(&only, role, id) {
                        out.extend(context.compose(role, id, *kind, &[]));
                    }
                }
            }
        }
    }
    let without_email = out
        .iter()
        .filter(|m| m.to_email.is_none())
        .map(|m| m.to_name.clone())
        .collect();
    Ok(Plan {
        messages: out,
        without_email,
        held,
    })
}

/// The messages a wave would carry, for the organiser to see before anything is written or
/// sent.
pub fn plan(store: &Store, edition: EditionId, audience: &Audience) -> Result<Plan, ActionError> {
    let data = Edition::read(store, edition)?;
    plan_of(store, edition, &data, audience)
}

fn log_lines(
    messages: &[(Message, String)],
    wave: &str,
    means: Means,
    delivery: Delivery,
) -> Vec<NewNotification> {
    messages
        .iter()
        .map(|(m, id)| NewNotification {
            wave: wave.to_string(),
            role: m.role,
            person: m.person,
            kind: m.kind,
            partners: m.partners.clone(),
            mentions: m.mentions.clone(),
            means,
            message_id: id.clone(),
            email: m.to_email.clone(),
            subject: m.subject.clone(),
            body: m.body.clone(),
            delivery,
        })
        .collect()
}

/// Writes a wave as drafts: a new folder inside `base` named with the edition and the date
/// and time (an earlier wave is never overwritten), one `.eml` per message with an address and
/// the mail-merge sheet, each message logged as « brouillon écrit ». The organiser confirms
/// once sent from their mail tool (`confirm_drafts`).
pub fn write_wave(
    store: &mut Store,
    edition: EditionId,
    base: &Path,
    audience: &Audience,
    now: time::OffsetDateTime,
) -> Result<DraftsSummary, ActionError> {
    let data = Edition::read(store, edition)?;
    let plan = plan_of(store, edition, &data, audience)?;
    // Nobody owed a message: no folder (an empty wave beside the real ones misleads).
    if plan.messages.is_empty() {
        return Ok(DraftsSummary::default());
    }
    let (wave_name, folder) = wave::create_wave_folder(base, &wave::wave_name(&data.name, now))?;
    // Drafts in a folder, or none: a wave half written, or written but not logged (a database
    // that refuses the write), would be sent without the log knowing.
    let written = write_and_log(store, edition, &plan.messages, &data, &wave_name, &folder);
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&folder);
    }
    written
}

fn write_and_log(
    store: &mut Store,
    edition: EditionId,
    planned: &[Message],
    data: &Edition,
    wave_name: &str,
    folder: &Path,
) -> Result<DraftsSummary, ActionError> {
    let messages: Vec<(Message, String)> = planned
        .iter()
        .map(|m| {
            let id = wave::message_id(&data.templates, wave_name, m);
            (m.clone(), id)
        })
        .collect();
    let mut summary = wave::write_wave(&messages, folder, wave_name, &data.templates)?;
    // Everyone in the mail-merge sheet is logged, those without an address too: the organiser
    // tells them another way (a letter, a call) and confirms it with the rest.
    summary.logged = store.log_notifications(
        edition,
        &log_lines(&messages, wave_name, Means::Draft, Delivery::Drafted),
    )?;
    Ok(summary)
}

/// The organiser sent these drafts from their mail tool: they count as delivered, and the
/// pairs whose two people are now told become « notifié ». Returns how many drafts changed.
pub fn confirm_drafts(
    store: &mut Store,
    edition: EditionId,
    ids: &[i64],
) -> Result<usize, ActionError> {
    let changed = store.confirm_drafts(edition, ids)?;
    sync_pair_status(store, edition)?;
    Ok(changed)
}

/// Composes a wave for sending and logs each message as « en attente d'envoi », with its
/// stable Message-ID, before anything leaves: `actions::sending` then sends what is queued.
pub fn queue_wave(
    store: &mut Store,
    edition: EditionId,
    audience: &Audience,
    now: time::OffsetDateTime,
) -> Result<QueuedWave, ActionError> {
    let data = Edition::read(store, edition)?;
    let plan = plan_of(store, edition, &data, audience)?;
    let wave_name = unique_wave(store, edition, &wave::wave_name(&data.name, now))?;
    let messages: Vec<(Message, String)> = plan
        .messages
        .into_iter()
        .filter(|m| m.to_email.is_some())
        .map(|m| {
            let id = wave::message_id(&data.templates, &wave_name, &m);
            (m, id)
        })
        .collect();
    let ids = store.log_notifications(
        edition,
        &log_lines(&messages, &wave_name, Means::Smtp, Delivery::Queued),
    )?;
    Ok(QueuedWave {
        wave: wave_name,
        queued: ids.len(),
        without_email: plan.without_email,
        held: plan.held,
    })
}

fn unique_wave(store: &Store, edition: EditionId, wave: &str) -> Result<String, StoreError> {
    let taken: HashSet<String> = store
        .notifications(edition)?
        .into_iter()
        .map(|n| n.wave)
        .collect();
    Ok((1..)
        .map(|n| {
            if n == 1 {
                wave.to_string()
            } else {
                format!("{wave}-{n}")
            }
        })
        .find(|w| !taken.contains(w))
        .unwrap_or_else(|| wave.to_string()))
}

/// A wave queued for sending.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct QueuedWave {
    pub wave: String,
    pub queued: usize,
    pub without_email: Vec<String>,
    pub held: Vec<String>,
}

/// Pairs whose student and ambassador were both told of them become « notifié » (through the
/// journal, like every change to pairs).
pub fn sync_pair_status(store: &mut Store, edition: EditionId) -> Result<usize, StoreError> {
    let standings = messages::owed::standings(&store.notifications(edition)?);
    let told = |role: Role, person: i64, partner: i64| {
        standings
            .get(&(role, person))
            .and_then(|s| s.told.as_ref())
            .is_some_and(|t| t.contains(&partner))
    };
    let newly: Vec<PairId> = store
        .list_pairs(edition)?
        .into_iter()
        .filter(|p| p.status.before_notification())
        .filter(|p| {
            told(Role::Student, p.student_id.0, p.ambassador_id.0)
                && told(Role::Ambassador, p.ambassador_id.0, p.student_id.0)
        })
        .map(|p| p.id)
        .collect();
    store.mark_notified(edition, &newly)
}

/// One line of the log, with the person's name.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LogLine {
    pub notification: Notification,
    pub name: String,
    /// « envoyé », « brouillon écrit »…
    pub state: String,
    pub kind: String,
}

/// The notification log of an edition (or of one person), newest first.
pub fn log(
    store: &Store,
    edition: EditionId,
    person: Option<(Role, i64)>,
) -> Result<Vec<LogLine>, StoreError> {
    let (students, ambassadors) = store.people_by_id(edition)?;
    let mut out: Vec<LogLine> = store
        .notifications(edition)?
        .into_iter()
        .filter(|n| person.is_none_or(|(role, id)| n.role == role && n.person == id))
        .map(|n| {
            let name = match n.role {
                Role::Student => students
                    .get(&crate::model::StudentId(n.person))
                    .map(|s| &s.identity),
                Role::Ambassador => ambassadors
                    .get(&crate::model::AmbassadorId(n.person))
                    .map(|a| &a.identity),
            }
            .map(|i| {
                crate::text::clean(&format!("{} {}", i.first_name, i.last_name.to_uppercase()))
            })
            .unwrap_or_default();
            LogLine {
                state: n.delivery.label_fr().to_string(),
                kind: n.kind.label_fr().to_string(),
                name,
                notification: n,
            }
        })
        .collect();
    out.reverse();
    Ok(out)
}

/// Every message of a kind as it would be composed now, for the template editor's preview:
/// the new-pair, reminder and thank-you messages to the people in a pair; the others to the
/// people owed them, or else to a person of the right role as an example.
pub fn preview(
    store: &Store,
    edition: EditionId,
    kind: MessageKind,
) -> Result<Vec<Message>, StoreError> {
    let data = Edition::read(store, edition)?;
    let context = data.context();
    let mut out = Vec::new();
    let owed: Vec<Owed> = to_notify(store, edition, true)?
        .into_iter()
        .filter(|o| o.kind == kind)
        .collect();
    for o in &owed {
        out.extend(context.compose(o.role, o.person, kind, &o.previous));
    }
    if out.is_empty() {
        let mut ambassadors: Vec<_> = data.pairs.iter().map(|p| p.ambassador_id.0).collect();
        ambassadors.sort_unstable();
        ambassadors.dedup();
        for p in &data.pairs {
            out.extend(context.compose(Role::Student, p.student_id.0, kind, &[p.ambassador_id.0]));
        }
        for a in ambassadors {
            out.extend(context.compose(Role::Ambassador, a, kind, &[]));
        }
    }
    if out.is_empty() {
        // An example with anyone, so the organiser sees their text even before any pair.
        if let Some(s) = data.students.values().min_by_key(|s| s.id) {
            out.extend(context.compose(Role::Student, s.id.0, kind, &[]));
        }
        if let Some(a) = data.ambassadors.values().min_by_key(|a| a.id) {
            out.extend(context.compose(Role::Ambassador, a.id.0, kind, &[]));
        }
    }
    Ok(out)
}

/// Which pairs' messages to write (the first release's « Préparer les messages… », and `binome
/// messages`).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only pairs with this status (all when absent).
    pub status: Option<PairStatus>,
    /// Only these pairs (a pair just remade after a withdrawal).
    pub pairs: Option<Vec<PairId>>,
}

/// The people of the selected pairs, as an audience: each gets what they are owed.
fn selection_audience(
    store: &Store,
    edition: EditionId,
    selection: &Selection,
) -> Result<Audience, StoreError> {
    let mut people = Vec::new();
    for p in store.list_pairs(edition)? {
        let status_ok = selection.status.is_none_or(|s| s == p.status);
        let pair_ok = selection
            .pairs
            .as_ref()
            .is_none_or(|only| only.contains(&p.id));
        if status_ok && pair_ok {
            people.push((Role::Student, p.student_id.0));
            people.push((Role::Ambassador, p.ambassador_id.0));
        }
    }
    Ok(Audience::Owed {
        people: Some(people),
        finals: false,
    })
}

/// Writes, as a wave of drafts inside `folder`, the message owed to each person of the
/// selected pairs. Nothing is sent: the organiser sends from their own mail tool.
pub fn write_drafts(
    store: &mut Store,
    edition: EditionId,
    folder: &Path,
    selection: &Selection,
) -> Result<DraftsSummary, ActionError> {
    let audience = selection_audience(store, edition, selection)?;
    write_wave(store, edition, folder, &audience, now())
}

/// Now, for a wave's name: in UTC (said in the name), since the local offset cannot be read
/// soundly in a program with several threads.
pub fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

/// Marks the pairs whose messages were sent as « notifié »: the drafts written for them are
/// confirmed in the log.
pub fn mark_notified(
    store: &mut Store,
    edition: EditionId,
    pairs: &[PairId],
) -> Result<usize, ActionError> {
    let listed = store.list_pairs(edition)?;
    let people: HashSet<(Role, i64)> = listed
        .iter()
        .filter(|p| pairs.contains(&p.id))
        .flat_map(|p| {
            [
                (Role::Student, p.student_id.0),
                (Role::Ambassador, p.ambassador_id.0),
            ]
        })
        .collect();
    let drafts: Vec<i64> = store
        .notifications(edition)?
        .into_iter()
        .filter(|n| n.delivery == Delivery::Drafted && people.contains(&(n.role, n.person)))
        .map(|n| n.id)
        .collect();
    let before = listed
        .iter()
        .filter(|p| pairs.contains(&p.id) && p.status.before_notification())
        .count();
    store.confirm_drafts(edition, &drafts)?;
    sync_pair_status(store, edition)?;
    // The pairs asked for are « notifié » even when a person had no address to write to: the
    // organiser told them another way.
    store.mark_notified(edition, pairs)?;
    Ok(before)
}
