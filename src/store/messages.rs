//! The messages of an edition: its templates, the messages of its pairs, and marking pairs as
//! notified once the organiser has sent them.

use rusqlite::params;

use super::editions::{self, Setting};
use super::{Store, StoreError};
use crate::messages::{self, Message, Templates};
use crate::model::{EditionId, PairId, PairStatus};

impl Store {
    /// The message templates of an edition (the defaults until the organiser edits them).
    pub fn templates(&self, edition: EditionId) -> Result<Templates, StoreError> {
        editions::setting(&self.conn, edition, Setting::Templates)
    }

    pub fn set_templates(
        &mut self,
        edition: EditionId,
        templates: &Templates,
    ) -> Result<(), StoreError> {
        self.write(|tx| editions::set_setting(tx, edition, Setting::Templates, templates))
    }

    /// The two messages of every pair with the given status (all pairs when `None`).
    pub fn messages(
        &self,
        edition: EditionId,
        status: Option<PairStatus>,
    ) -> Result<Vec<Message>, StoreError> {
        let summary = self.edition(edition)?;
        let templates = self.templates(edition)?;
        let (students, ambassadors) = self.people_by_id(edition)?;
        let official_day = summary.edition.event_date.as_deref().map(messages::date_fr);
        let mut out = Vec::new();
        for pair in self.list_pairs(edition)? {
            if status.is_some_and(|s| s != pair.status) {
                continue;
            }
            let (Some(student), Some(ambassador)) = (
                students.get(&pair.student_id),
                ambassadors.get(&pair.ambassador_id),
            ) else {
                continue;
            };
            let date = match (&pair.agreed_date, &official_day) {
                (Some(agreed), _) => messages::date_fr(agreed),
                (None, Some(day)) => day.clone(),
                (None, None) => "jour de l'opération (date à confirmer)".to_string(),
            };
            out.extend(messages::messages_for_pair(
                pair.id, student, ambassador, &date, &templates,
            ));
        }
        Ok(out)
    }

    /// Moves the pairs to "notifié", in one transaction.
    pub fn mark_notified(&mut self, pairs: &[PairId]) -> Result<usize, StoreError> {
        let Some(&first) = pairs.first() else {
            return Ok(0);
        };
        let edition = super::pairs::edition_of_pair(&self.conn, first)?;
        let (changed, _) = self.journaled(edition, |tx| {
            let mut changed = 0;
            let mut stmt = tx.prepare_cached(
                "UPDATE pair SET status = 'notified', updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 AND edition_id = ?2",
            )?;
            for pair in pairs {
                changed += stmt.execute(params![pair, edition])?;
            }
            Ok((changed, format!("{changed} binôme(s) passé(s) à « notifié » (messages envoyés)")))
        })?;
        Ok(changed)
    }
}
