//! Choices the organiser made once and the tool remembers: which field a column header means,
//! and which referential entry a free-text métier or administration stands for.

use rusqlite::params;

use super::{Store, StoreError};
use crate::model::{ColumnChoices, Field, Remembered, Role, SynonymKind};
use crate::text::header_key as normalize_header;

impl Store {
    /// What an import of `role` files should apply: column choices and synonyms.
    pub fn remembered(&self, role: Role) -> Result<Remembered, StoreError> {
        Ok(Remembered {
            columns: self.column_choices(role)?,
            jobs: self.synonyms(SynonymKind::Job)?,
            administrations: self.synonyms(SynonymKind::Administration)?,
        })
    }

    /// The synonyms the organiser added to a referential: (text key, code).
    pub fn synonyms(&self, kind: SynonymKind) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT value_key, code FROM referential_synonym WHERE kind = ?1 ORDER BY value_key",
        )?;
        let rows = stmt.query_map([kind.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Remembers that `text` means the referential entry `code` (for this and later imports).
    pub fn remember_synonym(
        &mut self,
        kind: SynonymKind,
        text: &str,
        code: &str,
    ) -> Result<(), StoreError> {
        let key = crate::referentials::label_key(text);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO referential_synonym (kind, value_key, code) VALUES (?1, ?2, ?3)
                 ON CONFLICT (kind, value_key) DO UPDATE
                 SET code = excluded.code, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                params![kind.as_str(), key, code],
            )?;
            Ok(())
        })
    }

    /// Forgets a synonym the organiser added (`key` as [`Store::synonyms`] lists it); true when
    /// there was one.
    pub fn forget_synonym(&mut self, kind: SynonymKind, key: &str) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM referential_synonym WHERE kind = ?1 AND value_key = ?2",
                params![kind.as_str(), key],
            )? > 0)
        })
    }

    /// Every column choice remembered for `role`.
    pub fn column_choices(&self, role: Role) -> Result<ColumnChoices, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT header_key, field FROM column_mapping WHERE role = ?1")?;
        let rows = stmt.query_map([role.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        let mut choices = ColumnChoices::new();
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
