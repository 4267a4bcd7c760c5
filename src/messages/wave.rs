//! A wave on disk: one folder per wave, named with the edition and the date and time, holding
//! one `.eml` draft per message that has an address and the mail-merge `publipostage.csv`. A
//! wave's folder is created new: an earlier wave's files are never overwritten.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Message, Templates};
use crate::model::{MessageKind, PairId, Role};

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DraftsSummary {
    /// The wave's name (its folder's name, and the log's).
    pub wave: String,
    pub folder: String,
    pub drafts: usize,
    pub merge_sheet: String,
    /// People with no e-mail: to be told another way.
    pub without_email: Vec<String>,
    pub pairs: Vec<PairId>,
    /// The log's lines for these drafts, to confirm once sent from the mail tool.
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub logged: Vec<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum MessagesError {
    #[error("Impossible d'écrire les messages dans « {folder} » : {detail}")]
    Write { folder: String, detail: String },
    #[error("Impossible de composer le message à {to} : {detail}")]
    Compose { to: String, detail: String },
    #[error(transparent)]
    Smtp(#[from] super::smtp::SmtpError),
}

fn slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let ascii: String = text
        .nfd()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .collect::<String>()
        .to_lowercase();
    let slug = ascii.split_whitespace().collect::<Vec<_>>().join("-");
    // A name pasted twice over must not make a file name longer than the system allows.
    slug.chars()
        .take(SLUG_MAX)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// The most characters of a name in a file or folder name.
const SLUG_MAX: usize = 60;

/// A wave's name: the edition and the date and time in UTC
/// (« vis-mon-job-2026_2026-12-04_09h30m05_UTC »).
pub fn wave_name(edition: &str, now: time::OffsetDateTime) -> String {
    let edition = slug(edition);
    let edition = if edition.is_empty() {
        "edition".to_string()
    } else {
        edition
    };
    format!(
        "{edition}_{:04}-{:02}-{:02}_{:02}h{:02}m{:02}_UTC",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

/// A Message-ID of our own, stable for one message of one wave: the same line of the log
/// always sends the same id, so a resumed send can be recognised.
pub fn message_id(templates: &Templates, wave: &str, message: &Message) -> String {
    let domain = templates
        .organiser_email
        .rsplit_once('@')
        .map(|(_, d)| d.trim())
        .filter(|d| {
            !d.is_empty()
                && d.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        })
        .unwrap_or("binomes.invalid");
    let role = match message.role {
        Role::Student => "e",
        Role::Ambassador => "a",
    };
    format!(
        "{}.{}{}.{}@{domain}",
        slug(wave),
        role,
        message.person,
        message.kind.as_str().replace('_', "-")
    )
}

fn kind_file(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::NewPair => "binome",
        MessageKind::Change => "changement",
        MessageKind::Cancellation => "annulation",
        MessageKind::NoPair => "sans-binome",
        MessageKind::NoStudent => "sans-etudiant",
        MessageKind::Reminder => "rappel",
        MessageKind::Thanks => "merci",
    }
}

/// The message as MIME bytes (UTF-8, encoded headers), with its Message-ID. A draft is marked
/// unsent, so Outlook and Thunderbird open it as a message to send.
pub fn mime(
    message: &Message,
    templates: &Templates,
    message_id: &str,
    draft: bool,
) -> Result<Vec<u8>, MessagesError> {
    let to = message.to_email.clone().unwrap_or_default();
    let mut builder = mail_builder::MessageBuilder::new()
        .from((
            templates.organiser_name.clone(),
            templates.organiser_email.clone(),
        ))
        .to((message.to_name.clone(), to))
        .subject(message.subject.clone())
        .message_id(message_id.to_string())
        .text_body(message.body.clone());
    if draft {
        builder = builder.header("X-Unsent", mail_builder::headers::raw::Raw::new("1"));
    }
    builder.write_to_vec().map_err(|e| MessagesError::Compose {
        to: message.to_name.clone(),
        detail: e.to_string(),
    })
}

/// Creates the wave's folder inside `base`, never reusing one: a second wave in the same
/// second gets « -2 ».
pub fn create_wave_folder(base: &Path, wave: &str) -> Result<(String, PathBuf), MessagesError> {
    let fail = |detail: String| MessagesError::Write {
        folder: base.display().to_string(),
        detail,
    };
    std::fs::create_dir_all(base).map_err(|e| fail(crate::files::write_refused_fr(&e)))?;
    for n in 1..1000 {
        let name = if n == 1 {
            wave.to_string()
        } else {
            format!("{wave}-{n}")
        };
        let path = base.join(&name);
        match std::fs::create_dir(&path) {
            Ok(()) => {
                crate::files::private_folder(&path);
                return Ok((name, path));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(fail(crate::files::write_refused_fr(&e))),
        }
    }
    Err(fail("trop de vagues portent déjà ce nom".into()))
}

/// Writes a wave into its own new folder: one `.eml` draft per message that has an address
/// (with the Message-ID given for it), and `publipostage.csv` (one row per message, UTF-8
/// with BOM, `;`, CRLF, formulas neutralised).
pub fn write_wave(
    messages: &[(Message, String)],
    folder: &Path,
    wave: &str,
    templates: &Templates,
) -> Result<DraftsSummary, MessagesError> {
    let fail = |detail: String| MessagesError::Write {
        folder: folder.display().to_string(),
        detail,
    };
    let mut written = 0;
    let mut without_email = Vec::new();
    for (i, (message, id)) in messages.iter().enumerate() {
        if message.to_email.is_none() {
            without_email.push(message.to_name.clone());
            continue;
        }
        let role = match message.role {
            Role::Student => "etudiant",
            Role::Ambassador => "ambassadeur",
        };
        let path: PathBuf = folder.join(format!(
            "{:04}-{}-{role}-{}.eml",
            i + 1,
            kind_file(message.kind),
            slug(&message.to_name)
        ));
        let bytes = mime(message, templates, id, true)?;
        write_new(&path, &bytes).map_err(|e| fail(crate::files::write_refused_fr(&e)))?;
        written += 1;
    }
    let merge_path = folder.join("publipostage.csv");
    // As French Excel on Windows reads it: UTF-8 with a byte-order mark, `;`, CRLF.
    let mut csv = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "Rôle",
        "Nom",
        "Email",
        "Objet",
        "Message",
        "Type",
        "Message-ID",
    ];
    csv.write_record(header).map_err(|e| fail(e.to_string()))?;
    for (message, id) in messages {
        let role = match message.role {
            Role::Student => "étudiant",
            Role::Ambassador => "ambassadeur",
        };
        // Names and texts come from applicants: none may become a formula in Excel.
        let safe = crate::text::csv_safe;
        csv.write_record([
            role,
            &safe(&message.to_name),
            &safe(message.to_email.as_deref().unwrap_or("")),
            &safe(&message.subject),
            &safe(&message.body),
            message.kind.label_fr(),
            &safe(id),
        ])
        .map_err(|e| fail(e.to_string()))?;
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(csv.into_inner().map_err(|e| fail(e.to_string()))?);
    write_new(&merge_path, &bytes).map_err(|e| fail(crate::files::write_refused_fr(&e)))?;
    let mut pairs: Vec<PairId> = messages.iter().flat_map(|(m, _)| m.pairs.clone()).collect();
    pairs.sort();
    pairs.dedup();
    Ok(DraftsSummary {
        wave: wave.to_string(),
        folder: folder.display().to_string(),
        drafts: written,
        merge_sheet: merge_path.display().to_string(),
        without_email,
        pairs,
        logged: Vec::new(),
    })
}

/// Writes a file that must not exist yet (a wave never overwrites), owner-only.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    // Not synced one by one: a draft lost to a power cut is written again with the next wave
    // (it is logged as a draft, not as sent), and 4,000 syncs would cost seconds.
    file.write_all(bytes)?;
    drop(file);
    crate::files::private_file(path);
    Ok(())
}
