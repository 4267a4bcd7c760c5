//! Choices the organiser made once and the tool remembers: which field a column header means.

use std::collections::HashMap;

use rusqlite::params;

use super::{Store, StoreError};
use crate::import::fields::{normalize_header, Field};
use crate::model::Role;

/// Remembered header → field choices for a role, by normalised header (`None`: ignore it).
pub type ColumnChoices = HashMap<String, Option<Field>>;

impl Store {
    /// Every column choice remembered for `role`.
    pub fn column_choices(&self, role: Role) -> Result<ColumnChoices, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT header_key, field FROM column_mapping WHERE role = ?1")?;
        let rows = stmt.query_map([role.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        let mut choices = HashMap::new();
        for row in rows {
            let (key, field) = row?;
            let field = match field {
                None => None,
                Some(name) => Some(Field::parse(&name).ok_or(StoreError::Corrupt {
                    table: "column_mapping",
                    column: "field",
                    value: name,
                })?),
            };
            choices.insert(key, field);
        }
        Ok(choices)
    }

    /// Remembers that `header` means `field` (or nothing) in files of `role`.
    pub fn remember_column(
        &mut self,
        role: Role,
        header: &str,
        field: Option<Field>,
    ) -> Result<(), StoreError> {
        let key = normalize_header(header);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO column_mapping (role, header_key, field) VALUES (?1, ?2, ?3)
                 ON CONFLICT (role, header_key) DO UPDATE
                 SET field = excluded.field, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                params![role.as_str(), key, field.map(Field::as_str)],
            )?;
            Ok(())
        })
    }

    /// Forgets what was said about `header`: the automatic matching applies again.
    pub fn forget_column(&mut self, role: Role, header: &str) -> Result<(), StoreError> {
        let key = normalize_header(header);
        self.write(|tx| {
            tx.execute(
                "DELETE FROM column_mapping WHERE role = ?1 AND header_key = ?2",
                params![role.as_str(), key],
            )?;
            Ok(())
        })
    }
}
