//! `binome`: the engine without the window, for automation and for checking results.
//! Messages are in French; a failure prints one line on standard error and exits non-zero.

use std::path::PathBuf;
use std::process::ExitCode;

use binome::demo::{self, DemoSize};
use binome::export::{self, ExportOptions};
use binome::import::{self, ImportReport};
use binome::model::{PairStatus, Role};
use binome::Store;
use clap::{ArgGroup, Parser, Subcommand};

/// Prints a line on standard output, ignoring a closed pipe (`binome … | head` must not crash).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

#[derive(Parser)]
#[command(
    name = "binome",
    version,
    about = "Binômes — appariement étudiants / ambassadeurs de « Vis mon job »"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Importe un fichier d'inscriptions (étudiants ou ambassadeurs) dans une édition.
    #[command(group(ArgGroup::new("fichier").required(true).args(["students", "ambassadors"])))]
    Import {
        #[arg(long)]
        db: PathBuf,
        /// Export des inscriptions des étudiants (démarches simplifiées : .xlsx, .ods, .csv).
        #[arg(long, value_name = "FICHIER")]
        students: Option<PathBuf>,
        /// Export des inscriptions des ambassadeurs (Sphinx : .xlsx, .xls, .csv).
        #[arg(long, value_name = "FICHIER")]
        ambassadors: Option<PathBuf>,
        /// Feuille à lire (par défaut : « Dossiers » si elle existe, sinon la première qui a des données).
        #[arg(long, value_name = "NOM")]
        sheet: Option<String>,
        /// Édition où importer (créée si elle n'existe pas ; par défaut : la plus récente).
        #[arg(long, value_name = "NOM")]
        edition: Option<String>,
        /// Rapport lisible par une machine sur la sortie standard.
        #[arg(long)]
        json: bool,
    },
    /// Écrit les fiches d'inscription de démonstration (fictives) ou crée l'édition de démonstration.
    Demo {
        /// Dossier où écrire les fichiers d'exemple.
        #[arg(long, required_unless_present = "db")]
        out: Option<PathBuf>,
        /// Base de données où créer l'édition de démonstration.
        #[arg(long)]
        db: Option<PathBuf>,
        /// Graine du générateur : même graine, mêmes fichiers.
        #[arg(long, default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
        #[arg(long, default_value_t = DemoSize::default().students)]
        students: usize,
        #[arg(long, default_value_t = DemoSize::default().ambassadors)]
        ambassadors: usize,
    },
    /// Propose les binômes de l'édition (garde les binômes verrouillés, validés ou notifiés).
    Suggest {
        #[arg(long)]
        db: PathBuf,
        /// Édition (par défaut : la plus récente).
        #[arg(long, value_name = "NOM")]
        edition: Option<String>,
        /// Rapport lisible par une machine sur la sortie standard.
        #[arg(long)]
        json: bool,
    },
    /// Écrit le classeur des binômes (feuilles Binômes, Étudiants sans binôme, Ambassadeurs sans étudiant, Synthèse).
    Export {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, value_name = "FICHIER.xlsx")]
        out: PathBuf,
        /// Édition (par défaut : la plus récente).
        #[arg(long, value_name = "NOM")]
        edition: Option<String>,
        /// Seulement les binômes de ce statut : propose, valide ou notifie.
        #[arg(long, value_name = "STATUT")]
        status: Option<String>,
        /// Sans les numéros de téléphone.
        #[arg(long)]
        minimal: bool,
        /// Un classeur par région, nommés « <FICHIER> - <Région>.xlsx ».
        #[arg(long)]
        by_region: bool,
        #[arg(long)]
        json: bool,
    },
    /// Importe les deux fichiers, propose les binômes et écrit le classeur, en une fois.
    Pair {
        #[arg(long, value_name = "FICHIER")]
        students: PathBuf,
        #[arg(long, value_name = "FICHIER")]
        ambassadors: PathBuf,
        #[arg(long, value_name = "FICHIER.xlsx")]
        out: PathBuf,
        /// Base de données à garder (par défaut : une base temporaire, effacée à la fin).
        #[arg(long)]
        db: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Écrit les messages aux étudiants et aux ambassadeurs : un brouillon .eml par personne et un fichier de publipostage.
    Messages {
        #[arg(long)]
        db: PathBuf,
        /// Dossier où écrire les brouillons.
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        #[arg(long, value_name = "NOM")]
        edition: Option<String>,
        /// Seulement les binômes de ce statut : propose, valide ou notifie.
        #[arg(long, value_name = "STATUT")]
        status: Option<String>,
        /// Passe ces binômes à « notifié » (à faire une fois les messages envoyés).
        #[arg(long)]
        mark_notified: bool,
        #[arg(long)]
        json: bool,
    },
    /// Affiche ou modifie les règles de proposition d'une édition (poids, distance maximale, états retenus).
    Rules {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, value_name = "NOM")]
        edition: Option<String>,
        /// Change un poids : --set sameDepartement=45 (répétable).
        #[arg(long = "set", value_name = "CRITÈRE=POINTS")]
        set: Vec<String>,
        /// Distance maximale en km entre les départements d'un binôme (0 : aucune limite).
        #[arg(long, value_name = "KM")]
        max_distance: Option<u32>,
        /// États de dossier retenus, séparés par des virgules (par défaut : accepte).
        #[arg(long, value_name = "ÉTATS")]
        accepted_states: Option<String>,
        /// « Personne de mal servi » : relever d'abord le moins bon binôme (oui ou non).
        #[arg(long, value_name = "OUI|NON")]
        fairness: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Liste les éditions d'une base de données.
    Editions {
        #[arg(long)]
        db: PathBuf,
        /// Rapport lisible par une machine sur la sortie standard.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    // Before anything: this process may be the child that reads an .xls/.ods file.
    binome::import::read::isolate_readers();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("binome : {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Demo {
            out,
            db,
            seed,
            students,
            ambassadors,
        } => {
            if let Some(dir) = out {
                let size = DemoSize {
                    students,
                    ambassadors,
                };
                let files = demo::write_samples(&dir, seed, size).map_err(|e| e.to_string())?;
                for file in files {
                    out!("{}", file.display());
                }
            }
            if let Some(db) = db {
                let mut store = Store::open(&db).map_err(|e| e.to_string())?;
                let edition = store.open_demo_edition().map_err(|e| e.to_string())?;
                out!(
                    "Édition de démonstration : « {} » (n° {})",
                    edition.name,
                    edition.id
                );
            }
            Ok(())
        }
        Command::Import {
            db,
            students,
            ambassadors,
            sheet,
            edition,
            json,
        } => {
            let (path, role) = match (students, ambassadors) {
                (Some(path), _) => (path, Role::Student),
                (None, Some(path)) => (path, Role::Ambassador),
                (None, None) => return Err("indiquez --students ou --ambassadors".into()),
            };
            // Read the file before touching the database: an unusable file changes nothing.
            let mut analysis =
                import::analyze(&path, role, sheet.as_deref()).map_err(|e| e.to_string())?;
            let mut store = Store::open(&db).map_err(|e| e.to_string())?;
            // Columns the organiser matched by hand on earlier files apply here too.
            let remembered = store.remembered(role).map_err(|e| e.to_string())?;
            let learned_anything = !remembered.columns.is_empty()
                || !remembered.jobs.is_empty()
                || !remembered.administrations.is_empty();
            if learned_anything {
                analysis = import::analyze_with(
                    &path,
                    role,
                    sheet.as_deref(),
                    &remembered,
                    &import::Progress::none(),
                )
                .map_err(|e| e.to_string())?;
            }
            let edition = store
                .edition_for_command_line(edition.as_deref())
                .map_err(|e| e.to_string())?;
            let report = import::apply_analysis(&mut store, edition.id, &analysis)
                .map_err(|e| e.to_string())?;
            if json {
                let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
                out!("{text}");
            } else {
                print_import(&report, &edition.name);
            }
            Ok(())
        }
        Command::Suggest { db, edition, json } => {
            let mut store = Store::open(&db).map_err(|e| e.to_string())?;
            let edition = store
                .edition_for_command_line(edition.as_deref())
                .map_err(|e| e.to_string())?;
            store
                .backup("avant-suggestion")
                .map_err(|e| e.to_string())?;
            let suggestion = store.suggest(edition.id).map_err(|e| e.to_string())?;
            let report =
                SuggestReport::new(&store, edition.id, &suggestion).map_err(|e| e.to_string())?;
            if json {
                let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
                out!("{text}");
            } else {
                report.print(&edition.name);
            }
            Ok(())
        }
        Command::Export {
            db,
            out,
            edition,
            status,
            minimal,
            by_region,
            json,
        } => {
            let status = parse_status(status.as_deref())?;
            let mut store = Store::open(&db).map_err(|e| e.to_string())?;
            let edition = store
                .edition_for_command_line(edition.as_deref())
                .map_err(|e| e.to_string())?;
            let options = ExportOptions {
                status,
                minimal,
                region: None,
            };
            let summaries = if by_region {
                export::export_by_region(&store, edition.id, &out, &options)
            } else {
                export::export_edition(&store, edition.id, &out, &options).map(|s| vec![s])
            }
            .map_err(|e| e.to_string())?;
            if json {
                let text = if by_region {
                    serde_json::to_string_pretty(&summaries)
                } else {
                    serde_json::to_string_pretty(&summaries[0])
                }
                .map_err(|e| e.to_string())?;
                out!("{text}");
            } else {
                for summary in &summaries {
                    out!(
                        "« {} » : {} binômes, {} étudiants sans binôme, {} places libres.",
                        summary.path,
                        summary.pairs,
                        summary.students_unpaired,
                        summary.places_left
                    );
                }
                out!("Ces classeurs contiennent des données personnelles : ne les transmettez qu'à qui en a besoin.");
            }
            Ok(())
        }
        Command::Pair {
            students,
            ambassadors,
            out,
            db,
            json,
        } => {
            // Both files are read before anything is written anywhere.
            let student_file =
                import::analyze(&students, Role::Student, None).map_err(|e| e.to_string())?;
            let ambassador_file =
                import::analyze(&ambassadors, Role::Ambassador, None).map_err(|e| e.to_string())?;
            let temporary = tempfile::tempdir().map_err(|e| e.to_string())?;
            let db = db.unwrap_or_else(|| temporary.path().join("binomes.sqlite3"));
            let mut store = Store::open(&db).map_err(|e| e.to_string())?;
            let edition = store
                .edition_for_command_line(None)
                .map_err(|e| e.to_string())?;
            let student_report = import::apply_analysis(&mut store, edition.id, &student_file)
                .map_err(|e| e.to_string())?;
            let ambassador_report =
                import::apply_analysis(&mut store, edition.id, &ambassador_file)
                    .map_err(|e| e.to_string())?;
            let suggestion = store.suggest(edition.id).map_err(|e| e.to_string())?;
            let suggested =
                SuggestReport::new(&store, edition.id, &suggestion).map_err(|e| e.to_string())?;
            let summary =
                export::export_edition(&store, edition.id, &out, &ExportOptions::default())
                    .map_err(|e| e.to_string())?;
            if json {
                let report = serde_json::json!({
                    "out": summary.path,
                    "pairs": suggested.pairs,
                    "students_unpaired": suggested.students_unpaired,
                    "students_excluded": suggested.students_excluded,
                    "places_left": suggested.places_left,
                    "students": student_report,
                    "ambassadors": ambassador_report,
                    "suggested": suggested.suggested,
                    "unpaired": suggested.unpaired,
                });
                let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
                out!("{text}");
            } else {
                out!(
                    "Étudiants : {} lignes lues, {} enregistrés, {} rejetées. Ambassadeurs : {} lignes lues, {} enregistrés, {} rejetées.",
                    student_report.rows_read,
                    student_report.stored,
                    student_report.rejected.len(),
                    ambassador_report.rows_read,
                    ambassador_report.stored,
                    ambassador_report.rejected.len()
                );
                suggested.print(&edition.name);
                out!(
                    "Classeur écrit : {} (il contient des données personnelles).",
                    summary.path
                );
            }
            Ok(())
        }
        Command::Messages {
            db,
            out,
            edition,
            status,
            mark_notified,
            json,
        } => {
            let status = parse_status(status.as_deref())?;
            let mut store = Store::open(&db).map_err(|e| e.to_string())?;
            let edition = store
                .edition_for_command_line(edition.as_deref())
                .map_err(|e| e.to_string())?;
            let summary =
                binome::messages::write_edition_messages(&store, edition.id, &out, status)
                    .map_err(|e| e.to_string())?;
            if mark_notified {
                store
                    .mark_notified(&summary.pairs)
                    .map_err(|e| e.to_string())?;
            }
            if json {
                let text = serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?;
                out!("{text}");
            } else {
                out!(
                    "{} brouillons écrits dans « {} », publipostage : {}.",
                    summary.drafts,
                    summary.folder,
                    summary.merge_sheet
                );
                for name in &summary.without_email {
                    out!("  sans e-mail, à prévenir autrement : {name}");
                }
                if mark_notified {
                    out!("{} binômes passés à « notifié ».", summary.pairs.len());
                }
            }
            Ok(())
        }
        Command::Rules {
            db,
            edition,
            set,
            max_distance,
            accepted_states,
            fairness,
            json,
        } => {
            let mut store = Store::open(&db).map_err(|e| e.to_string())?;
            let edition = store
                .edition_for_command_line(edition.as_deref())
                .map_err(|e| e.to_string())?;
            let mut rules = store.rules(edition.id).map_err(|e| e.to_string())?;
            let changing = !set.is_empty()
                || max_distance.is_some()
                || accepted_states.is_some()
                || fairness.is_some();
            if let Some(answer) = fairness.as_deref().map(str::to_lowercase) {
                rules.fairness = match answer.as_str() {
                    "oui" | "yes" | "on" | "1" => true,
                    "non" | "no" | "off" | "0" => false,
                    other => return Err(format!("« {other} » : attendu oui ou non")),
                };
            }
            for assignment in &set {
                let (name, points) = assignment
                    .split_once('=')
                    .ok_or_else(|| format!("« {assignment} » : attendu CRITÈRE=POINTS"))?;
                let points: u32 = points
                    .trim()
                    .parse()
                    .map_err(|_| format!("« {points} » n'est pas un nombre de points"))?;
                rules.weights.set(name.trim(), points)?;
            }
            if let Some(km) = max_distance {
                rules.max_distance_km = (km > 0).then_some(km);
            }
            if let Some(states) = accepted_states {
                rules.accepted_states = states
                    .split(',')
                    .map(|s| s.trim().to_lowercase())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
            if changing {
                store
                    .set_rules(edition.id, &rules)
                    .map_err(|e| e.to_string())?;
            }
            if json {
                let text = serde_json::to_string_pretty(&rules).map_err(|e| e.to_string())?;
                out!("{text}");
            } else {
                for line in rules.notice_fr() {
                    out!("{line}");
                }
            }
            Ok(())
        }
        Command::Editions { db, json } => {
            let store = Store::open(&db).map_err(|e| e.to_string())?;
            let editions = store.list_editions().map_err(|e| e.to_string())?;
            if json {
                let text = serde_json::to_string_pretty(&editions).map_err(|e| e.to_string())?;
                out!("{text}");
            } else {
                for e in editions {
                    out!(
                        "{}\t{}\t{}\t{} étudiants\t{} ambassadeurs\t{} binômes",
                        e.edition.id,
                        e.edition.name,
                        e.edition.event_date.as_deref().unwrap_or("date à fixer"),
                        e.students,
                        e.ambassadors,
                        e.pairs
                    );
                }
            }
            Ok(())
        }
    }
}

fn print_import(report: &ImportReport, edition: &str) {
    let sheet = report
        .sheet
        .as_ref()
        .map(|s| format!("feuille « {s} », "))
        .unwrap_or_default();
    out!(
        "« {} » ({sheet}en-tête ligne {}) → édition « {edition} »",
        report.file,
        report.header_row
    );
    out!(
        "{} lignes lues : {} personnes enregistrées ({} nouvelles, {} modifiées, {} inchangées), {} rejetées.",
        report.rows_read,
        report.stored,
        report.created,
        report.updated,
        report.unchanged,
        report.rejected.len()
    );
    for rejection in &report.rejected {
        out!("  rejetée, ligne {} : {}", rejection.row, rejection.reason);
    }
    if !report.changes.gone.is_empty() {
        out!(
            "{} personnes de l'édition ne sont plus dans ce fichier (gardées) :",
            report.changes.gone.len()
        );
        for person in &report.changes.gone {
            out!("  {}", person.name);
        }
    }
    out!("{} points à vérifier :", report.warnings.len());
    for warning in &report.warnings {
        let column = warning
            .column
            .as_ref()
            .map(|c| format!(", colonne « {c} »"))
            .unwrap_or_default();
        out!("  ligne {}{column} : {}", warning.row, warning.message);
    }
    if let Some(backup) = &report.backup {
        out!("Sauvegarde de la base avant l'import : {backup}");
    }
}

/// What `suggest` prints: counts under the contract's names (PRODUCT.md §4), then the details.
#[derive(serde::Serialize)]
struct SuggestReport {
    /// Pairs in the edition after the suggestion (kept and proposed).
    pairs: usize,
    proposed: usize,
    kept: usize,
    students_unpaired: usize,
    /// Students left out by the rules (application not accepted).
    students_excluded: usize,
    places_left: u32,
    suggested: Vec<SuggestedPair>,
    unpaired: Vec<UnpairedStudent>,
}

#[derive(serde::Serialize)]
struct SuggestedPair {
    student: String,
    student_email: Option<String>,
    ambassador: String,
    ambassador_email: Option<String>,
    score: u32,
    reasons: Vec<String>,
}

#[derive(serde::Serialize)]
struct UnpairedStudent {
    student: String,
    email: Option<String>,
    diagnosis: String,
}

impl SuggestReport {
    fn new(
        store: &Store,
        edition: binome::model::EditionId,
        suggestion: &binome::suggest::Suggestion,
    ) -> Result<SuggestReport, binome::StoreError> {
        use std::collections::HashMap;
        let students: HashMap<_, _> = store
            .list_students(edition)?
            .into_iter()
            .map(|s| (s.id, s.identity))
            .collect();
        let ambassadors: HashMap<_, _> = store
            .list_ambassadors(edition)?
            .into_iter()
            .map(|a| (a.id, a.identity))
            .collect();
        let name = |who: Option<&binome::model::Identity>| {
            who.map(|w| format!("{} {}", w.first_name, w.last_name.to_uppercase()))
                .unwrap_or_default()
        };
        let unpaired = |list: &[binome::suggest::Unpaired]| -> Vec<UnpairedStudent> {
            list.iter()
                .map(|u| UnpairedStudent {
                    student: name(students.get(&u.student)),
                    email: students.get(&u.student).and_then(|s| s.email.clone()),
                    diagnosis: u.diagnosis.clone(),
                })
                .collect()
        };
        Ok(SuggestReport {
            pairs: suggestion.kept.len() + suggestion.proposed.len(),
            proposed: suggestion.proposed.len(),
            kept: suggestion.kept.len(),
            students_unpaired: suggestion.unpaired.len(),
            students_excluded: suggestion.excluded.len(),
            places_left: suggestion.places_left,
            suggested: suggestion
                .proposed
                .iter()
                .map(|p| SuggestedPair {
                    student: name(students.get(&p.student)),
                    student_email: students.get(&p.student).and_then(|s| s.email.clone()),
                    ambassador: name(ambassadors.get(&p.ambassador)),
                    ambassador_email: ambassadors.get(&p.ambassador).and_then(|a| a.email.clone()),
                    score: p.evaluation.score,
                    reasons: p
                        .evaluation
                        .parts
                        .iter()
                        .map(|part| part.reason.clone())
                        .collect(),
                })
                .collect(),
            unpaired: unpaired(&suggestion.unpaired),
        })
    }

    fn print(&self, edition: &str) {
        out!(
            "Édition « {edition} » : {} binômes ({} proposés, {} gardés), {} étudiants sans binôme, {} hors appariement (dossier non accepté), {} places libres.",
            self.pairs, self.proposed, self.kept, self.students_unpaired, self.students_excluded, self.places_left
        );
        for pair in &self.suggested {
            out!(
                "  {} → {} ({} points : {})",
                pair.student,
                pair.ambassador,
                pair.score,
                pair.reasons.join(" ; ")
            );
        }
        for student in &self.unpaired {
            out!(
                "  sans binôme : {} — {}",
                student.student,
                student.diagnosis
            );
        }
    }
}

/// A status as typed on the command line, accents optional.
fn parse_status(status: Option<&str>) -> Result<Option<PairStatus>, String> {
    match status.map(str::to_lowercase).as_deref() {
        None => Ok(None),
        Some("propose" | "proposé" | "proposed") => Ok(Some(PairStatus::Proposed)),
        Some("valide" | "validé" | "validated") => Ok(Some(PairStatus::Validated)),
        Some("notifie" | "notifié" | "notified") => Ok(Some(PairStatus::Notified)),
        Some(other) => Err(format!(
            "statut « {other} » inconnu (attendu : propose, valide ou notifie)"
        )),
    }
}
