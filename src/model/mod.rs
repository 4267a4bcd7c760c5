//! The domain model: what an edition holds. Plain data, serialisable; the store persists it.

mod edition;
mod field;
mod fill;
mod ids;
mod import_batch;
mod learned;
mod merge;
mod notification;
mod pair;
mod person;
pub mod state;
mod withdrawal;

pub use edition::{Edition, EditionSummary, NewEdition};
pub use field::Field;
pub use fill::{fill_gaps, fill_value_gaps};
pub use ids::{AmbassadorId, BatchId, EditionId, PairId, SourceRowId, StudentId};
pub use import_batch::{BatchRow, ImportBatch, NewBatch, PersonRecord, SourceCells, SourceRow};
pub use learned::{ColumnChoices, Remembered, SynonymKind};
pub use merge::{
    field_changes, field_label, person_data, set_value_at, shown, value_at, FieldChange,
    HandEdited, MergePreview, PersonChange, PersonRef, TakeFromFile, ASSIGNED_FIELDS,
};
pub use notification::{Delivery, Means, MessageKind, NewNotification, Notification};
pub use pair::{ForbiddenPair, Pair, PairOrigin, PairStatus};
pub use person::{level_years, Ambassador, Identity, Mobility, Place, Role, Student};
pub use withdrawal::Withdrawal;
