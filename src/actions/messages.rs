//! The messages that tell each person about their pair: templates (edited per edition, with a
//! preview), `.eml` drafts and the mail-merge sheet written for the organiser's own mail tool,
//! and pairs marked « notifié » once sent.

use std::path::Path;

use serde::Serialize;

use super::ActionError;
use crate::messages::{self, DraftsSummary, Message, Templates};
use crate::model::{EditionId, PairId, PairStatus};
use crate::store::Setting;
use crate::{Store, StoreError};

/// A template field and what it holds.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateField {
    pub name: String,
    pub description: String,
}

/// The templates of an edition, with the fields they may use.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplatesView {
    pub templates: Templates,
    pub fields: Vec<TemplateField>,
}

/// The message templates of an edition (the defaults until the organiser edits them).
pub fn templates(store: &Store, edition: EditionId) -> Result<Templates, StoreError> {
    store.setting(edition, Setting::Templates)
}

pub fn templates_view(store: &Store, edition: EditionId) -> Result<TemplatesView, StoreError> {
    Ok(TemplatesView {
        templates: templates(store, edition)?,
        fields: messages::FIELDS
            .iter()
            .map(|(name, description)| TemplateField {
                name: (*name).to_string(),
                description: (*description).to_string(),
            })
            .collect(),
    })
}

pub fn set_templates(
    store: &mut Store,
    edition: EditionId,
    templates: &Templates,
) -> Result<(), StoreError> {
    store.set_setting(edition, Setting::Templates, templates)
}

/// Which pairs' messages to write.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only pairs with this status (all when absent).
    pub status: Option<PairStatus>,
    /// Only these pairs (a pair just remade after a withdrawal).
    pub pairs: Option<Vec<PairId>>,
}

/// The two messages of every selected pair, as they would be written.
pub fn messages(
    store: &Store,
    edition: EditionId,
    selection: &Selection,
) -> Result<Vec<Message>, StoreError> {
    let summary = store.edition(edition)?;
    let templates = templates(store, edition)?;
    let (students, ambassadors) = store.people_by_id(edition)?;
    let pairs = store.list_pairs(edition)?;
    let selected = pairs.iter().filter(|p| {
        selection.status.is_none_or(|s| s == p.status)
            && selection
                .pairs
                .as_ref()
                .is_none_or(|only| only.contains(&p.id))
    });
    Ok(messages::messages_for_pairs(
        selected,
        &students,
        &ambassadors,
        summary.edition.event_date.as_deref(),
        &templates,
    ))
}

/// Writes one `.eml` draft per person of the selected pairs into `folder`, and the mail-merge
/// sheet. Nothing is sent: the organiser sends from their own mail tool.
pub fn write_drafts(
    store: &Store,
    edition: EditionId,
    folder: &Path,
    selection: &Selection,
) -> Result<DraftsSummary, ActionError> {
    let messages = messages(store, edition, selection)?;
    let templates = templates(store, edition)?;
    Ok(messages::write_drafts(&messages, folder, &templates)?)
}

/// Marks the pairs whose messages were sent as « notifié ».
pub fn mark_notified(
    store: &mut Store,
    edition: EditionId,
    pairs: &[PairId],
) -> Result<usize, StoreError> {
    store.mark_notified(edition, pairs)
}
