//! Writing demo sheets to disk: `.xlsx` through rust_xlsxwriter, `.csv` as French Excel saves it.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, XlsxError};

use super::sheet::{Cell, Sheet};

/// Why a sample file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("Impossible d'écrire le classeur {path} : {source}")]
    Xlsx {
        path: String,
        #[source]
        source: XlsxError,
    },
    #[error("Impossible d'écrire le fichier {path} : {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Writes the sheets to one `.xlsx` workbook.
pub fn write_xlsx(sheets: &[Sheet], path: &Path) -> Result<(), WriteError> {
    let wrap = |source| WriteError::Xlsx {
        path: path.display().to_string(),
        source,
    };
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the generated files identical from one run to the next.
    let created = ExcelDateTime::from_ymd(2026, 10, 31).map_err(wrap)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let date_format = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name).map_err(wrap)?;
        let columns = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
        for col in 0..columns {
            worksheet
                .set_column_width(col as u16, sheet.column_width)
                .map_err(wrap)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                if let Some(merge) = sheet
                    .merges
                    .iter()
                    .find(|m| m.first_row == r && m.first_col == c)
                {
                    worksheet
                        .merge_range(
                            merge.first_row,
                            merge.first_col,
                            merge.last_row,
                            merge.last_col,
                            &cell.display(),
                            &bold,
                        )
                        .map_err(wrap)?;
                    continue;
                }
                match cell {
                    Cell::Empty => {}
                    // write_string never turns "=…" into a formula: hostile-looking text stays text.
                    Cell::Text(text) => {
                        worksheet.write_string(r, c, text).map_err(wrap)?;
                    }
                    Cell::Number(n) | Cell::Serial(n) => {
                        worksheet.write_number(r, c, *n).map_err(wrap)?;
                    }
                    Cell::DateTime(serial) => {
                        worksheet
                            .write_number_with_format(r, c, *serial, &date_format)
                            .map_err(wrap)?;
                    }
                    Cell::Formula { formula, value } => {
                        let formula = Formula::new(formula).set_result(value.to_string());
                        worksheet.write_formula(r, c, formula).map_err(wrap)?;
                    }
                }
            }
        }
    }
    workbook.save(path).map_err(wrap)
}

/// Writes one sheet as French Excel's "CSV (séparateur : point-virgule)": Windows-1252, `;`, CRLF.
pub fn write_csv_windows_1252(sheet: &Sheet, path: &Path) -> Result<(), WriteError> {
    let wrap = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    for row in &sheet.rows {
        let cells: Vec<String> = row.iter().map(|c| crate::text::nfc(&c.display())).collect();
        writer
            .write_record(&cells)
            .map_err(|e| wrap(std::io::Error::other(e)))?;
    }
    let utf8 = writer
        .into_inner()
        .map_err(|e| wrap(std::io::Error::other(e.to_string())))?;
    let utf8 = String::from_utf8(utf8).map_err(|e| wrap(std::io::Error::other(e)))?;
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&utf8);
    std::fs::write(path, bytes).map_err(wrap)
}
