//! `binome`: the engine without the window, for automation and for checking results.
//! Messages are in French; a failure prints one line on standard error and exits non-zero.

use std::path::PathBuf;
use std::process::ExitCode;

use binome::demo::{self, DemoSize};
use binome::import::{self, ImportReport};
use binome::model::Role;
use binome::Store;
use clap::{ArgGroup, Parser, Subcommand};

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
                    println!("{}", file.display());
                }
            }
            if let Some(db) = db {
                let mut store = Store::open(&db).map_err(|e| e.to_string())?;
                let edition = store.open_demo_edition().map_err(|e| e.to_string())?;
                println!(
                    "Édition de démonstration : « {} » (n° {})",
                    edition.name, edition.id
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
                println!("{text}");
            } else {
                print_import(&report, &edition.name);
            }
            Ok(())
        }
        Command::Editions { db, json } => {
            let store = Store::open(&db).map_err(|e| e.to_string())?;
            let editions = store.list_editions().map_err(|e| e.to_string())?;
            if json {
                let text = serde_json::to_string_pretty(&editions).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                for e in editions {
                    println!(
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
    println!(
        "« {} » ({sheet}en-tête ligne {}) → édition « {edition} »",
        report.file, report.header_row
    );
    println!(
        "{} lignes lues : {} personnes enregistrées ({} nouvelles, {} modifiées, {} inchangées), {} rejetées.",
        report.rows_read,
        report.stored,
        report.created,
        report.updated,
        report.unchanged,
        report.rejected.len()
    );
    for rejection in &report.rejected {
        println!("  rejetée, ligne {} : {}", rejection.row, rejection.reason);
    }
    if !report.changes.gone.is_empty() {
        println!(
            "{} personnes de l'édition ne sont plus dans ce fichier (gardées) :",
            report.changes.gone.len()
        );
        for person in &report.changes.gone {
            println!("  {}", person.name);
        }
    }
    println!("{} points à vérifier :", report.warnings.len());
    for warning in &report.warnings {
        let column = warning
            .column
            .as_ref()
            .map(|c| format!(", colonne « {c} »"))
            .unwrap_or_default();
        println!("  ligne {}{column} : {}", warning.row, warning.message);
    }
    if let Some(backup) = &report.backup {
        println!("Sauvegarde de la base avant l'import : {backup}");
    }
}
