//! A spreadsheet as the demo generator lays it out: typed cells and merged ranges, written to
//! `.xlsx` (rust_xlsxwriter) or to a CSV as French Excel saves it.

/// One cell, typed the way a spreadsheet program stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date-time shown as a date (Excel serial number with a date format).
    DateTime(f64),
    /// A date stored as a bare serial number, as happens when a column loses its format.
    Serial(f64),
    /// A formula with the value Excel cached for it.
    Formula {
        formula: String,
        value: f64,
    },
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        let value = value.into();
        if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        }
    }

    /// The cell as French Excel displays it (and writes it to CSV).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(n) | Cell::Serial(n) | Cell::Formula { value: n, .. } => format_number(*n),
            Cell::DateTime(serial) => format_serial_fr(*serial),
        }
    }
}

/// A rectangular merged range, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u16,
    pub last_row: u32,
    pub last_col: u16,
}

/// A worksheet: its name, rows of cells (row 0 is the sheet's first row) and merged ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    pub merges: Vec<Merge>,
    /// Widths (in characters) to make the file pleasant to open; cosmetic.
    pub column_width: f64,
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        // French Excel writes a decimal comma.
        format!("{n}").replace('.', ",")
    }
}

/// Excel serial (1900 system) to `JJ/MM/AAAA HH:MM`, as French Excel shows a date-time.
fn format_serial_fr(serial: f64) -> String {
    let (date, minutes) = serial_to_date(serial);
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        date.day(),
        u8::from(date.month()),
        date.year(),
        minutes / 60,
        minutes % 60
    )
}

/// Excel's day 0 in the 1900 system, once its 1900 leap-year bug is accounted for.
fn excel_epoch() -> time::Date {
    time::macros::date!(1899 - 12 - 30)
}

pub(crate) fn serial_to_date(serial: f64) -> (time::Date, u32) {
    let days = serial.floor() as i64;
    let minutes = ((serial - serial.floor()) * 1440.0).round() as u32;
    (excel_epoch() + time::Duration::days(days), minutes)
}

/// Excel serial number (1900 system) of a date and a time of day.
pub fn serial(date: time::Date, hour: u8, minute: u8) -> f64 {
    let days = (date - excel_epoch()).whole_days() as f64;
    days + (f64::from(hour) * 60.0 + f64::from(minute)) / 1440.0
}
