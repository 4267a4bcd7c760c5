//! Real sending over SMTP, through a real server on localhost (aiosmtpd with STARTTLS or
//! implicit TLS, and AUTH): messages received and parsed back, a server that refuses some
//! recipients or is busy, connections cut mid-batch then resumed (every message delivered
//! exactly once), pause, cancel and the pace, the test message, and the password kept in the
//! operating system's credential store, never in the database.

#![cfg(unix)] // The test server is a Linux process (Python); see scripts/test-windows.sh.

mod common;
mod messaging;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use binome::actions::messages::{self as msg, Audience};
use binome::actions::sending::{self, Control, Pace, SendProgress};
use binome::messages::smtp::{Security, SmtpSettings};
use binome::model::{Delivery, EditionId, PairStatus};
use binome::Store;
use messaging::server::{Server, LOGIN, PASSWORD};
use messaging::small_edition;

fn configure(store: &mut Store, edition: EditionId, server: &Server, security: Security) {
    sending::set_settings(
        store,
        edition,
        &SmtpSettings {
            host: "localhost".into(),
            port: server.port,
            security,
            login: LOGIN.into(),
            per_minute: 0,
            certificate: Some(server.ca.display().to_string()),
        },
    )
    .unwrap();
}

fn quick() -> Pace {
    Pace {
        per_minute: 0,
        retries: 2,
        retry_delay: Duration::from_millis(20),
    }
}

fn queue(store: &mut Store, edition: EditionId) -> String {
    let audience = Audience::Owed {
        people: None,
        finals: false,
    };
    msg::queue_wave(store, edition, &audience, msg::now())
        .unwrap()
        .wave
}

fn send(store: &mut Store, edition: EditionId, wave: &str, pace: &Pace) -> SendProgress {
    sending::send_wave(
        store,
        edition,
        wave,
        Some(PASSWORD),
        pace,
        &Control::default(),
        &mut |_| {},
    )
    .unwrap()
}

fn per_recipient(server: &Server) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for m in server.received() {
        *out.entry(m.to).or_default() += 1;
    }
    out
}

#[test]
fn a_wave_goes_through_starttls_and_auth_and_parses_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let server = Server::start(dir.path(), "recus", &[]);
    configure(&mut store, edition, &server, Security::StartTls);
    let wave = queue(&mut store, edition);
    // Logged before anything leaves, with a stable Message-ID each.
    let log = store.notifications(edition).unwrap();
    assert_eq!(log.len(), 5);
    assert!(log.iter().all(|n| n.delivery == Delivery::Queued));
    // Nobody is « notifié » before the server accepted.
    assert!(store
        .list_pairs(edition)
        .unwrap()
        .iter()
        .all(|p| p.status != PairStatus::Notified));

    let mut events = Vec::new();
    let done = sending::send_wave(
        &mut store,
        edition,
        &wave,
        Some(PASSWORD),
        &quick(),
        &Control::default(),
        &mut |p| events.push(p.clone()),
    )
    .unwrap();
    assert_eq!(
        (done.sent, done.refused, done.failed, done.uncertain),
        (5, 0, 0, 0)
    );
    assert!(done.finished && done.stopped.is_none());
    assert!(
        events.iter().any(|e| e.done == 3 && e.total == 5),
        "progress after each message"
    );

    let received = server.received();
    assert_eq!(received.len(), 5);
    let log = store.notifications(edition).unwrap();
    for n in &log {
        assert_eq!(n.delivery, Delivery::Sent);
        assert!(
            n.reply.as_deref().unwrap().starts_with("250"),
            "{:?}",
            n.reply
        );
        let got = received
            .iter()
            .find(|r| r.message_id == n.message_id)
            .unwrap_or_else(|| panic!("{} received", n.message_id));
        assert_eq!(Some(got.to.clone()), n.email);
        assert_eq!(got.subject, n.subject);
        assert!(got.body.contains("L311-3-1"), "{}", got.body);
    }
    let claire = received
        .iter()
        .find(|r| r.to == "claire@etat.example")
        .unwrap();
    assert!(claire.subject.contains("2 étudiants"), "{}", claire.subject);
    assert!(claire.body.contains("Zoé MARTIN") && claire.body.contains("Léo BERNARD"));
    // Accepted: everyone is told, every pair « notifié ».
    assert!(msg::to_notify(&store, edition, false).unwrap().is_empty());
    assert!(store
        .list_pairs(edition)
        .unwrap()
        .iter()
        .all(|p| p.status == PairStatus::Notified));
    // Sending the same wave again sends nothing.
    assert_eq!(send(&mut store, edition, &wave, &quick()).sent, 0);
    assert_eq!(server.received().len(), 5);
}

#[test]
fn refused_recipients_are_logged_and_busy_ones_retried() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let server = Server::start(
        dir.path(),
        "recus",
        &[
            "--refuse",
            "zoe@etu.example",
            "--busy",
            "leo@etu.example",
            "--busy-times",
            "2",
        ],
    );
    configure(&mut store, edition, &server, Security::StartTls);
    let wave = queue(&mut store, edition);
    let done = send(&mut store, edition, &wave, &quick());
    assert_eq!(
        (done.sent, done.refused, done.failed),
        (4, 1, 0),
        "{done:?}"
    );
    let counts = per_recipient(&server);
    assert_eq!(
        counts.get("leo@etu.example"),
        Some(&1),
        "busy twice, then sent once"
    );
    assert_eq!(counts.get("zoe@etu.example"), None);
    let zoe = store
        .notifications(edition)
        .unwrap()
        .into_iter()
        .find(|n| n.email.as_deref() == Some("zoe@etu.example"))
        .unwrap();
    assert_eq!(zoe.delivery, Delivery::Refused);
    assert!(
        zoe.reply.as_deref().unwrap().contains("550"),
        "{:?}",
        zoe.reply
    );
    // Zoé is still owed her message, and says why.
    let owed = msg::to_notify(&store, edition, false).unwrap();
    assert_eq!(owed.len(), 1);
    assert!(
        owed[0].pending.as_deref().unwrap().contains("refusé"),
        "{:?}",
        owed[0].pending
    );
    // Her pair is not « notifié »; Claire's other pair (Léo) is.
    let pairs = store.list_pairs(edition).unwrap();
    assert_eq!(
        pairs
            .iter()
            .filter(|p| p.status == PairStatus::Notified)
            .count(),
        2
    );

    // Busy more times than the retries allow: « non envoyé », sent on resume.
    let dir2 = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir2.path());
    let server = Server::start(
        dir2.path(),
        "recus",
        &["--busy", "ines@etu.example", "--busy-times", "3"],
    );
    configure(&mut store, edition, &server, Security::StartTls);
    let wave = queue(&mut store, edition);
    let done = send(&mut store, edition, &wave, &quick());
    assert_eq!((done.sent, done.failed), (4, 1));
    assert_eq!(
        sending::unfinished_waves(&store, edition).unwrap(),
        vec![wave.clone()]
    );
    let again = send(&mut store, edition, &wave, &quick());
    assert_eq!(again.sent, 1);
    assert_eq!(per_recipient(&server).get("ines@etu.example"), Some(&1));
    assert!(sending::unfinished_waves(&store, edition)
        .unwrap()
        .is_empty());
}

#[test]
fn cut_connections_then_resume_deliver_every_message_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    // Cut before Claire's message is whole (not received), and after Marc's (received, the
    // answer lost).
    let server = Server::start(
        dir.path(),
        "recus",
        &[
            "--cut-rcpt",
            "claire@etat.example",
            "--cut-after-data",
            "marc@etat.example",
        ],
    );
    configure(&mut store, edition, &server, Security::StartTls);
    let wave = queue(&mut store, edition);
    let no_retry = Pace {
        retries: 0,
        ..quick()
    };
    let done = send(&mut store, edition, &wave, &no_retry);
    assert_eq!(
        (done.sent, done.failed, done.uncertain),
        (3, 1, 1),
        "{done:?}"
    );
    let by_email = |store: &Store, email: &str| {
        store
            .notifications(edition)
            .unwrap()
            .into_iter()
            .find(|n| n.email.as_deref() == Some(email))
            .unwrap()
    };
    assert_eq!(
        by_email(&store, "claire@etat.example").delivery,
        Delivery::Failed
    );
    let marc = by_email(&store, "marc@etat.example");
    assert_eq!(
        marc.delivery,
        Delivery::Sending,
        "perhaps received: never sent again alone"
    );
    assert!(marc.reply.as_deref().unwrap().contains("peut-être reçu"));

    // Resume: Claire's goes, Marc's does not go twice.
    let resumed = send(&mut store, edition, &wave, &no_retry);
    assert_eq!((resumed.total, resumed.sent), (1, 1));
    let counts = per_recipient(&server);
    assert_eq!(counts.len(), 5);
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
    // Marc is shown in « À prévenir » as uncertain, held out of a new wave unless chosen.
    let owed = msg::to_notify(&store, edition, false).unwrap();
    assert_eq!(owed.len(), 1);
    assert!(owed[0].uncertain);
    let plan = msg::plan(
        &store,
        edition,
        &Audience::Owed {
            people: None,
            finals: false,
        },
    )
    .unwrap();
    assert!(plan.messages.is_empty());
    assert_eq!(plan.held.len(), 1);

    // The server gone mid-season: nothing is marked, the wave waits; back, it all goes once.
    let port = server.port;
    server.stop();
    let dir2 = tempfile::tempdir().unwrap();
    let (mut store2, edition2) = small_edition(dir2.path());
    let down = Server::start(dir2.path(), "recus", &[]);
    configure(&mut store2, edition2, &down, Security::StartTls);
    let wave2 = queue(&mut store2, edition2);
    let port2 = down.port;
    down.stop();
    let error = sending::send_wave(
        &mut store2,
        edition2,
        &wave2,
        Some(PASSWORD),
        &no_retry,
        &Control::default(),
        &mut |_| {},
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("Impossible de joindre le serveur localhost"),
        "{error}"
    );
    assert!(store2
        .notifications(edition2)
        .unwrap()
        .iter()
        .all(|n| n.delivery == Delivery::Queued));
    let back = Server::start_on(dir2.path(), "recus", port2, &[]);
    assert_eq!(send(&mut store2, edition2, &wave2, &no_retry).sent, 5);
    assert!(per_recipient(&back).values().all(|&n| n == 1));
    let _ = port;
}

#[test]
fn pause_cancel_and_the_pace() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let server = Server::start(dir.path(), "recus", &[]);
    configure(&mut store, edition, &server, Security::StartTls);
    let wave = queue(&mut store, edition);

    // Cancelled after the second message: the others wait, untouched.
    let control = Control::default();
    let done = sending::send_wave(
        &mut store,
        edition,
        &wave,
        Some(PASSWORD),
        &quick(),
        &control,
        &mut |p| {
            if p.done == 2 {
                control.cancel();
            }
        },
    )
    .unwrap();
    assert_eq!(done.sent, 2);
    assert!(done.stopped.as_deref().unwrap().contains("annulé"));
    assert_eq!(server.received().len(), 2);

    // Paused from another thread, then resumed; 600 a minute: at least 100 ms between two.
    let control = Arc::new(Control::default());
    control.pause(true);
    let remote = Arc::clone(&control);
    let unpause = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        remote.pause(false);
    });
    let start = Instant::now();
    let mut saw_pause = false;
    let rest = sending::send_wave(
        &mut store,
        edition,
        &wave,
        Some(PASSWORD),
        &Pace {
            per_minute: 600,
            ..quick()
        },
        &control,
        &mut |p| saw_pause |= p.paused,
    )
    .unwrap();
    unpause.join().unwrap();
    assert!(saw_pause);
    assert_eq!(rest.sent, 3);
    assert!(
        start.elapsed() >= Duration::from_millis(300 + 200),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(server.received().len(), 5);
}

#[test]
fn the_test_message_implicit_tls_and_refusals_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let server = Server::start(dir.path(), "recus", &["--implicit-tls"]);
    configure(&mut store, edition, &server, Security::Tls);
    let reply = sending::send_test(&store, edition, Some(PASSWORD)).unwrap();
    assert!(reply.starts_with("250"), "{reply}");
    let got = server.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, "vismonjob@numerique.gouv.fr");
    assert!(got[0].subject.contains("message d'essai"));
    assert!(
        store.notifications(edition).unwrap().is_empty(),
        "a test is not logged"
    );

    let wrong = sending::send_test(&store, edition, Some("pas-le-bon"))
        .unwrap_err()
        .to_string();
    assert!(
        wrong.contains("refusé l'identifiant ou le mot de passe"),
        "{wrong}"
    );
    assert!(wrong.contains("535"), "the server's answer: {wrong}");

    // A certificate nobody vouches for.
    let mut settings = sending::settings(&store, edition).unwrap();
    settings.security = Security::Tls;
    settings.certificate = None;
    sending::set_settings(&mut store, edition, &settings).unwrap();
    let untrusted = sending::send_test(&store, edition, Some(PASSWORD))
        .unwrap_err()
        .to_string();
    assert!(
        untrusted.contains("La connexion chiffrée avec localhost a échoué"),
        "{untrusted}"
    );
    // No encryption is for this computer only.
    settings.host = "smtp.exemple.fr".into();
    settings.security = Security::None;
    sending::set_settings(&mut store, edition, &settings).unwrap();
    let plain = sending::send_test(&store, edition, Some(PASSWORD))
        .unwrap_err()
        .to_string();
    assert!(plain.contains("sans chiffrement"), "{plain}");
}

/// A credential store kept in this test process's memory: installed only where the machine has
/// none (a headless Linux box has no Secret Service, and containers refuse the kernel keyring),
/// so that Binômes' own code around the store still runs. keyring's own mock keeps nothing from
/// one entry to the next, so it cannot show a password read back.
mod memory_store {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use keyring::credential::{Credential, CredentialApi, CredentialBuilderApi};

    static KEPT: Mutex<Option<HashMap<String, Vec<u8>>>> = Mutex::new(None);

    struct Entry(String);

    impl CredentialApi for Entry {
        fn set_secret(&self, secret: &[u8]) -> keyring::Result<()> {
            KEPT.lock()
                .unwrap()
                .get_or_insert_with(HashMap::new)
                .insert(self.0.clone(), secret.to_vec());
            Ok(())
        }
        fn get_secret(&self) -> keyring::Result<Vec<u8>> {
            KEPT.lock()
                .unwrap()
                .get_or_insert_with(HashMap::new)
                .get(&self.0)
                .cloned()
                .ok_or(keyring::Error::NoEntry)
        }
        fn delete_credential(&self) -> keyring::Result<()> {
            KEPT.lock()
                .unwrap()
                .get_or_insert_with(HashMap::new)
                .remove(&self.0)
                .map(|_| ())
                .ok_or(keyring::Error::NoEntry)
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    struct Builder;

    impl CredentialBuilderApi for Builder {
        fn build(
            &self,
            _: Option<&str>,
            service: &str,
            user: &str,
        ) -> keyring::Result<Box<Credential>> {
            Ok(Box::new(Entry(format!("{service}/{user}"))))
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    pub fn install() {
        keyring::set_default_credential_builder(Box::new(Builder));
    }
}

#[test]
fn the_password_is_kept_by_the_system_never_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let server = Server::start(dir.path(), "recus", &[]);
    configure(&mut store, edition, &server, Security::StartTls);
    // The server's password: the session must get it back from the credential store.
    let secret = PASSWORD.to_string();
    let kept = match sending::save_password(&store, edition, &secret) {
        Ok(kept) => {
            eprintln!("mot de passe gardé par le système : {kept:?}");
            kept
        }
        Err(e) => {
            // No credential store on this machine: said in French, nothing stored anywhere.
            let text = e.to_string();
            assert!(text.contains("coffre des mots de passe"), "{text}");
            eprintln!("pas de coffre de mots de passe ici ({text}) : coffre de test en mémoire");
            memory_store::install();
            sending::save_password(&store, edition, &secret).unwrap()
        }
    };
    assert_eq!(kept, binome::messages::smtp::KeptIn::System);
    let read = sending::stored_password(&store, edition).unwrap();
    assert_eq!(read.as_deref(), Some(secret.as_str()));
    // The password read from the store opens the session.
    let reply = sending::send_test(&store, edition, read.as_deref()).unwrap();
    assert!(reply.starts_with("250"));
    // Not one byte of it in the data folder (database, journal, backups).
    drop(store);
    assert!(common::found_on_disk(dir.path(), std::slice::from_ref(&secret)).is_empty());
    let store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    binome::messages::smtp::forget_password(&sending::settings(&store, edition).unwrap());
    assert_eq!(sending::stored_password(&store, edition).unwrap(), None);
}

#[test]
fn after_a_crash_mid_send_the_message_in_flight_is_never_sent_again_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, edition) = small_edition(dir.path());
    let server = Server::start(dir.path(), "recus", &[]);
    configure(&mut store, edition, &server, Security::StartTls);
    let wave = queue(&mut store, edition);
    // The state a crash leaves: the first message marked « en cours » (written before it left),
    // its answer never recorded; the process gone. The database is opened again.
    let first = store.notifications(edition).unwrap()[0].clone();
    store
        .set_delivery(edition, first.id, Delivery::Sending, None)
        .unwrap();
    drop(store);
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let resumed = send(&mut store, edition, &wave, &quick());
    assert_eq!((resumed.total, resumed.sent), (4, 4));
    assert!(server
        .received()
        .iter()
        .all(|r| Some(r.to.clone()) != first.email));
    // It waits for the organiser in « À prévenir », held out of a new wave unless chosen.
    let owed = msg::to_notify(&store, edition, false).unwrap();
    assert_eq!(owed.len(), 1);
    assert!(owed[0].uncertain);
    assert!(owed[0]
        .pending
        .as_deref()
        .unwrap()
        .contains("peut-être reçu"));
    let chosen = Audience::Owed {
        people: Some(vec![(owed[0].role, owed[0].person)]),
        finals: false,
    };
    assert_eq!(
        msg::plan(&store, edition, &chosen).unwrap().messages.len(),
        1
    );
}
