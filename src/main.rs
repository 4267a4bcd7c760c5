//! `binome`: the engine without the window, for automation and for checking results.
//! Messages are in French; a failure prints one line on standard error and exits non-zero.

// A whole `binome pair` allocates and frees hundreds of thousands of small strings (cells, keys,
// rows): with mimalloc it takes a tenth less time than with the system's allocator (bench/pair.sh),
// for some 30 MB more at its peak.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use binome::actions::{self, rules::RulesChange, suggest::SuggestReport};
use binome::demo::{self, DemoSize};
use binome::export::ExportOptions;
use binome::import::ImportReport;
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
        /// Base de données (fichier .sqlite3).
        #[arg(long, value_name = "BASE")]
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
        #[arg(long, value_name = "DOSSIER", required_unless_present = "db")]
        out: Option<PathBuf>,
        /// Base de données où créer l'édition de démonstration.
        #[arg(long, value_name = "BASE")]
        db: Option<PathBuf>,
        /// Graine du générateur : même graine, mêmes fichiers.
        #[arg(long, value_name = "GRAINE", default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
        /// Nombre d'étudiants fictifs.
        #[arg(long, value_name = "NOMBRE", default_value_t = DemoSize::default().students)]
        students: usize,
        /// Nombre d'ambassadeurs fictifs.
        #[arg(long, value_name = "NOMBRE", default_value_t = DemoSize::default().ambassadors)]
        ambassadors: usize,
    },
    /// Propose les binômes de l'édition (garde les binômes verrouillés, validés ou notifiés).
    Suggest {
        /// Base de données (fichier .sqlite3).
        #[arg(long, value_name = "BASE")]
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
        /// Base de données (fichier .sqlite3).
        #[arg(long, value_name = "BASE")]
        db: PathBuf,
        /// Classeur à écrire.
        #[arg(long, value_name = "FICHIER.xlsx")]
        out: PathBuf,
        /// Édition (par défaut : la plus récente).
        #[arg(long, value_name = "NOM")]
        edition: Option<String>,
        /// Seulement les binômes de ce statut : propose, valide, notifie, confirme, realise, annule ou absent.
        #[arg(long, value_name = "STATUT")]
        status: Option<String>,
        /// Sans les numéros de téléphone.
        #[arg(long)]
        minimal: bool,
        /// Un classeur par région, nommés « <FICHIER> - <Région>.xlsx ».
        #[arg(long)]
        by_region: bool,
        /// Rapport lisible par une machine sur la sortie standard.
        #[arg(long)]
        json: bool,
    },
    /// Importe les deux fichiers, propose les binômes et écrit le classeur, en une fois.
    Pair {
        /// Export des inscriptions des étudiants.
        #[arg(long, value_name = "FICHIER")]
        students: PathBuf,
        /// Export des inscriptions des ambassadeurs.
        #[arg(long, value_name = "FICHIER")]
        ambassadors: PathBuf,
        /// Classeur à écrire.
        #[arg(long, value_name = "FICHIER.xlsx")]
        out: PathBuf,
        /// Base de données à garder (par défaut : une base temporaire, effacée à la fin).
        #[arg(long, value_name = "BASE")]
        db: Option<PathBuf>,
        /// Rapport lisible par une machine sur la sortie standard.
        #[arg(long)]
        json: bool,
    },
    /// Écrit les messages aux étudiants et aux ambassadeurs : un brouillon .eml par personne et un fichier de publipostage.
    Messages {
        /// Base de données (fichier .sqlite3).
        #[arg(long, value_name = "BASE")]
        db: PathBuf,
        /// Dossier où écrire les brouillons.
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        /// Édition (par défaut : la plus récente).
        #[arg(long, value_name = "NOM")]
        edition: Option<String>,
        /// Seulement les binômes de ce statut : propose, valide, notifie, confirme, realise, annule ou absent.
        #[arg(long, value_name = "STATUT")]
        status: Option<String>,
        /// Écrit les brouillons et passe aussitôt ces binômes à « notifié » : à n'utiliser que si
        /// vous enverrez ces brouillons-là (relancer sans cette option écrit une nouvelle vague).
        #[arg(long)]
        mark_notified: bool,
        /// Rapport lisible par une machine sur la sortie standard.
        #[arg(long)]
        json: bool,
    },
    /// Affiche ou modifie les règles de proposition d'une édition (poids, distance maximale, états retenus).
    Rules {
        /// Base de données (fichier .sqlite3).
        #[arg(long, value_name = "BASE")]
        db: PathBuf,
        /// Édition (par défaut : la plus récente).
        #[arg(long, value_name = "NOM")]
        edition: Option<String>,
        /// Change un poids : --set sameDepartement=45 (répétable).
        #[arg(long = "set", value_name = "CRITÈRE=POINTS")]
        set: Vec<String>,
        /// Distance maximale en km entre les départements d'un binôme (0 : aucune limite).
        #[arg(long, value_name = "KM", allow_negative_numbers = true)]
        max_distance: Option<u32>,
        /// États de dossier retenus, séparés par des virgules (par défaut : accepte).
        #[arg(long, value_name = "ÉTATS")]
        accepted_states: Option<String>,
        /// « Personne de mal servi » : relever d'abord le moins bon binôme (oui ou non).
        #[arg(long, value_name = "OUI|NON")]
        fairness: Option<String>,
        /// Rapport lisible par une machine sur la sortie standard.
        #[arg(long)]
        json: bool,
    },
    /// Retrouve une personne par son e-mail dans toutes les éditions ; écrit ses données (droit
    /// d'accès) ou l'efface définitivement (droit à l'effacement, sauvegardes comprises).
    #[command(group(ArgGroup::new("demande").args(["data", "erase"])))]
    Person {
        /// Base de données (fichier .sqlite3).
        #[arg(long, value_name = "BASE")]
        db: PathBuf,
        /// L'adresse e-mail avec laquelle la personne s'est inscrite.
        #[arg(long)]
        email: String,
        /// Écrit tout ce que la base contient sur elle dans ce fichier texte.
        #[arg(long, value_name = "FICHIER")]
        data: Option<PathBuf>,
        /// L'efface de toutes les éditions, définitivement (ne peut pas être annulé).
        #[arg(long)]
        erase: bool,
    },
    /// Écrit « Pourquoi ? » pour une personne (étudiant ou ambassadeur), trouvée par son e-mail : les
    /// règles de l'algorithme et la façon dont elles lui ont été appliquées (CRPA art. L311-3-1), en
    /// une page HTML à lui envoyer.
    Pourquoi {
        /// Base de données (fichier .sqlite3).
        #[arg(long, value_name = "BASE")]
        db: PathBuf,
        /// L'adresse e-mail avec laquelle la personne s'est inscrite.
        #[arg(long)]
        email: String,
        /// Édition (par défaut : la plus récente où la personne est inscrite).
        #[arg(long, value_name = "NOM")]
        edition: Option<String>,
        /// Fichier à écrire (.html).
        #[arg(long, value_name = "FICHIER.html")]
        out: PathBuf,
    },
    /// Liste les éditions d'une base de données.
    Editions {
        /// Base de données (fichier .sqlite3).
        #[arg(long, value_name = "BASE")]
        db: PathBuf,
        /// Rapport lisible par une machine sur la sortie standard.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    // Before anything: this process may be the child that reads an .xls/.ods file.
    binome::import::read::isolate_readers();
    binome::init_log();
    let cli = match parse_in_french() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("binome : {message}");
            ExitCode::FAILURE
        }
    }
}

/// The help, in French: clap writes its headings and its own flags' help in English.
const HELP: &str = "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// An argument's heading and default value said in French (clap says « [default: 240] »).
fn in_french(arg: clap::Arg) -> clap::Arg {
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let arg = arg.help_heading("Options ");
    if defaults.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    arg.hide_default_value(true)
        .help(format!("{help} (par défaut : {})", defaults.join(", ")))
}

/// The arguments read, with the help and the refusals of a wrong call in French: a refusal is
/// one line on standard error and status 2 (docs/contracts.md §1.2), as clap's own were.
fn parse_in_french() -> Result<Cli, ExitCode> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};
    let help = || {
        Arg::new("aide")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("Affiche cette aide")
    };
    let command = Cli::command()
        .help_template(HELP)
        // clap puts the colon right after a heading; French typography wants a space before it.
        .subcommand_help_heading("Commandes ")
        .subcommand_value_name("COMMANDE")
        .mut_args(in_french)
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Affiche la version"),
        )
        .mut_subcommands(|sub| {
            sub.help_template(HELP)
                .disable_help_flag(true)
                .arg(help())
                .mut_args(in_french)
        });
    let error = match command.try_get_matches() {
        Ok(matches) => match Cli::from_arg_matches(&matches) {
            Ok(cli) => return Ok(cli),
            Err(error) => error,
        },
        Err(error) => error,
    };
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = error.print();
        return Err(
            if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            },
        );
    }
    let said = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(text)) => format!("« {text} »"),
        Some(ContextValue::Strings(texts)) => texts
            .iter()
            .map(|t| format!("« {t} »"))
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    };
    let what = match error.kind() {
        ErrorKind::UnknownArgument => {
            format!("option inconnue : {}", said(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            format!(
                "commande inconnue : {}",
                said(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => {
            format!("il manque {}", said(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => "indiquez une commande".to_string(),
        ErrorKind::InvalidValue if said(ContextKind::InvalidValue) == "«  »" => {
            format!("il manque la valeur de {}", said(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "valeur refusée pour {} : {}",
            said(ContextKind::InvalidArg),
            said(ContextKind::InvalidValue)
        ),
        ErrorKind::ArgumentConflict => {
            let (this, prior) = (said(ContextKind::InvalidArg), said(ContextKind::PriorArg));
            if this == prior || prior.is_empty() {
                format!("{this} est donné plusieurs fois")
            } else {
                format!("{this} ne peut pas être donné avec {prior}")
            }
        }
        ErrorKind::InvalidUtf8 => "un argument n'est pas du texte lisible (UTF-8)".to_string(),
        _ => format!("arguments incorrects {}", said(ContextKind::InvalidArg)),
    };
    eprintln!("binome : {}. Voir « binome --help ».", what.trim_end());
    Err(ExitCode::from(2))
}

/// Each subcommand translates its arguments, calls one use case (`binome::actions`) and prints
/// its result; no step of an action is written here.
fn run(cli: Cli) -> Result<(), String> {
    let fr = |e: &dyn std::fmt::Display| e.to_string();
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
                for file in actions::demo::write_samples(&dir, seed, size).map_err(|e| fr(&e))? {
                    out!("{}", file.display());
                }
            }
            if let Some(db) = db {
                let mut store = Store::open(&db).map_err(|e| fr(&e))?;
                let edition = actions::demo::open_demo_edition(&mut store).map_err(|e| fr(&e))?;
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
            let (report, edition) = actions::import::import_file(
                &db,
                edition.as_deref(),
                &path,
                role,
                sheet.as_deref(),
            )
            .map_err(|e| fr(&e))?;
            if json {
                print_json(&report)?;
            } else {
                print_import(&report, &edition.name);
            }
            Ok(())
        }
        Command::Suggest { db, edition, json } => {
            let mut store = Store::open_existing(&db).map_err(|e| fr(&e))?;
            let edition = actions::editions::for_command_line(&mut store, edition.as_deref())
                .map_err(|e| fr(&e))?;
            let suggestion =
                actions::suggest::suggest(&mut store, edition.id).map_err(|e| fr(&e))?;
            let report =
                actions::suggest::report(&store, edition.id, &suggestion).map_err(|e| fr(&e))?;
            if json {
                print_json(&report)?;
            } else {
                print_suggestion(&report, &edition.name);
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
            let options = ExportOptions {
                status: parse_status(status.as_deref())?,
                minimal,
                region: None,
            };
            let mut store = Store::open_existing(&db).map_err(|e| fr(&e))?;
            let edition = actions::editions::for_command_line(&mut store, edition.as_deref())
                .map_err(|e| fr(&e))?;
            let summaries = if by_region {
                actions::export::export_by_region(&store, edition.id, &out, &options)
            } else {
                actions::export::export_workbook(&store, edition.id, &out, &options)
                    .map(|s| vec![s])
            }
            .map_err(|e| fr(&e))?;
            if json && by_region {
                print_json(&summaries)?;
            } else if json {
                print_json(&summaries[0])?;
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
            let done = actions::pair::pair(&students, &ambassadors, &out, db.as_deref())
                .map_err(|e| fr(&e))?;
            if json {
                let suggested = &done.suggested;
                print_json(&serde_json::json!({
                    "out": done.export.path,
                    "pairs": suggested.pairs,
                    "students_unpaired": suggested.students_unpaired,
                    "students_excluded": suggested.students_excluded,
                    "places_left": suggested.places_left,
                    "students": done.students,
                    "ambassadors": done.ambassadors,
                    "suggested": suggested.suggested,
                    "unpaired": suggested.unpaired,
                }))?;
            } else {
                out!(
                    "Étudiants : {} lignes lues, {} enregistrés, {} rejetées. Ambassadeurs : {} lignes lues, {} enregistrés, {} rejetées.",
                    done.students.rows_read,
                    done.students.stored,
                    done.students.rejected.len(),
                    done.ambassadors.rows_read,
                    done.ambassadors.stored,
                    done.ambassadors.rejected.len()
                );
                print_suggestion(&done.suggested, &done.edition.name);
                out!(
                    "Classeur écrit : {} (il contient des données personnelles).",
                    done.export.path
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
            let selection = actions::messages::Selection {
                status: parse_status(status.as_deref())?,
                pairs: None,
            };
            let mut store = Store::open_existing(&db).map_err(|e| fr(&e))?;
            let edition = actions::editions::for_command_line(&mut store, edition.as_deref())
                .map_err(|e| fr(&e))?;
            let summary = actions::messages::write_drafts(&mut store, edition.id, &out, &selection)
                .map_err(|e| fr(&e))?;
            if mark_notified {
                actions::messages::mark_notified(&mut store, edition.id, &summary.pairs)
                    .map_err(|e| fr(&e))?;
            }
            if json {
                print_json(&summary)?;
            } else if summary.wave.is_empty() {
                out!("Personne n'est à prévenir pour ces binômes : aucun brouillon écrit.");
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
            let change = RulesChange {
                weights: set
                    .iter()
                    .map(|assignment| parse_weight(assignment))
                    .collect::<Result<_, _>>()?,
                max_distance_km: max_distance,
                accepted_states: accepted_states
                    .map(|states| states.split(',').map(str::to_string).collect()),
                fairness: fairness.as_deref().map(parse_yes_no).transpose()?,
            };
            // Refused before the database is opened: a refusal leaves no new database.
            change.check().map_err(|e| fr(&e))?;
            let mut store = Store::open(&db).map_err(|e| fr(&e))?;
            let edition = actions::editions::for_command_line(&mut store, edition.as_deref())
                .map_err(|e| fr(&e))?;
            let rules =
                actions::rules::change(&mut store, edition.id, &change).map_err(|e| fr(&e))?;
            if json {
                print_json(&rules)?;
            } else {
                for line in rules.notice_fr() {
                    out!("{line}");
                }
            }
            Ok(())
        }
        Command::Person {
            db,
            email,
            data,
            erase,
        } => {
            let mut store = Store::open_existing(&db).map_err(|e| fr(&e))?;
            let (found, done) = if let Some(out) = &data {
                let found = actions::people::export_data_by_email(&store, &email, out)
                    .map_err(|e| fr(&e))?;
                (found, format!("données écrites dans {}", out.display()))
            } else if erase {
                let found =
                    actions::people::erase_by_email(&mut store, &email).map_err(|e| fr(&e))?;
                (found, "effacé(e) définitivement".to_string())
            } else {
                let found = actions::people::lookup_by_email(&store, &email).map_err(|e| fr(&e))?;
                (found, "inscrit(e)".to_string())
            };
            for f in found {
                let role = match f.role {
                    Role::Student => "étudiant(e)",
                    Role::Ambassador => "ambassadeur / ambassadrice",
                };
                out!("{}\t{}\t{role}\t{done}", f.edition_name, f.name);
            }
            Ok(())
        }
        Command::Pourquoi {
            db,
            email,
            edition,
            out,
        } => {
            let mut store = Store::open_existing(&db).map_err(|e| fr(&e))?;
            let found =
                actions::why::export_why_by_email(&mut store, &email, edition.as_deref(), &out)
                    .map_err(|e| fr(&e))?;
            out!(
                "{}\t{}\texplication écrite dans {}",
                found.edition_name,
                found.name,
                out.display()
            );
            Ok(())
        }
        Command::Editions { db, json } => {
            let store = Store::open_existing(&db).map_err(|e| fr(&e))?;
            let editions = actions::editions::list(&store).map_err(|e| fr(&e))?;
            if json {
                print_json(&editions)?;
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

fn print_json(value: &impl serde::Serialize) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    out!("{text}");
    Ok(())
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
    if let Some(states) = report.states_fr() {
        out!("{states}");
    }
    if let Some(left_out) = report.not_taking_part_fr() {
        out!("{left_out}");
    }
    for duplicate in &report.duplicates {
        let filled = duplicate
            .filled
            .iter()
            .map(|f| format!("{} (ligne {})", f.field, f.row))
            .collect::<Vec<_>>();
        out!(
            "Doublon {} : ligne {} gardée ({}), ligne(s) {} écartée(s){}",
            duplicate.email,
            duplicate.kept_row,
            duplicate.reason,
            duplicate
                .set_aside
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            if filled.is_empty() {
                String::new()
            } else {
                format!(" ; complétée avec : {}", filled.join(", "))
            }
        );
    }
    if !report.probable_duplicates.is_empty() {
        out!(
            "{} doublon(s) probable(s), adresses e-mail différentes (non fusionnés, à vérifier) :",
            report.probable_duplicates.len()
        );
        for probable in &report.probable_duplicates {
            let rows = probable
                .rows
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            out!(
                "  lignes {rows} : {} — {}",
                probable.people.join(" / "),
                probable.reason
            );
        }
    }
    let reworded: Vec<_> = report
        .recognized_values
        .iter()
        .filter(|v| !v.exact)
        .collect();
    if !reworded.is_empty() {
        out!(
            "{} valeur(s) reconnue(s) sous un autre libellé (à vérifier) :",
            reworded.len()
        );
        for value in reworded {
            out!(
                "  « {} » → {} ({}, {} ligne(s))",
                value.text,
                value.label,
                value.how,
                value.count
            );
        }
    }
    for hand in &report.changes.hand_edited {
        out!(
            "  {} : {} modifié(e) à la main « {} » gardé(e) (le fichier donne « {} »)",
            hand.person.name,
            hand.field,
            hand.hand,
            hand.file
        );
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

/// What `suggest` and `pair` print without `--json`.
fn print_suggestion(report: &SuggestReport, edition: &str) {
    out!(
        "Édition « {edition} » : {} binômes ({} proposés, {} gardés), {} étudiants sans binôme, {} hors des états retenus, {} places libres.",
        report.pairs, report.proposed, report.kept, report.students_unpaired, report.students_excluded, report.places_left
    );
    for pair in &report.suggested {
        out!(
            "  {} → {} ({} points : {})",
            pair.student,
            pair.ambassador,
            pair.score,
            pair.reasons.join(" ; ")
        );
    }
    for student in &report.unpaired {
        out!(
            "  sans binôme : {} — {}",
            student.student,
            student.diagnosis
        );
    }
}

/// `CRITÈRE=POINTS`, as `--set` takes it.
fn parse_weight(assignment: &str) -> Result<(String, u32), String> {
    let (name, points) = assignment
        .split_once('=')
        .ok_or_else(|| format!("« {assignment} » : attendu CRITÈRE=POINTS"))?;
    let points: u32 = points.trim().parse().map_err(|_| {
        format!(
            "--set {}={points} : « {points} » n'est pas un nombre de points (entier de 0 à {})",
            name.trim(),
            binome::suggest::rules::MAX_POINTS
        )
    })?;
    Ok((name.trim().to_string(), points))
}

fn parse_yes_no(answer: &str) -> Result<bool, String> {
    match answer.to_lowercase().as_str() {
        "oui" | "yes" | "on" | "1" => Ok(true),
        "non" | "no" | "off" | "0" => Ok(false),
        other => Err(format!("--fairness « {other} » : attendu oui ou non")),
    }
}

/// A status as typed on the command line, accents optional.
fn parse_status(status: Option<&str>) -> Result<Option<PairStatus>, String> {
    match status.map(str::to_lowercase).as_deref() {
        None => Ok(None),
        Some("propose" | "proposé" | "proposed") => Ok(Some(PairStatus::Proposed)),
        Some("valide" | "validé" | "validated") => Ok(Some(PairStatus::Validated)),
        Some("notifie" | "notifié" | "notified") => Ok(Some(PairStatus::Notified)),
        Some("confirme" | "confirmé" | "confirmed") => Ok(Some(PairStatus::Confirmed)),
        Some("realise" | "réalisé" | "done") => Ok(Some(PairStatus::Done)),
        Some("annule" | "annulé" | "cancelled") => Ok(Some(PairStatus::Cancelled)),
        Some("absent") => Ok(Some(PairStatus::Absent)),
        Some(other) => Err(format!(
            "statut « {other} » inconnu (attendu : propose, valide, notifie, confirme, realise, annule ou absent)"
        )),
    }
}
