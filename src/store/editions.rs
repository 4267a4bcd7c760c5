//! Editions: create, list with counts, rename, delete.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{Store, StoreError};
use crate::model::{Edition, EditionId, EditionSummary, NewEdition};
use crate::text;

/// An edition's columns, with its retention worked out: kept `retention_months` (by default 12)
/// after its Jour J (or after its creation while the day is not fixed).
const EDITION_COLUMNS: &str = "
    e.id, e.name, e.event_date, e.is_demo, e.created_at, e.updated_at,
    coalesce(e.retention_months, 12),
    date(coalesce(e.event_date, e.created_at), '+' || coalesce(e.retention_months, 12) || ' months'),
    e.is_demo = 0 AND date(coalesce(e.event_date, e.created_at),
        '+' || coalesce(e.retention_months, 12) || ' months') < date('now')";

/// An edition with the counts the home screen shows.
fn summary_select() -> String {
    format!(
        "SELECT {EDITION_COLUMNS},
                (SELECT count(*) FROM student s WHERE s.edition_id = e.id),
                (SELECT count(*) FROM ambassador a WHERE a.edition_id = e.id),
                (SELECT count(*) FROM pair p WHERE p.edition_id = e.id)
         FROM edition e"
    )
}

impl Store {
    /// Every edition, the most recent first, with its counts.
    pub fn list_editions(&self) -> Result<Vec<EditionSummary>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "{} ORDER BY coalesce(e.event_date, e.created_at) DESC, e.id DESC",
            summary_select()
        ))?;
        let rows = stmt.query_map([], summary_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One edition with its counts.
    pub fn edition(&self, id: EditionId) -> Result<EditionSummary, StoreError> {
        self.conn
            .query_row(
                &format!("{} WHERE e.id = ?1", summary_select()),
                [id],
                summary_from_row,
            )
            .optional()?
            .ok_or(StoreError::EditionNotFound { id })
    }

    /// Creates an empty edition.
    pub fn create_edition(&mut self, new: &NewEdition) -> Result<Edition, StoreError> {
        self.write(|tx| insert_edition(tx, new, false))
    }

    /// Gives edition `to` the pairing rules and the message templates of edition `from` (last
    /// year's settings for this year). Column choices and referential synonyms are the
    /// organiser's for every edition already.
    pub fn copy_settings(&mut self, from: EditionId, to: EditionId) -> Result<(), StoreError> {
        self.write(|tx| {
            ensure_edition_exists(tx, from)?;
            ensure_edition_exists(tx, to)?;
            tx.execute(
                "UPDATE edition SET (rules, templates) =
                    (SELECT rules, templates FROM edition WHERE id = ?1)
                 WHERE id = ?2",
                params![from, to],
            )?;
            Ok(())
        })
    }

    /// Notes that the window has this edition open (or, with `None`, the list of editions), so
    /// that the next start reopens it.
    pub fn set_opened_edition(&mut self, id: Option<EditionId>) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE edition SET opened_at = NULL WHERE opened_at IS NOT NULL",
                [],
            )?;
            if let Some(id) = id {
                ensure_edition_exists(tx, id)?;
                tx.execute(
                    "UPDATE edition SET opened_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                     WHERE id = ?1",
                    [id],
                )?;
            }
            Ok(())
        })
    }

    /// The edition the window had open when it was closed, if it still exists.
    pub fn opened_edition(&self) -> Result<Option<EditionId>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM edition WHERE opened_at IS NOT NULL
                 ORDER BY opened_at DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Changes an edition's name and official day.
    pub fn update_edition(
        &mut self,
        id: EditionId,
        new: &NewEdition,
    ) -> Result<Edition, StoreError> {
        self.write(|tx| {
            let (name, date) = validate(tx, new, Some(id))?;
            let changed = tx.execute(
                "UPDATE edition SET name = ?1, event_date = ?2,
                        updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?3",
                params![name, date, id],
            )?;
            if changed == 0 {
                return Err(StoreError::EditionNotFound { id });
            }
            load_edition(tx, id)
        })
    }

    /// The edition the command line works on: the one named (created if absent), otherwise the
    /// most recent one that is not the demo, otherwise a new "Vis mon job <year>".
    pub fn edition_for_command_line(&mut self, name: Option<&str>) -> Result<Edition, StoreError> {
        self.command_line_edition(name, true)
    }

    /// [`Store::edition_for_command_line`] for the commands that work on what was imported: an
    /// edition named that does not exist is refused, not created (a mistyped name would
    /// otherwise become the most recent edition, and receive the next import).
    pub fn existing_edition_for_command_line(
        &mut self,
        name: Option<&str>,
    ) -> Result<Edition, StoreError> {
        self.command_line_edition(name, false)
    }

    fn command_line_edition(
        &mut self,
        name: Option<&str>,
        create_named: bool,
    ) -> Result<Edition, StoreError> {
        let editions = self.list_editions()?;
        if let Some(name) = name {
            let wanted = text::clean(name).to_lowercase();
            if let Some(found) = editions
                .iter()
                .find(|e| e.edition.name.to_lowercase() == wanted)
            {
                return Ok(found.edition.clone());
            }
            if !create_named {
                let names: Vec<String> = editions
                    .iter()
                    .map(|e| format!("« {} »", e.edition.name))
                    .collect();
                return Err(StoreError::EditionNamedNotFound {
                    name: name.to_string(),
                    known: if names.is_empty() {
                        "elle ne contient aucune édition".into()
                    } else {
                        format!("éditions : {}", names.join(", "))
                    },
                });
            }
            return self.create_edition(&NewEdition {
                name: name.to_string(),
                event_date: None,
            });
        }
        if let Some(found) = editions.iter().find(|e| !e.edition.is_demo) {
            return Ok(found.edition.clone());
        }
        let year: String = self
            .conn
            .query_row("SELECT strftime('%Y', 'now')", [], |r| r.get(0))?;
        self.create_edition(&NewEdition {
            name: format!("Vis mon job {year}"),
            event_date: None,
        })
    }

    /// Deletes an edition and everything in it (people, imported rows, pairs) for good: the
    /// rows are overwritten (`secure_delete`), the journal is emptied into the file and the file
    /// rewritten (`VACUUM`), and the backups — copies that hold the edition — are replaced by one
    /// fresh copy without it. Nothing of its people is left in the data folder.
    ///
    /// The work after the deletion can stop half-way (a crash, a full disk, a backup held open
    /// by another program): a marker file, written first, says a purge is pending, and the
    /// store finishes it when it next opens. Files that could not be removed are named in the
    /// error, and the marker stays until they are.
    pub fn delete_edition(&mut self, id: EditionId) -> Result<(), StoreError> {
        ensure_edition_exists(&self.conn, id)?;
        self.mark_purge(&id.to_string())?;
        self.write(|tx| {
            let deleted = tx.execute("DELETE FROM edition WHERE id = ?1", [id])?;
            if deleted == 0 {
                return Err(StoreError::EditionNotFound { id });
            }
            Ok(())
        })?;
        self.finish_purge()
    }

    /// How many months after its Jour J the edition's personal data is kept (1 to 120).
    pub fn set_retention(&mut self, id: EditionId, months: u32) -> Result<Edition, StoreError> {
        if !(1..=120).contains(&months) {
            return Err(StoreError::InvalidRetention { months });
        }
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE edition SET retention_months = ?1 WHERE id = ?2",
                params![months, id],
            )?;
            if changed == 0 {
                return Err(StoreError::EditionNotFound { id });
            }
            load_edition(tx, id)
        })
    }

    /// Writes (and syncs) the marker saying a purge is pending, before the deletion: whatever
    /// stops the work after it, the next opening finishes it.
    pub(super) fn mark_purge(&self, what: &str) -> Result<(), StoreError> {
        let marker = purge_marker(&self.path);
        std::fs::write(&marker, format!("{what}\n"))
            .and_then(|_| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&marker)?
                    .sync_all()
            })
            .map_err(|source| StoreError::CreateFolder {
                path: marker.clone(),
                source,
            })
    }

    /// Leaves nothing of deleted rows in the data folder: the journal emptied into the file,
    /// the file rewritten, every older copy replaced. Then the marker goes.
    pub(super) fn finish_purge(&mut self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        self.conn.execute_batch("VACUUM")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let left = self.replace_backups("apres-suppression")?;
        if !left.is_empty() {
            return Err(StoreError::PurgeIncomplete { files: left });
        }
        let _ = std::fs::remove_file(purge_marker(&self.path));
        Ok(())
    }

    /// Whether a deletion was left unfinished (and is retried at the next opening).
    pub fn purge_pending(&self) -> bool {
        purge_marker(&self.path).exists()
    }
}

/// The marker of a purge not finished yet, beside the database.
fn purge_marker(db: &std::path::Path) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".effacement-en-cours");
    std::path::PathBuf::from(name)
}

pub(super) fn insert_edition(
    conn: &Connection,
    new: &NewEdition,
    is_demo: bool,
) -> Result<Edition, StoreError> {
    let (name, date) = validate(conn, new, None)?;
    conn.execute(
        "INSERT INTO edition (name, event_date, is_demo) VALUES (?1, ?2, ?3)",
        params![name, date, is_demo],
    )?;
    load_edition(conn, EditionId(conn.last_insert_rowid()))
}

pub(super) fn ensure_edition_exists(conn: &Connection, id: EditionId) -> Result<(), StoreError> {
    let found = conn
        .query_row("SELECT 1 FROM edition WHERE id = ?1", [id], |_| Ok(()))
        .optional()?;
    found.ok_or(StoreError::EditionNotFound { id })
}

/// Checks the name (non-empty, unique ignoring case) and the date; returns them cleaned.
fn validate(
    conn: &Connection,
    new: &NewEdition,
    renaming: Option<EditionId>,
) -> Result<(String, Option<String>), StoreError> {
    let name = text::clean(&new.name);
    if name.is_empty() {
        return Err(StoreError::EditionNameEmpty);
    }
    let taken = conn
        .query_row(
            "SELECT id FROM edition WHERE name = ?1 COLLATE NOCASE AND id IS NOT ?2",
            params![name, renaming],
            |r| r.get::<_, EditionId>(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(StoreError::EditionNameTaken { name });
    }
    let date = match new.event_date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => Some(parse_iso_date(value)?),
    };
    Ok((name, date))
}

/// Accepts `YYYY-MM-DD` for a real calendar day and returns it unchanged.
pub(crate) fn parse_iso_date(value: &str) -> Result<String, StoreError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, &format)
        .map(|_| value.to_string())
        .map_err(|_| StoreError::InvalidDate {
            value: value.to_string(),
        })
}

fn load_edition(conn: &Connection, id: EditionId) -> Result<Edition, StoreError> {
    conn.query_row(
        &format!("SELECT {EDITION_COLUMNS} FROM edition e WHERE e.id = ?1"),
        [id],
        edition_from_row,
    )
    .optional()?
    .ok_or(StoreError::EditionNotFound { id })
}

fn edition_from_row(row: &Row<'_>) -> rusqlite::Result<Edition> {
    Ok(Edition {
        id: row.get(0)?,
        name: row.get(1)?,
        event_date: row.get(2)?,
        is_demo: row.get(3)?,
        created_at: row.get(4)?,
        updated_at: row.get(5)?,
        retention_months: row.get(6)?,
        delete_after: row.get(7)?,
        retention_passed: row.get(8)?,
    })
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<EditionSummary> {
    Ok(EditionSummary {
        edition: edition_from_row(row)?,
        students: row.get(9)?,
        ambassadors: row.get(10)?,
        pairs: row.get(11)?,
    })
}

/// The JSON settings an edition carries, one column each (NULL: the defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Rules,
    Templates,
    /// The dashboard's memorised figures (migration 10).
    SeasonFigures,
}

impl Setting {
    fn column(self) -> &'static str {
        match self {
            Setting::Rules => "rules",
            Setting::Templates => "templates",
            Setting::SeasonFigures => "season_figures",
        }
    }
}

/// Reads an edition's setting, or its default when the organiser never changed it.
pub(super) fn setting<T: serde::de::DeserializeOwned + Default>(
    conn: &Connection,
    edition: EditionId,
    setting: Setting,
) -> Result<T, StoreError> {
    let column = setting.column();
    let stored: Option<Option<String>> = conn
        .query_row(
            &format!("SELECT {column} FROM edition WHERE id = ?1"),
            [edition],
            |r| r.get(0),
        )
        .optional()?;
    match stored {
        None => Err(StoreError::EditionNotFound { id: edition }),
        Some(None) => Ok(T::default()),
        Some(Some(json)) => serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
            table: "edition",
            column,
            value: json,
        }),
    }
}

/// Stores an edition's setting.
pub(super) fn set_setting<T: serde::Serialize>(
    conn: &Connection,
    edition: EditionId,
    setting: Setting,
    value: &T,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(value).expect("settings serialise");
    let changed = conn.execute(
        &format!("UPDATE edition SET {} = ?1 WHERE id = ?2", setting.column()),
        params![json, edition],
    )?;
    if changed == 0 {
        return Err(StoreError::EditionNotFound { id: edition });
    }
    Ok(())
}
