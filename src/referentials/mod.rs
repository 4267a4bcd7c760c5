//! Referentials: reference data compiled into the engine, read-only at run time (no network).
//!
//! - [`geography`]: régions, départements (with a reference point for distances) and communes with their
//!   postal codes, from `assets/referentials/geo/` (see `assets/DATA_SOURCES.md`).

pub mod geography;

pub use geography::{
    name_key, normalize_postal_code, Commune, CommuneKind, Departement, Geography, Match, Region,
    Resolution,
};
