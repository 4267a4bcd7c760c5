//! The follow-up after notification (#17): the pairs by agreed date — who goes where, which day
//! — for the organiser to check and print. Statuses « confirmé », « réalisé », « annulé »,
//! « absent » are set like any pair edit (`board::edit_pairs`, through the journal).

use crate::model::EditionId;
use crate::season::{self, DateView};
use crate::{Store, StoreError};

/// The edition's pairs grouped by agreed date (undated and cancelled pairs apart).
pub fn by_date(store: &Store, edition: EditionId) -> Result<DateView, StoreError> {
    let summary = store.edition(edition)?;
    Ok(season::by_date(
        &summary.edition.name,
        summary.edition.event_date.as_deref(),
        &store.list_pairs(edition)?,
        &store.list_students(edition)?,
        &store.list_ambassadors(edition)?,
    ))
}
