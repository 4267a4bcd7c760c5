use serde::{Deserialize, Serialize};

use super::{EditionId, Role};

/// What a message tells its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum MessageKind {
    /// Your pair (to an ambassador: all their students in one message).
    NewPair,
    /// Your pair changed since we told you.
    Change,
    /// Your pair is cancelled (your partner withdrew or was moved).
    Cancellation,
    /// To a student: no pair this year.
    NoPair,
    /// To an ambassador: no student this year.
    NoStudent,
    /// A reminder before the day.
    Reminder,
    /// Thank you, after the day.
    Thanks,
}

impl MessageKind {
    pub const ALL: [MessageKind; 7] = [
        MessageKind::NewPair,
        MessageKind::Change,
        MessageKind::Cancellation,
        MessageKind::NoPair,
        MessageKind::NoStudent,
        MessageKind::Reminder,
        MessageKind::Thanks,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::NewPair => "new_pair",
            MessageKind::Change => "change",
            MessageKind::Cancellation => "cancellation",
            MessageKind::NoPair => "no_pair",
            MessageKind::NoStudent => "no_student",
            MessageKind::Reminder => "reminder",
            MessageKind::Thanks => "thanks",
        }
    }

    pub fn parse(value: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// The French name organisers see.
    pub fn label_fr(self) -> &'static str {
        match self {
            MessageKind::NewPair => "nouveau binôme",
            MessageKind::Change => "changement de binôme",
            MessageKind::Cancellation => "annulation du binôme",
            MessageKind::NoPair => "pas de binôme cette année",
            MessageKind::NoStudent => "pas d'étudiant cette année",
            MessageKind::Reminder => "rappel avant le jour J",
            MessageKind::Thanks => "remerciement",
        }
    }

    /// Whether the message tells the person where they stand (their pair or its absence), so
    /// that what they were told changes; a reminder or a thank-you does not.
    pub fn tells_standing(self) -> bool {
        !matches!(self, MessageKind::Reminder | MessageKind::Thanks)
    }
}

/// How a message left: a draft file for the organiser's mail tool, or sent by SMTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Means {
    Draft,
    Smtp,
}

impl Means {
    pub fn as_str(self) -> &'static str {
        match self {
            Means::Draft => "draft",
            Means::Smtp => "smtp",
        }
    }

    pub fn parse(value: &str) -> Option<Means> {
        match value {
            "draft" => Some(Means::Draft),
            "smtp" => Some(Means::Smtp),
            _ => None,
        }
    }
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Delivery {
    /// Composed and logged, waiting for its turn to be sent.
    Queued,
    /// A draft file was written; the organiser sends it from their mail tool.
    Drafted,
    /// Handed to the server, no answer recorded: after a crash, perhaps received. Never sent
    /// again without the organiser asking.
    Sending,
    /// Accepted by the server (or a draft the organiser says they sent).
    Sent,
    /// Refused for good by the server (an unknown address…).
    Refused,
    /// Not accepted (connection cut, server busy): to try again.
    Failed,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Queued => "queued",
            Delivery::Drafted => "drafted",
            Delivery::Sending => "sending",
            Delivery::Sent => "sent",
            Delivery::Refused => "refused",
            Delivery::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Delivery> {
        [
            Delivery::Queued,
            Delivery::Drafted,
            Delivery::Sending,
            Delivery::Sent,
            Delivery::Refused,
            Delivery::Failed,
        ]
        .into_iter()
        .find(|d| d.as_str() == value)
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Delivery::Queued => "en attente d'envoi",
            Delivery::Drafted => "brouillon écrit, envoi à confirmer",
            Delivery::Sending => "envoi interrompu (peut-être reçu)",
            Delivery::Sent => "envoyé",
            Delivery::Refused => "refusé par le serveur",
            Delivery::Failed => "non envoyé",
        }
    }
}

/// One line of the notification log: one message to one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub edition_id: EditionId,
    pub wave: String,
    pub role: Role,
    /// The student's or the ambassador's id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub person: i64,
    pub kind: MessageKind,
    /// The partners the message named (ambassadors for a student, students for an ambassador).
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub partners: Vec<i64>,
    pub means: Means,
    pub message_id: String,
    pub email: Option<String>,
    pub subject: String,
    pub body: String,
    pub delivery: Delivery,
    /// The server's answer, as it gave it.
    pub reply: Option<String>,
    /// When it was written (UTC, ISO 8601).
    pub created_at: String,
    /// When its state last changed (UTC, ISO 8601).
    pub updated_at: String,
}

impl Notification {
    /// Whether the person has this message: accepted by the server, or a draft the organiser
    /// confirmed as sent.
    pub fn delivered(&self) -> bool {
        self.delivery == Delivery::Sent
    }
}

/// A message about to be logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub wave: String,
    pub role: Role,
    pub person: i64,
    pub kind: MessageKind,
    pub partners: Vec<i64>,
    /// Every person of the other role the text names (partners and former partners).
    pub mentions: Vec<i64>,
    pub means: Means,
    pub message_id: String,
    pub email: Option<String>,
    pub subject: String,
    pub body: String,
    pub delivery: Delivery,
}
