//! Sending a queued wave over SMTP (`actions::messages::queue_wave` logged each message first,
//! with its stable Message-ID): each message is marked « sending » in the log before it is
//! handed to the server and « sent » (with the server's answer) after, so a crash or a cut
//! connection never sends a message twice, and a person is « notifié » only once the server
//! accepted. Progress is reported after each message; the organiser may pause or cancel; the
//! pace is limited; transient refusals (4xx) and cuts before the end of a message are retried.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::ActionError;
use crate::messages::smtp::{self, Failure, Session, SmtpError, SmtpSettings};
use crate::messages::{wave, Message, MessagesError};
use crate::model::{Delivery, EditionId, Means, Notification, Role};
use crate::Store;

/// The server of an edition (the defaults until the organiser sets it).
pub fn settings(store: &Store, edition: EditionId) -> Result<SmtpSettings, ActionError> {
    store.edition(edition)?;
    Ok(store.sending_settings(edition)?)
}

/// Stores the server of an edition (never the password: `save_password`).
pub fn set_settings(
    store: &mut Store,
    edition: EditionId,
    settings: &SmtpSettings,
) -> Result<(), ActionError> {
    let mut clean = settings.clone();
    clean.host = clean.host.trim().to_string();
    clean.login = clean.login.trim().to_string();
    Ok(store.set_sending_settings(edition, &clean)?)
}

/// Pause and cancel, set from another thread (the window) while a wave is being sent.
#[derive(Debug, Default)]
pub struct Control {
    paused: AtomicBool,
    cancelled: AtomicBool,
}

impl Control {
    pub fn pause(&self, paused: bool) {
        self.paused.store(paused, Ordering::SeqCst);
    }

    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
    }

    pub fn is_paused(&self) -> bool {
        self.paused.load(Ordering::SeqCst)
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }
}

/// How fast and how stubbornly to send.
#[derive(Debug, Clone)]
pub struct Pace {
    /// At most this many messages a minute (0: no limit).
    pub per_minute: u32,
    /// Attempts after the first for a transient refusal or a cut before the end of a message.
    pub retries: u32,
    /// Wait before the first retry (doubled each time).
    pub retry_delay: Duration,
}

impl Pace {
    pub fn of(settings: &SmtpSettings) -> Pace {
        Pace {
            per_minute: settings.per_minute,
            retries: 3,
            retry_delay: Duration::from_secs(5),
        }
    }
}

/// Where a wave's sending stands (sent to the window after each message).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SendProgress {
    pub wave: String,
    pub total: usize,
    /// Messages dealt with (sent, refused, failed or uncertain).
    pub done: usize,
    pub sent: usize,
    pub refused: usize,
    pub failed: usize,
    pub uncertain: usize,
    pub paused: bool,
    /// The person being written to.
    pub current: Option<String>,
    /// Set when sending stopped before the end (cancelled, server unreachable), in French.
    pub stopped: Option<String>,
    pub finished: bool,
}

fn rebuild(n: &Notification, to_name: String) -> Message {
    Message {
        kind: n.kind,
        role: n.role,
        person: n.person,
        partners: n.partners.clone(),
        mentions: Vec::new(),
        pairs: Vec::new(),
        to_name,
        to_email: n.email.clone(),
        subject: n.subject.clone(),
        body: n.body.clone(),
    }
}

/// Sends what is left of a wave: its messages still « en attente » or « non envoyé » (never
/// those « envoi interrompu », which may have arrived). Run again to resume after a crash, a
/// cut or a cancel. `password`: from `smtp::password` (the credential store), or given.
pub fn send_wave(
    store: &mut Store,
    edition: EditionId,
    wave_name: &str,
    password: Option<&str>,
    pace: &Pace,
    control: &Control,
    progress: &mut dyn FnMut(&SendProgress),
) -> Result<SendProgress, ActionError> {
    let settings = settings(store, edition)?;
    let templates = super::messages::templates(store, edition)?;
    let (students, ambassadors) = store.people_by_id(edition)?;
    let todo: Vec<Notification> = store
        .notifications(edition)?
        .into_iter()
        .filter(|n| n.wave == wave_name && n.means == Means::Smtp)
        .filter(|n| matches!(n.delivery, Delivery::Queued | Delivery::Failed))
        .collect();
    let mut state = SendProgress {
        wave: wave_name.to_string(),
        total: todo.len(),
        ..Default::default()
    };
    if todo.is_empty() {
        state.finished = true;
        progress(&state);
        return Ok(state);
    }
    let open = || Session::open(&settings, password, &templates.organiser_email);
    let mut session = Some(open().map_err(MessagesError::from)?);
    let interval = match pace.per_minute {
        0 => Duration::ZERO,
        n => Duration::from_secs(60) / n,
    };
    let mut last_send: Option<Instant> = None;
    // The answer to the last message, written with the next message's « sending » (one write
    // to the disk for both), or alone before any wait and at the end.
    let mut settled: Option<(i64, Delivery, Option<String>)> = None;
    let flush =
        |store: &mut Store, settled: &mut Option<(i64, Delivery, Option<String>)>| match settled
            .take()
        {
            Some(change) => store.set_deliveries(edition, &[change]).map(|_| ()),
            None => Ok(()),
        };
    'messages: for n in &todo {
        // Pause and cancel between messages, never in the middle of one.
        if control.is_paused() {
            flush(store, &mut settled)?;
        }
        while control.is_paused() && !control.is_cancelled() {
            if !state.paused {
                state.paused = true;
                progress(&state);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        state.paused = false;
        if control.is_cancelled() {
            state.stopped = Some(
                "Envoi annulé : les messages restants sont gardés, « Reprendre l'envoi » les enverra."
                    .into(),
            );
            break;
        }
        if let Some(at) = last_send {
            let since = at.elapsed();
            if since < interval {
                flush(store, &mut settled)?;
                std::thread::sleep(interval - since);
            }
        }
        let identity = match n.role {
            Role::Student => students
                .get(&crate::model::StudentId(n.person))
                .map(|s| &s.identity),
            Role::Ambassador => ambassadors
                .get(&crate::model::AmbassadorId(n.person))
                .map(|a| &a.identity),
        };
        let to_name = identity
            .map(|i| crate::text::clean(&format!("{} {}", i.first_name, i.last_name)))
            .unwrap_or_default();
        state.current = Some(to_name.clone());
        progress(&state);
        let message = rebuild(n, to_name);
        let bytes = wave::mime(&message, &templates, &n.message_id, false)?;
        let to = n.email.clone().unwrap_or_default();
        let mut attempt = 0;
        loop {
            let live = match session.as_mut() {
                Some(s) => s,
                None => match open() {
                    Ok(s) => session.insert(s),
                    Err(e) => {
                        flush(store, &mut settled)?;
                        if attempt < pace.retries {
                            std::thread::sleep(pace.retry_delay * 2u32.pow(attempt));
                            attempt += 1;
                            continue;
                        }
                        state.stopped = Some(format!(
                            "Envoi interrompu : {e} Les messages restants sont gardés, « Reprendre l'envoi » les enverra."
                        ));
                        break 'messages;
                    }
                },
            };
            // Written before the message leaves: after a crash here, it is « envoi
            // interrompu » and never sent again without the organiser.
            let mut changes: Vec<(i64, Delivery, Option<String>)> =
                settled.take().into_iter().collect();
            changes.push((n.id, Delivery::Sending, None));
            store.set_deliveries(edition, &changes)?;
            last_send = Some(Instant::now());
            match live.send(&to, &bytes) {
                Ok(reply) => {
                    settled = Some((n.id, Delivery::Sent, Some(reply)));
                    state.sent += 1;
                    break;
                }
                Err(failure) => {
                    let retry = matches!(failure, Failure::Transient { .. } | Failure::Cut { .. });
                    if matches!(failure, Failure::Cut { .. } | Failure::Uncertain { .. }) {
                        session = None;
                    }
                    if retry && attempt < pace.retries {
                        store.set_delivery(
                            edition,
                            n.id,
                            Delivery::Failed,
                            Some(&failure.reply()),
                        )?;
                        std::thread::sleep(pace.retry_delay * 2u32.pow(attempt));
                        attempt += 1;
                        continue;
                    }
                    let delivery = match failure {
                        Failure::Refused { .. } | Failure::BadAddress { .. } => {
                            state.refused += 1;
                            Delivery::Refused
                        }
                        Failure::Uncertain { .. } => {
                            state.uncertain += 1;
                            Delivery::Sending
                        }
                        Failure::Transient { .. } | Failure::Cut { .. } => {
                            state.failed += 1;
                            Delivery::Failed
                        }
                    };
                    settled = Some((n.id, delivery, Some(failure.reply())));
                    break;
                }
            }
        }
        state.done += 1;
        progress(&state);
    }
    flush(store, &mut settled)?;
    if let Some(s) = session {
        s.close();
    }
    super::messages::sync_pair_status(store, edition)?;
    state.current = None;
    state.finished = true;
    progress(&state);
    Ok(state)
}

/// The waves of an edition with messages still to send (« en attente » or « non envoyé »).
pub fn unfinished_waves(store: &Store, edition: EditionId) -> Result<Vec<String>, ActionError> {
    let mut waves: Vec<String> = store
        .notifications(edition)?
        .into_iter()
        .filter(|n| {
            n.means == Means::Smtp && matches!(n.delivery, Delivery::Queued | Delivery::Failed)
        })
        .map(|n| n.wave)
        .collect();
    waves.dedup();
    Ok(waves)
}

/// « Envoyer un message d'essai à moi-même »: one message to the organiser's own address
/// through the configured server, not logged. Returns the server's acceptance.
pub fn send_test(
    store: &Store,
    edition: EditionId,
    password: Option<&str>,
) -> Result<String, ActionError> {
    let settings = settings(store, edition)?;
    let templates = super::messages::templates(store, edition)?;
    let me = templates.organiser_email.clone();
    let message = Message {
        kind: crate::model::MessageKind::Reminder,
        role: Role::Ambassador,
        person: 0,
        partners: Vec::new(),
        mentions: Vec::new(),
        pairs: Vec::new(),
        to_name: templates.organiser_name.clone(),
        to_email: Some(me.clone()),
        subject: "Binômes : message d'essai".into(),
        body: format!(
            "Bonjour,\n\nCe message d'essai a été envoyé par Binômes par le serveur {}:{}. \
             S'il vous parvient, les messages aux étudiants et aux ambassadeurs partiront de la même façon.\n",
            settings.host, settings.port
        ),
    };
    let id = format!(
        "essai.{}@{}",
        time::OffsetDateTime::now_utc().unix_timestamp_nanos(),
        me.rsplit_once('@')
            .map(|(_, d)| d)
            .unwrap_or("binomes.invalid")
    );
    let bytes = wave::mime(&message, &templates, &id, false)?;
    let mut session = Session::open(&settings, password, &me).map_err(MessagesError::from)?;
    let result = session.send(&me, &bytes);
    session.close();
    result.map_err(|failure| {
        ActionError::Messages(
            SmtpError::TestRefused {
                reply: failure.reply(),
            }
            .into(),
        )
    })
}

/// Keeps the password of the edition's server in the operating system's credential store.
pub fn save_password(
    store: &Store,
    edition: EditionId,
    password: &str,
) -> Result<smtp::KeptIn, ActionError> {
    Ok(smtp::save_password(&settings(store, edition)?, password).map_err(MessagesError::from)?)
}

/// The password a session with the edition's server needs: none without a login, otherwise
/// the one in the credential store (an error if the store cannot be read).
pub fn password_for(store: &Store, edition: EditionId) -> Result<Option<String>, ActionError> {
    if settings(store, edition)?.login.trim().is_empty() {
        return Ok(None);
    }
    stored_password(store, edition)
}

/// The SMTP settings of an edition, and whether a password is kept for them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SmtpView {
    pub settings: SmtpSettings,
    pub has_password: bool,
}

pub fn smtp_view(store: &Store, edition: EditionId) -> Result<SmtpView, ActionError> {
    Ok(SmtpView {
        settings: settings(store, edition)?,
        // A store that cannot be read reads as « no password »: the window asks for it.
        has_password: stored_password(store, edition).is_ok_and(|p| p.is_some()),
    })
}

/// « Envoyer un message d'essai à moi-même » with the password the server needs, if any.
pub fn send_test_message(store: &Store, edition: EditionId) -> Result<String, ActionError> {
    send_test(store, edition, password_for(store, edition)?.as_deref())
}

/// What sending a wave off the window's thread needs, read from the open store: the
/// database's path (the sending opens a connection of its own, so the window keeps working),
/// the password, the pace.
pub struct SendJob {
    pub database: std::path::PathBuf,
    pub password: Option<String>,
    pub pace: Pace,
}

pub fn prepare_send(store: &Store, edition: EditionId) -> Result<SendJob, ActionError> {
    Ok(SendJob {
        database: store.path().to_path_buf(),
        password: password_for(store, edition)?,
        pace: Pace::of(&settings(store, edition)?),
    })
}

/// The password of the edition's server, from the credential store.
pub fn stored_password(store: &Store, edition: EditionId) -> Result<Option<String>, ActionError> {
    Ok(smtp::password(&settings(store, edition)?).map_err(MessagesError::from)?)
}
