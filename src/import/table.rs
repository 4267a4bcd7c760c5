//! A sheet as read from any format: numbered rows of typed values, before any interpretation.

/// One cell's value, typed as the file stored it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date (and time) the file marked as such, ISO 8601 (`2026-10-12` or `2026-10-12T14:03:00`).
    Date(String),
    /// An error value computed by the spreadsheet (`#N/A`, `#REF!`…).
    Error(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// Like [`Value::to_text`], borrowing the text the value holds.
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        match self {
            Value::Empty => Cow::Borrowed(""),
            Value::Text(t) | Value::Date(t) | Value::Error(t) => Cow::Borrowed(t),
            Value::Bool(b) => Cow::Borrowed(if *b { "VRAI" } else { "FAUX" }),
            Value::Number(n) => Cow::Owned(format_number(*n)),
        }
    }

    /// The value as text, the way it is kept in the stored row "as it came".
    pub fn to_text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.clone(),
            Value::Number(n) => format_number(*n),
            Value::Bool(b) => if *b { "VRAI" } else { "FAUX" }.to_string(),
            Value::Date(d) => d.clone(),
            Value::Error(e) => e.clone(),
        }
    }
}

/// Integers without a decimal point (`1000`, not `1000.0`); others as Rust prints them.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A row of the sheet with its 1-based number as the spreadsheet program shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawRow {
    pub number: u32,
    pub cells: Vec<Value>,
}

impl RawRow {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Value::is_empty)
    }

    pub fn get(&self, column: usize) -> &Value {
        self.cells.get(column).unwrap_or(&Value::Empty)
    }
}

/// A whole sheet. Rows that are entirely empty in the file may be absent.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RawTable {
    /// The sheet's name, for workbooks; `None` for CSV.
    pub sheet: Option<String>,
    /// Every sheet of the workbook, in order (empty for CSV), so the organiser can pick another.
    pub sheet_names: Vec<String>,
    pub rows: Vec<RawRow>,
    /// Rows that held a formula (1-based numbers), for spotting totals rows.
    pub formula_rows: Vec<u32>,
}
