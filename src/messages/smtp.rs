//! Real sending, over SMTP, to the server the organiser configured (the only network Binômes
//! ever uses): STARTTLS or implicit TLS with the system's certificate authorities (and one
//! more the organiser may trust, for a server with an internal certificate), AUTH with the
//! login, the password from the operating system's credential store (never from the SQLite
//! file). The session is driven command by command so that, when the connection is cut, we
//! know whether the server could have had the whole message: before the end of DATA it did
//! not (the message is sent again later); after, it may have (never sent again without the
//! organiser).

use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::ClientId;
use lettre::Address;
use serde::{Deserialize, Serialize};

/// How the connection to the server is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (port 587); refused if the server cannot.
    #[default]
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only to a server on this computer (a local relay).
    None,
}

/// The SMTP server of an edition (stored with it; the password is not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The login; empty when the server asks for none.
    pub login: String,
    /// At most this many messages a minute (0: no limit). Servers throttle or block a sender
    /// who goes too fast.
    pub per_minute: u32,
    /// A PEM file of a certificate authority to trust besides the system's (a server with an
    /// internal certificate).
    pub certificate: Option<String>,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        SmtpSettings {
            host: String::new(),
            port: 587,
            security: Security::StartTls,
            login: String::new(),
            per_minute: 60,
            certificate: None,
        }
    }
}

/// Why the server could not be used, in French.
#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    #[error("Aucun serveur d'envoi n'est configuré : renseignez le serveur SMTP dans « Envoi des messages ».")]
    NotConfigured,
    #[error("Une connexion sans chiffrement n'est permise que vers un serveur de cet ordinateur (localhost), pas vers « {host} » : choisissez STARTTLS ou TLS.")]
    PlainRemote { host: String },
    #[error("Le certificat « {path} » n'a pas pu être lu (fichier PEM d'une autorité de certification attendu).")]
    Certificate { path: String },
    #[error("Impossible de joindre le serveur {host}:{port} ({detail}). Vérifiez le nom, le port et votre connexion.")]
    Connect {
        host: String,
        port: u16,
        detail: String,
    },
    #[error("La connexion chiffrée avec {host} a échoué : certificat non reconnu ou mode de sécurité différent de celui du serveur (STARTTLS sur le port 587, TLS sur le port 465).")]
    Tls { host: String },
    #[error("Le serveur {host} ne propose pas STARTTLS : rien n'a été envoyé en clair. Essayez le mode TLS (port 465).")]
    NoStartTls { host: String },
    #[error("Le serveur a refusé l'identifiant ou le mot de passe ({reply}).")]
    Auth { reply: String },
    #[error("Le serveur demande un mot de passe : enregistrez-le dans « Envoi des messages ».")]
    NoPassword,
    #[error("L'adresse de l'expéditeur « {address} » n'est pas valide : corrigez l'e-mail de l'organisateur.")]
    Sender { address: String },
    #[error("Le coffre des mots de passe du système n'est pas disponible ({detail}) : le mot de passe n'a pas été enregistré.")]
    Keyring { detail: String },
    #[error("Le serveur a refusé le message d'essai ({reply}).")]
    TestRefused { reply: String },
}

/// Why one message did not go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Refused for good (5xx): an unknown address, a message refused.
    Refused { reply: String },
    /// Refused for now (4xx): to try again.
    Transient { reply: String },
    /// The connection broke before the server had the whole message: not received.
    Cut { detail: String },
    /// The connection broke after the whole message was sent, before the server answered:
    /// perhaps received.
    Uncertain { detail: String },
    /// The recipient's address cannot be written in an envelope.
    BadAddress { address: String },
}

impl Failure {
    /// What the log keeps of it, in French with the server's own words.
    pub fn reply(&self) -> String {
        match self {
            Failure::Refused { reply } => reply.clone(),
            Failure::Transient { reply } => format!("{reply} (refus temporaire)"),
            Failure::Cut { detail } => format!("connexion coupée avant la fin de l'envoi ({detail})"),
            Failure::Uncertain { detail } => format!(
                "connexion coupée après l'envoi, avant la réponse du serveur ({detail}) : peut-être reçu"
            ),
            Failure::BadAddress { address } => format!("adresse « {address} » invalide"),
        }
    }
}

/// The server's words for a refusal: its code and its text (never the library's).
fn server_reply(error: &lettre::transport::smtp::Error) -> Option<String> {
    let code = error.status()?;
    let text = std::error::Error::source(error)
        .map(|s| s.to_string())
        .unwrap_or_default();
    Some(format!("{code} {text}").trim().to_string())
}

/// A French word for a broken connection (the library's text goes to the log).
fn network_detail(error: &lettre::transport::smtp::Error) -> String {
    log::warn!("SMTP : {error:?}");
    if error.is_timeout() {
        "délai dépassé".into()
    } else if error.is_tls() {
        "erreur de chiffrement".into()
    } else {
        "connexion interrompue".into()
    }
}

/// Whether a failed connection is a certificate refused during the TLS handshake (the library
/// reports it as a connection error; its words are only read here, never shown).
fn certificate_problem(error: &lettre::transport::smtp::Error) -> bool {
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(e) = source {
        let text = format!("{e:?}");
        if text.contains("InvalidCertificate") || text.contains("certificate") {
            return true;
        }
        source = e.source();
    }
    false
}

/// Whether a host is this computer.
fn is_local(host: &str) -> bool {
    matches!(host.trim(), "localhost" | "127.0.0.1" | "::1" | "[::1]")
}

fn tls_parameters(settings: &SmtpSettings) -> Result<TlsParameters, SmtpError> {
    let mut builder = TlsParameters::builder(settings.host.trim().to_string());
    if let Some(path) = settings
        .certificate
        .as_deref()
        .filter(|p| !p.trim().is_empty())
    {
        let fail = || SmtpError::Certificate {
            path: path.to_string(),
        };
        let pem = std::fs::read(path).map_err(|_| fail())?;
        builder = builder.add_root_certificate(Certificate::from_pem(&pem).map_err(|_| fail())?);
    }
    builder.build_rustls().map_err(|e| {
        log::warn!("TLS : {e:?}");
        SmtpError::Tls {
            host: settings.host.clone(),
        }
    })
}

/// An open, authenticated session with the server.
pub struct Session {
    conn: SmtpConnection,
    from: Address,
}

/// The name we give in EHLO: not the computer's name, which would tell the server about the
/// organiser's machine for nothing.
fn hello() -> ClientId {
    ClientId::Domain("binomes.localdomain".into())
}

impl Session {
    /// Connects, protects the connection as configured, and logs in.
    pub fn open(
        settings: &SmtpSettings,
        password: Option<&str>,
        from: &str,
    ) -> Result<Session, SmtpError> {
        let host = settings.host.trim();
        if host.is_empty() {
            return Err(SmtpError::NotConfigured);
        }
        let from: Address = from.trim().parse().map_err(|_| SmtpError::Sender {
            address: from.to_string(),
        })?;
        if settings.security == Security::None && !is_local(host) {
            return Err(SmtpError::PlainRemote {
                host: host.to_string(),
            });
        }
        let tls = match settings.security {
            Security::None => None,
            _ => Some(tls_parameters(settings)?),
        };
        let timeout = Some(Duration::from_secs(30));
        let wrapper = match settings.security {
            Security::Tls => tls.as_ref(),
            _ => None,
        };
        let connect_error = |e: lettre::transport::smtp::Error| {
            if e.is_tls() || certificate_problem(&e) {
                log::warn!("SMTP : {e:?}");
                SmtpError::Tls {
                    host: host.to_string(),
                }
            } else {
                SmtpError::Connect {
                    host: host.to_string(),
                    port: settings.port,
                    detail: server_reply(&e).unwrap_or_else(|| network_detail(&e)),
                }
            }
        };
        let mut conn =
            SmtpConnection::connect((host, settings.port), timeout, &hello(), wrapper, None)
                .map_err(connect_error)?;
        if settings.security == Security::StartTls {
            if !conn.can_starttls() {
                conn.abort();
                return Err(SmtpError::NoStartTls {
                    host: host.to_string(),
                });
            }
            let params = tls.as_ref().ok_or(SmtpError::NotConfigured)?;
            conn.starttls(params, &hello()).map_err(connect_error)?;
        }
        if !settings.login.trim().is_empty() {
            let password = password.ok_or(SmtpError::NoPassword)?;
            let credentials =
                Credentials::new(settings.login.trim().to_string(), password.to_string());
            conn.auth(&[Mechanism::Plain, Mechanism::Login], &credentials)
                .map_err(|e| SmtpError::Auth {
                    reply: server_reply(&e).unwrap_or_else(|| network_detail(&e)),
                })?;
        }
        Ok(Session { conn, from })
    }

    /// Sends one message (MIME bytes, ASCII: mail-builder encodes headers and body) to one
    /// address. Returns the server's acceptance (« 250 … »).
    pub fn send(&mut self, to: &str, message: &[u8]) -> Result<String, Failure> {
        let to_address: Address = to.trim().parse().map_err(|_| Failure::BadAddress {
            address: to.to_string(),
        })?;
        let before_data = |e: lettre::transport::smtp::Error| -> Failure {
            match server_reply(&e) {
                Some(reply) if e.is_permanent() => Failure::Refused { reply },
                Some(reply) => Failure::Transient { reply },
                None => Failure::Cut {
                    detail: network_detail(&e),
                },
            }
        };
        self.conn
            .command(Mail::new(Some(self.from.clone()), vec![]))
            .map_err(before_data)?;
        if let Err(e) = self.conn.command(Rcpt::new(to_address, vec![])) {
            let failure = before_data(e);
            // The session stays usable for the next message after a refused recipient.
            let _ = self.conn.command(lettre::transport::smtp::commands::Rset);
            return Err(failure);
        }
        self.conn.command(Data).map_err(before_data)?;
        // The message and its final dot in one write: written in two (as lettre's `message`
        // does), the second waits for the first's acknowledgement, which the server delays
        // (Nagle's algorithm against delayed ACKs): 40 ms a message, 20 messages a second.
        let sent = match std::str::from_utf8(message) {
            Ok(text) => self.conn.command(DataBody(text)),
            Err(_) => self.conn.message(message),
        };
        match sent {
            Ok(response) => Ok(format!(
                "{} {}",
                response.code(),
                response.message().collect::<Vec<_>>().join(" ")
            )
            .trim()
            .to_string()),
            Err(e) => Err(match server_reply(&e) {
                Some(reply) if e.is_permanent() => Failure::Refused { reply },
                Some(reply) => Failure::Transient { reply },
                None => Failure::Uncertain {
                    detail: network_detail(&e),
                },
            }),
        }
    }

    /// Whether the connection still answers.
    pub fn alive(&mut self) -> bool {
        !self.conn.has_broken() && self.conn.test_connected()
    }

    /// Says goodbye to the server.
    pub fn close(mut self) {
        if self.conn.quit().is_err() {
            self.conn.abort();
        }
    }
}

/// A message as the DATA phase sends it: lines starting with a dot doubled (RFC 5321 §4.5.2),
/// ended by a line holding a single dot.
struct DataBody<'a>(&'a str);

impl std::fmt::Display for DataBody<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.0;
        if text.starts_with('.') {
            f.write_str(".")?;
        }
        f.write_str(&text.replace("\r\n.", "\r\n.."))?;
        if !text.ends_with("\r\n") {
            f.write_str("\r\n")?;
        }
        f.write_str(".\r\n")
    }
}

/// The name of Binômes' entries in the operating system's credential store.
const KEYRING_SERVICE: &str = "Binômes (envoi SMTP)";

fn account(settings: &SmtpSettings) -> String {
    format!(
        "{}@{}:{}",
        settings.login.trim(),
        settings.host.trim(),
        settings.port
    )
}

fn keyring_error(error: keyring::Error) -> SmtpError {
    log::warn!("trousseau : {error:?}");
    SmtpError::Keyring {
        detail: match error {
            keyring::Error::NoStorageAccess(_) => "accès refusé ou coffre verrouillé".into(),
            keyring::Error::PlatformFailure(_) => "service absent de cette session".into(),
            _ => "erreur du coffre".into(),
        },
    }
}

fn entry(settings: &SmtpSettings) -> Result<keyring::Entry, SmtpError> {
    keyring::Entry::new(KEYRING_SERVICE, &account(settings)).map_err(keyring_error)
}

/// On Linux without a Secret Service (a session with no GNOME Keyring or KWallet), the
/// kernel's own keyring keeps the password for the session.
#[cfg(target_os = "linux")]
fn kernel_entry(settings: &SmtpSettings) -> Result<keyring::Entry, SmtpError> {
    let credential = keyring::keyutils::KeyutilsCredential::new_with_target(
        None,
        KEYRING_SERVICE,
        &account(settings),
    )
    .map_err(keyring_error)?;
    Ok(keyring::Entry::new_with_credential(Box::new(credential)))
}

/// Which credential store keeps the password, as the organiser is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum KeptIn {
    /// The system's store (Keychain, Credential Manager, Secret Service): kept across restarts.
    System,
    /// The Linux kernel's keyring: kept until the session ends.
    Session,
}

/// Keeps the password in the operating system's credential store.
pub fn save_password(settings: &SmtpSettings, password: &str) -> Result<KeptIn, SmtpError> {
    let first = entry(settings).and_then(|e| e.set_password(password).map_err(keyring_error));
    match first {
        Ok(()) => Ok(KeptIn::System),
        #[cfg(target_os = "linux")]
        Err(_) => {
            kernel_entry(settings)?
                .set_password(password)
                .map_err(keyring_error)?;
            Ok(KeptIn::Session)
        }
        #[cfg(not(target_os = "linux"))]
        Err(e) => Err(e),
    }
}

/// The password kept for this server and login, if any.
pub fn password(settings: &SmtpSettings) -> Result<Option<String>, SmtpError> {
    let read = |entry: keyring::Entry| match entry.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(keyring_error(e)),
    };
    let system = entry(settings).and_then(read);
    #[cfg(target_os = "linux")]
    if !matches!(system, Ok(Some(_))) {
        if let Ok(Some(p)) = kernel_entry(settings).and_then(read) {
            return Ok(Some(p));
        }
    }
    system
}

/// Forgets the password (both stores).
pub fn forget_password(settings: &SmtpSettings) {
    if let Ok(e) = entry(settings) {
        let _ = e.delete_credential();
    }
    #[cfg(target_os = "linux")]
    if let Ok(e) = kernel_entry(settings) {
        let _ = e.delete_credential();
    }
}

#[cfg(test)]
mod tests {
    use super::DataBody;

    #[test]
    fn a_message_is_dot_stuffed_and_ended_by_a_single_dot() {
        assert_eq!(
            DataBody(".a\r\nb\r\n.c\r\n").to_string(),
            "..a\r\nb\r\n..c\r\n.\r\n"
        );
        assert_eq!(DataBody("a").to_string(), "a\r\n.\r\n");
    }
}
