//! The season at a glance: demand (students' wishes) against supply (ambassadors' places) by
//! métier, région and administration, crossed métier × région with the gaps in words, and how
//! well the pairs meet the wishes. Pure functions over an edition's people and explained pairs;
//! the store reads them (`Store::season`). And the pairs by agreed date (`by_date`).

mod by_date;
mod overview;

pub use by_date::{by_date, DateView, DatedPair, Day};

pub use overview::{overview, Gap, Satisfaction, SeasonOverview, SupplyDemand};
