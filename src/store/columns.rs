//! A row's columns read by name, the names looked up once per statement. rusqlite's
//! `Row::get("name")` asks SQLite for the name of every column on every read; loading an
//! edition's people that way spent a sixth of a suggestion's store time finding columns.

use rusqlite::types::FromSql;
use rusqlite::{Row, Statement};

/// The names of a statement's columns, in order.
pub(super) struct Columns(Vec<String>);

impl Columns {
    pub(super) fn of(statement: &Statement<'_>) -> Columns {
        Columns(statement.column_names().map(String::from).collect())
    }

    pub(super) fn row<'a>(&'a self, row: &'a Row<'a>) -> NamedRow<'a> {
        NamedRow { row, columns: self }
    }
}

/// A row whose columns are read by name.
pub(super) struct NamedRow<'a> {
    row: &'a Row<'a>,
    columns: &'a Columns,
}

impl NamedRow<'_> {
    pub(super) fn get<T: FromSql>(&self, name: &str) -> rusqlite::Result<T> {
        let index = self
            .columns
            .0
            .iter()
            .position(|column| column.eq_ignore_ascii_case(name))
            .ok_or_else(|| rusqlite::Error::InvalidColumnName(name.to_string()))?;
        self.row.get(index)
    }
}
