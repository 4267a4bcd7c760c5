//! The workbook of final pairs (docs/contracts.md §2): sheets `Binômes`,
//! `Étudiants sans binôme`, `Ambassadeurs sans étudiant`, `Synthèse`, in that order, each with
//! its header on row 1. Organisers build mail merges on the column names: they are a contract.
//!
//! Safe by construction: every text is written as text (a cell starting with `=`, `+`, `-`, `@`
//! gets Excel's quote prefix, so it stays text even when edited); postal codes stay text;
//! dates are real dates; the file is written beside the target under a temporary name and
//! renamed, so a failed export never leaves half a file.

mod workbook;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::{Ambassador, Edition, Pair, PairStatus, Student};
use crate::season::SeasonOverview;
use crate::suggest::{ExplainedPair, Rules, Unpaired};

/// What the organiser exports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct ExportOptions {
    /// Only pairs with this status (all when absent).
    pub status: Option<PairStatus>,
    /// Leave phone numbers out.
    pub minimal: bool,
    /// Only the students of this région (by name, e.g. "Bretagne"), and the ambassadors of it.
    pub region: Option<String>,
}

/// Why an export failed, in French, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("Impossible d'écrire « {file} » : {detail}. Aucun fichier partiel n'a été laissé.")]
    Write { file: String, detail: String },
    #[error("« {file} » est ouvert dans un autre programme (ou protégé en écriture) : fermez-le puis recommencez.")]
    Locked { file: String },
}

/// What the export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    pub path: String,
    pub pairs: usize,
    pub students_unpaired: usize,
    pub ambassadors_without_student: usize,
    pub places_left: u32,
}

/// One pair with both people and its explanation.
pub struct PairRow<'a> {
    pub pair: &'a Pair,
    pub student: &'a Student,
    pub ambassador: &'a Ambassador,
    pub score: u32,
    pub reasons: Vec<String>,
}

/// Everything the workbook shows, gathered from the store.
pub struct ExportData<'a> {
    pub edition_name: String,
    pub event_date: Option<String>,
    pub rules: &'a Rules,
    pub pairs: Vec<PairRow<'a>>,
    /// Students taking part without a pair, with the diagnosis.
    pub unpaired: Vec<(&'a Student, String)>,
    /// Ambassadors with places left: (ambassador, students hosted, places left).
    pub open_ambassadors: Vec<(&'a Ambassador, u32, u32)>,
    pub students_total: usize,
    /// Students outside the retained states (not demand; listed without a pair, apart in the
    /// `Synthèse`).
    pub students_excluded: usize,
    pub ambassadors_total: usize,
    pub options: ExportOptions,
    /// The season dashboard, for the `Synthèse` sheet (whole-edition workbooks only).
    pub season: Option<SeasonOverview>,
}

/// The edition as the workbook shows it, gathered by the use case (`actions::export`).
pub struct Source {
    pub edition: Edition,
    pub students: Vec<Student>,
    pub ambassadors: Vec<Ambassador>,
    /// Every pair, explained.
    pub pairs: Vec<ExplainedPair>,
    /// Every student taking part without a pair, with the diagnosis.
    pub unpaired: Vec<Unpaired>,
    pub rules: Rules,
    /// The season dashboard, for the `Synthèse` sheet of whole-edition workbooks.
    pub season: SeasonOverview,
    /// The files the edition was read from (the database and its journal): never written over.
    pub read_from: Vec<PathBuf>,
}

/// Writes the edition's workbook to `out`.
pub fn export_edition(
    source: &Source,
    out: &Path,
    options: &ExportOptions,
) -> Result<ExportSummary, ExportError> {
    let Source {
        read_from,
        edition,
        students,
        ambassadors,
        pairs: explained,
        unpaired: diagnoses,
        rules,
        season,
    } = source;

    let student_by_id: HashMap<_, _> = students.iter().map(|s| (s.id, s)).collect();
    let ambassador_by_id: HashMap<_, _> = ambassadors.iter().map(|a| (a.id, a)).collect();
    let mut hosted: HashMap<_, u32> = HashMap::new();
    for explained in explained {
        *hosted.entry(explained.pair.ambassador_id).or_default() += 1;
    }
    let geography = crate::referentials::geography::Geography::get();
    let in_region = |place: &crate::model::Place| match &options.region {
        None => true,
        Some(wanted) => place
            .departement
            .as_deref()
            .and_then(|d| geography.region_of(d))
            .is_some_and(|r| r.name == wanted),
    };
    let mut rows: Vec<PairRow> = explained
        .iter()
        .filter(|e| options.status.is_none_or(|s| e.pair.status == s))
        .filter(|e| {
            student_by_id
                .get(&e.pair.student_id)
                .is_some_and(|s| in_region(&s.place))
        })
        .filter_map(|e| {
            Some(PairRow {
                pair: &e.pair,
                student: student_by_id.get(&e.pair.student_id)?,
                ambassador: ambassador_by_id.get(&e.pair.ambassador_id)?,
                score: e.score,
                reasons: e.reasons.clone(),
            })
        })
        .collect();
    rows.sort_by_key(|row| {
        (
            row.student.identity.last_name.to_lowercase(),
            row.student.identity.first_name.to_lowercase(),
        )
    });
    let unpaired: Vec<(&Student, String)> = diagnoses
        .iter()
        .filter_map(|u| {
            student_by_id
                .get(&u.student)
                .map(|s| (*s, u.diagnosis.clone()))
        })
        .filter(|(s, _)| in_region(&s.place))
        .collect();
    let open_ambassadors: Vec<(&Ambassador, u32, u32)> = ambassadors
        .iter()
        .filter(|a| in_region(&a.place))
        .filter_map(|a| {
            let n = hosted.get(&a.id).copied().unwrap_or(0);
            (a.capacity > n).then_some((a, n, a.capacity - n))
        })
        .collect();
    let data = ExportData {
        edition_name: edition.name.clone(),
        event_date: edition.event_date.clone(),
        rules,
        pairs: rows,
        unpaired,
        open_ambassadors,
        students_total: students.len(),
        students_excluded: students
            .iter()
            .filter(|s| !crate::suggest::takes_part(s, rules))
            .count(),
        ambassadors_total: ambassadors.len(),
        options: options.clone(),
        season: match options.region {
            None => Some(season.clone()),
            Some(_) => None,
        },
    };
    write_atomically(out, read_from, |tmp| workbook::write(&data, tmp))?;
    Ok(ExportSummary {
        path: out.display().to_string(),
        pairs: data.pairs.len(),
        students_unpaired: data.unpaired.len(),
        ambassadors_without_student: data
            .open_ambassadors
            .iter()
            .filter(|(_, n, _)| *n == 0)
            .count(),
        places_left: data.open_ambassadors.iter().map(|(_, _, left)| left).sum(),
    })
}

/// Writes one workbook per région that has students or ambassadors, named
/// `<out without .xlsx> - <Région>.xlsx`; returns what each holds.
pub fn export_by_region(
    source: &Source,
    out: &Path,
    options: &ExportOptions,
) -> Result<Vec<ExportSummary>, ExportError> {
    let geography = crate::referentials::geography::Geography::get();
    let mut regions: Vec<String> = source
        .students
        .iter()
        .map(|s| s.place.departement.clone())
        .chain(
            source
                .ambassadors
                .iter()
                .map(|a| a.place.departement.clone()),
        )
        .flatten()
        .filter_map(|d| geography.region_of(&d).map(|r| r.name.to_string()))
        .collect();
    regions.sort();
    regions.dedup();
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "binomes".into());
    let dir = out.parent().unwrap_or(Path::new("."));
    regions
        .into_iter()
        .map(|region| {
            let path = dir.join(format!("{stem} - {region}.xlsx"));
            let options = ExportOptions {
                region: Some(region),
                ..options.clone()
            };
            export_edition(source, &path, &options)
        })
        .collect()
}

/// Writes `data` as the workbook at `path` (no temporary file: see [`export_edition`]).
pub fn write_workbook(data: &ExportData, path: &Path) -> Result<(), rust_xlsxwriter::XlsxError> {
    workbook::write(data, path)
}

/// Whether `out` may be written: its folder exists, it is not a folder nor a device, and it is
/// none of `protected` (the files being read: the database, a sign-up file — written over,
/// they would be lost). Said before anything is written.
pub(crate) fn check_target(out: &Path, protected: &[PathBuf]) -> Result<(), ExportError> {
    let file = crate::files::file_label(out);
    let refused = |detail: &str| {
        Err(ExportError::Write {
            file: file.clone(),
            detail: detail.into(),
        })
    };
    if !folder_of(out).is_dir() {
        return refused("ce dossier n'existe pas (ou plus) : choisissez-en un autre");
    }
    let Ok(existing) = std::fs::metadata(out) else {
        return Ok(());
    };
    // Said before anything is written: Windows would refuse the rename as "access denied",
    // which reads like a workbook left open.
    if existing.is_dir() {
        return refused("un dossier porte déjà ce nom : choisissez-en un autre");
    }
    if !existing.is_file() {
        return refused("ce n'est pas un fichier ordinaire : choisissez un autre nom");
    }
    // The same file under another name too (a link, `./`, another case on Windows).
    if protected
        .iter()
        .any(|p| same_file::is_same_file(out, p).unwrap_or(false))
    {
        return refused(
            "c'est un fichier que Binômes est en train de lire (la base de données ou un fichier \
             d'inscription) : il serait perdu. Choisissez un autre nom",
        );
    }
    Ok(())
}

/// [`check_target`], and a file made and removed in the folder: whether the folder takes a
/// new file, known before a long piece of work that ends by writing there (`binome pair`).
pub(crate) fn check_writable(out: &Path, protected: &[PathBuf]) -> Result<(), ExportError> {
    check_target(out, protected)?;
    tempfile::Builder::new()
        .prefix(".binome-essai-")
        .tempfile_in(folder_of(out))
        .map(drop)
        .map_err(|e| ExportError::Write {
            file: crate::files::file_label(out),
            detail: write_failure_fr(&rust_xlsxwriter::XlsxError::IoError(e)),
        })
}

fn folder_of(out: &Path) -> &Path {
    out.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes through a temporary file beside `out`, then renames it: `out` is either the old file
/// or the complete new one, never half of one. `protected`: see [`check_target`].
pub(crate) fn write_atomically(
    out: &Path,
    protected: &[PathBuf],
    write: impl FnOnce(&Path) -> Result<(), rust_xlsxwriter::XlsxError>,
) -> Result<(), ExportError> {
    check_target(out, protected)?;
    let file = crate::files::file_label(out);
    let dir = folder_of(out);
    let tmp: PathBuf = dir.join(format!(".{file}.{}.tmp", std::process::id()));
    let result = write(&tmp).map_err(|e| ExportError::Write {
        file: file.clone(),
        detail: write_failure_fr(&e),
    });
    if let Err(error) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(error);
    }
    // Names, e-mails and phone numbers: readable by the organiser only, as the database is.
    crate::files::private_file(&tmp);
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        match (e.kind(), e.raw_os_error()) {
            (std::io::ErrorKind::PermissionDenied, _) => ExportError::Locked { file: file.clone() },
            // Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION — Excel holds the file open.
            (_, Some(32 | 33)) if cfg!(windows) => ExportError::Locked { file: file.clone() },
            // EISDIR / ENOTEMPTY: a folder already has that name.
            (_, Some(21 | 39)) => ExportError::Write {
                file: file.clone(),
                detail: "un dossier porte déjà ce nom : choisissez-en un autre".into(),
            },
            _ => ExportError::Write {
                file: file.clone(),
                detail: e.to_string(),
            },
        }
    })
}

/// Why writing the workbook failed, in French when the system said why.
fn write_failure_fr(error: &rust_xlsxwriter::XlsxError) -> String {
    match error {
        // The temporary files of the constant-memory mode are made in the workbook's folder.
        rust_xlsxwriter::XlsxError::IoError(io)
        | rust_xlsxwriter::XlsxError::TempFileError(_, io) => crate::files::write_refused_fr(io),
        other => other.to_string().trim_end_matches('.').to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::write_failure_fr;

    #[test]
    fn a_full_disk_is_told_in_french() {
        // ENOSPC, EFBIG; ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL.
        let codes = if cfg!(windows) { [112, 39] } else { [28, 27] };
        for code in codes {
            let error =
                rust_xlsxwriter::XlsxError::IoError(std::io::Error::from_raw_os_error(code));
            assert!(write_failure_fr(&error).contains("disque est plein"));
        }
    }
}
