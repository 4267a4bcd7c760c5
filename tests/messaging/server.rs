//! A real SMTP server for the tests: Python's aiosmtpd (Debian's python3-aiosmtpd, installed by
//! scripts/test.sh) started on a free port of localhost with STARTTLS (or implicit TLS) and
//! AUTH, a certificate signed by an authority made for the run, and the behaviours a test asks
//! for (tests/smtp/server.py). Stopped when dropped. What it accepted is read back from disk.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const LOGIN: &str = "organisatrice";
pub const PASSWORD: &str = "mot-de-passe";

pub struct Server {
    child: Child,
    pub port: u16,
    pub out: PathBuf,
    pub ca: PathBuf,
}

fn python() -> &'static str {
    // Debian's interpreter, where apt installs aiosmtpd (another python3 may come first in PATH).
    if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
}

/// The certificate authority and the server's certificate, made once per folder.
pub fn certificates(dir: &Path) -> PathBuf {
    let certs = dir.join("certs");
    if !certs.join("server.pem").exists() {
        std::fs::create_dir_all(&certs).unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/certs.sh");
        let status = Command::new("sh").arg(script).arg(&certs).status().unwrap();
        assert!(status.success(), "openssl made the test certificates");
    }
    certs
}

impl Server {
    /// Starts the server; `args` are tests/smtp/server.py's behaviours (« --refuse », …).
    pub fn start(dir: &Path, out: &str, args: &[&str]) -> Server {
        Server::start_on(dir, out, 0, args)
    }

    pub fn start_on(dir: &Path, out: &str, port: u16, args: &[&str]) -> Server {
        let certs = certificates(dir);
        let out = dir.join(out);
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg("--out")
            .arg(&out)
            .arg("--cert")
            .arg(certs.join("server.pem"))
            .arg("--key")
            .arg(certs.join("server.key"))
            .arg("--port")
            .arg(port.to_string())
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 with aiosmtpd (apt install python3-aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("PRET ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP server did not start: « {line} »"));
        Server {
            child,
            port,
            out,
            ca: certs.join("ca.pem"),
        }
    }

    /// Every message the server accepted, in order: (recipient, Message-ID, subject, body).
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<_> = std::fs::read_dir(&self.out)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .map(|f| {
                let raw = std::fs::read(f).unwrap();
                let m = mail_parser::MessageParser::default().parse(&raw).unwrap();
                Received {
                    to: m
                        .to()
                        .and_then(|t| t.first())
                        .and_then(|a| a.address())
                        .unwrap_or_default()
                        .to_string(),
                    message_id: m.message_id().unwrap_or_default().to_string(),
                    subject: m.subject().unwrap_or_default().to_string(),
                    body: m.body_text(0).map(|b| b.to_string()).unwrap_or_default(),
                }
            })
            .collect()
    }

    pub fn stop(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub message_id: String,
    pub subject: String,
    pub body: String,
}
