//! Times telling people on a large edition (used by bench/messages.sh): composing every message
//! owed (« Prévenir… » on the whole list, final messages included), writing them as a wave of
//! drafts, then sending a thousand of them through a real SMTP server on localhost (STARTTLS and
//! AUTH, one session). Usage: messages_bench DB DRAFTS_DIR PORT CA_PEM LOGIN PASSWORD [SEND]
use std::time::Instant;

use binome::actions::messages::{self as msg, Audience};
use binome::actions::sending::{self, Control, Pace};
use binome::messages::smtp::{Security, SmtpSettings};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 7 {
        eprintln!("usage: messages_bench DB DRAFTS_DIR PORT CA_PEM LOGIN PASSWORD [SEND]");
        std::process::exit(2);
    }
    let send: usize = args.get(7).and_then(|n| n.parse().ok()).unwrap_or(1000);
    let mut store = binome::Store::open(std::path::Path::new(&args[1])).expect("open");
    let edition = store.list_editions().expect("editions")[0].edition.id;
    let all = Audience::Owed {
        people: None,
        finals: true,
    };

    let t = Instant::now();
    let owed = msg::to_notify(&store, edition, true).expect("owed");
    let owed_time = t.elapsed();
    let t = Instant::now();
    let plan = msg::plan(&store, edition, &all).expect("plan");
    let compose = t.elapsed();
    println!(
        "« À prévenir » : {} personnes en {:.0} ms ; composer {} messages : {:.0} ms ({:.0} messages/s)",
        owed.len(),
        owed_time.as_secs_f64() * 1000.0,
        plan.messages.len(),
        compose.as_secs_f64() * 1000.0,
        plan.messages.len() as f64 / compose.as_secs_f64()
    );

    let t = Instant::now();
    let drafts = msg::write_wave(
        &mut store,
        edition,
        std::path::Path::new(&args[2]),
        &all,
        msg::now(),
    )
    .expect("drafts");
    let write = t.elapsed();
    println!(
        "brouillons : {} .eml + publipostage.csv ({} lignes au journal) en {:.0} ms",
        drafts.drafts,
        drafts.logged.len(),
        write.as_secs_f64() * 1000.0
    );

    sending::set_settings(
        &mut store,
        edition,
        &SmtpSettings {
            host: "localhost".into(),
            port: args[3].parse().expect("port"),
            security: Security::StartTls,
            login: args[5].clone(),
            per_minute: 0,
            certificate: Some(args[4].clone()),
        },
    )
    .expect("settings");
    // The first `send` people with an address, queued (logged before anything leaves).
    let people: Vec<_> = owed
        .iter()
        .filter(|o| o.email.is_some())
        .take(send)
        .map(|o| (o.role, o.person))
        .collect();
    let t = Instant::now();
    let queued = msg::queue_wave(
        &mut store,
        edition,
        &Audience::Owed {
            people: Some(people),
            finals: true,
        },
        msg::now(),
    )
    .expect("queue");
    let queue = t.elapsed();
    let t = Instant::now();
    let done = sending::send_wave(
        &mut store,
        edition,
        &queued.wave,
        Some(&args[6]),
        &Pace {
            per_minute: 0,
            retries: 2,
            retry_delay: std::time::Duration::from_millis(200),
        },
        &Control::default(),
        &mut |_| {},
    )
    .expect("send");
    let sending = t.elapsed();
    println!(
        "envoi SMTP : {} mis en file en {:.0} ms ; {} envoyés, {} refusés, {} non envoyés en {:.1} s ({:.0} messages/s, journal écrit avant et après chacun)",
        queued.queued,
        queue.as_secs_f64() * 1000.0,
        done.sent,
        done.refused,
        done.failed,
        sending.as_secs_f64(),
        done.sent as f64 / sending.as_secs_f64()
    );
}
