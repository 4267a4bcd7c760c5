//! `binome`: the engine without the window, for automation and for checking results.
//! Messages are in French; a failure prints one line on standard error and exits non-zero.

use std::path::PathBuf;
use std::process::ExitCode;

use binome::demo::{self, DemoSize};
use binome::Store;
use clap::{Parser, Subcommand};

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
