//! The notification log: one row per message to one person, written before a message is
//! handed to the server (« sending ») and again with the server's answer, so that after a crash
//! or a cut connection nothing is sent twice and whether a person is « notifié » is known.

use rusqlite::{params, Connection, OptionalExtension};

use super::{pairs, Store, StoreError};
use crate::model::{
    AmbassadorId, Delivery, EditionId, Means, MessageKind, NewNotification, Notification, Role,
    StudentId,
};

impl Store {
    /// Logs messages (a wave's drafts, or messages about to be sent), in one transaction.
    /// Returns their ids, in order. Every person must be of the edition.
    pub fn log_notifications(
        &mut self,
        edition: EditionId,
        new: &[NewNotification],
    ) -> Result<Vec<i64>, StoreError> {
        self.write(|tx| {
            let mut ids = Vec::with_capacity(new.len());
            let mut insert = tx.prepare_cached(
                "INSERT INTO notification (edition_id, wave, role, person_id, kind, partners,
                     mentions, means, message_id, email, subject, body, state)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for n in new {
                match n.role {
                    Role::Student => pairs::ensure_student(tx, edition, StudentId(n.person))?,
                    Role::Ambassador => {
                        pairs::ensure_ambassador(tx, edition, AmbassadorId(n.person))?;
                    }
                }
                let partners = serde_json::to_string(&n.partners).expect("ids serialise");
                let mentions = serde_json::to_string(&n.mentions).expect("ids serialise");
                insert.execute(params![
                    edition,
                    n.wave,
                    n.role.as_str(),
                    n.person,
                    n.kind.as_str(),
                    partners,
                    mentions,
                    n.means.as_str(),
                    n.message_id,
                    n.email,
                    n.subject,
                    n.body,
                    n.delivery.as_str(),
                ])?;
                ids.push(tx.last_insert_rowid());
            }
            Ok(ids)
        })
    }

    /// Records where a logged message stands (the server's answer with it), in one
    /// transaction. Returns false when there is no such message in the edition.
    pub fn set_delivery(
        &mut self,
        edition: EditionId,
        id: i64,
        delivery: Delivery,
        reply: Option<&str>,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE notification SET state = ?1, reply = ?2,
                     updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?3 AND edition_id = ?4",
                params![delivery.as_str(), reply, id, edition],
            )?;
            Ok(changed == 1)
        })
    }

    /// Several messages' states at once, in one transaction: a message's answer and the next
    /// one's « sending » share one write to the disk while a wave goes. Returns how many changed.
    pub fn set_deliveries(
        &mut self,
        edition: EditionId,
        changes: &[(i64, Delivery, Option<String>)],
    ) -> Result<usize, StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE notification SET state = ?1, reply = ?2,
                     updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?3 AND edition_id = ?4",
            )?;
            let mut changed = 0;
            for (id, delivery, reply) in changes {
                changed += stmt.execute(params![delivery.as_str(), reply, id, edition])?;
            }
            Ok(changed)
        })
    }

    /// The organiser says the drafts of these messages were sent from their mail tool: they
    /// become « envoyé ». Only drafts of the edition change; returns how many did.
    pub fn confirm_drafts(&mut self, edition: EditionId, ids: &[i64]) -> Result<usize, StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE notification SET state = 'sent',
                     updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?1 AND edition_id = ?2 AND means = 'draft' AND state = 'drafted'",
            )?;
            let mut changed = 0;
            for id in ids {
                changed += stmt.execute(params![id, edition])?;
            }
            Ok(changed)
        })
    }

    /// How an edition's messages are sent (JSON typed by its owner; the default until set).
    /// Never a password: that one is in the operating system's credential store.
    pub fn sending_settings<T: serde::de::DeserializeOwned + Default>(
        &self,
        edition: EditionId,
    ) -> Result<T, StoreError> {
        let stored: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT sending FROM edition WHERE id = ?1",
                [edition],
                |r| r.get(0),
            )
            .optional()?;
        match stored {
            None => Err(StoreError::EditionNotFound { id: edition }),
            Some(None) => Ok(T::default()),
            Some(Some(json)) => serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
                table: "edition",
                column: "sending",
                value: json,
            }),
        }
    }

    pub fn set_sending_settings<T: serde::Serialize>(
        &mut self,
        edition: EditionId,
        value: &T,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(value).expect("settings serialise");
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE edition SET sending = ?1 WHERE id = ?2",
                params![json, edition],
            )?;
            if changed == 0 {
                return Err(StoreError::EditionNotFound { id: edition });
            }
            Ok(())
        })
    }

    /// The edition's log, oldest first.
    pub fn notifications(&self, edition: EditionId) -> Result<Vec<Notification>, StoreError> {
        notifications_of(&self.conn, edition)
    }

    /// One message of the log by its Message-ID.
    pub fn notification_by_message_id(
        &self,
        message_id: &str,
    ) -> Result<Option<Notification>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE message_id = ?1"))?;
        stmt.query_row([message_id], from_row)
            .optional()?
            .transpose()
    }
}

const SELECT: &str = "SELECT id, edition_id, wave, role, person_id, kind, partners, means,
    message_id, email, subject, state, reply, created_at, updated_at, body FROM notification";

fn notifications_of(
    conn: &Connection,
    edition: EditionId,
) -> Result<Vec<Notification>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE edition_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([edition], from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

/// A row, or the fact that a stored word is not one this build knows (a damaged file).
fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Notification, StoreError>> {
    let role: String = r.get(3)?;
    let kind: String = r.get(5)?;
    let partners: String = r.get(6)?;
    let means: String = r.get(7)?;
    let state: String = r.get(11)?;
    let bad = |column: &'static str, value: &str| StoreError::Corrupt {
        table: "notification",
        column,
        value: value.to_string(),
    };
    let (role, kind, partners, means, delivery) = match (
        Role::parse(&role).ok_or_else(|| bad("role", &role)),
        MessageKind::parse(&kind).ok_or_else(|| bad("kind", &kind)),
        serde_json::from_str::<Vec<i64>>(&partners).map_err(|_| bad("partners", &partners)),
        Means::parse(&means).ok_or_else(|| bad("means", &means)),
        Delivery::parse(&state).ok_or_else(|| bad("state", &state)),
    ) {
        (Ok(a), Ok(b), Ok(c), Ok(d), Ok(e)) => (a, b, c, d, e),
        (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), ..) | (.., Err(e), _) | (.., Err(e)) => {
            return Ok(Err(e))
        }
    };
    Ok(Ok(Notification {
        id: r.get(0)?,
        edition_id: r.get(1)?,
        wave: r.get(2)?,
        role,
        person: r.get(4)?,
        kind,
        partners,
        means,
        message_id: r.get(8)?,
        email: r.get(9)?,
        subject: r.get(10)?,
        body: r.get(15)?,
        delivery,
        reply: r.get(12)?,
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
    }))
}
