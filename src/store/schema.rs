//! Embedded, numbered migrations. The version lives in SQLite's `user_version`; migration N
//! takes the schema from version N-1 to N, inside the same transaction as the version bump.
//! Never edit a released migration: add the next one.
//!
//! (rusqlite_migration would do the same, but its releases lag behind rusqlite's; the whole
//! mechanism is the loop below.)

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_remembered_choices.sql"),
    include_str!("migrations/003_edition_rules.sql"),
    include_str!("migrations/004_message_templates.sql"),
    include_str!("migrations/005_history.sql"),
    include_str!("migrations/006_withdrawals.sql"),
    include_str!("migrations/007_withdrawal_person.sql"),
    include_str!("migrations/008_people_by_hand.sql"),
    include_str!("migrations/009_notifications.sql"),
    include_str!("migrations/010_window_memory.sql"),
    include_str!("migrations/011_preferred_levels.sql"),
    include_str!("migrations/012_follow_up.sql"),
    include_str!("migrations/013_kept_apart.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew);
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index as u32 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)
            .map_err(|source| StoreError::Migration { version, source })?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
