//! The domain model: what an edition holds. Plain data, serialisable; the store persists it.

mod edition;
mod fill;
mod ids;
mod import_batch;
mod pair;
mod person;
mod withdrawal;

pub use edition::{Edition, EditionSummary, NewEdition};
pub use fill::fill_gaps;
pub use ids::{AmbassadorId, BatchId, EditionId, PairId, SourceRowId, StudentId};
pub use import_batch::{ImportBatch, NewBatch, SourceRow};
pub use pair::{ForbiddenPair, Pair, PairOrigin, PairStatus};
pub use person::{Ambassador, Identity, Mobility, Place, Role, Student};
pub use withdrawal::Withdrawal;
