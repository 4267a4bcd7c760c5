//! The study levels an ambassador would rather host (#16): read from the ambassadors' sheet,
//! stored, and a soft criterion of the suggestion with its own weight — a student of a preferred
//! level wins when all else is equal, says so in the explanation, and weight 0 changes nothing.

mod common;

use common::RunToEnd as _;

use binome::demo::{generate_people, DemoSize};
use binome::model::{Ambassador, Mobility, PersonRecord, Role, Student, StudentId};
use binome::suggest::{suggest, Input, Rules};
use binome::Store;

fn demo(seed: u64, students: usize, ambassadors: usize) -> (Vec<Student>, Vec<Ambassador>) {
    generate_people(
        seed,
        DemoSize {
            students,
            ambassadors,
        },
    )
    .numbered()
}

fn run(students: &[Student], ambassadors: &[Ambassador], rules: &Rules) -> Vec<(i64, i64, u32)> {
    let result = suggest(&Input {
        students,
        ambassadors,
        pairs: &[],
        forbidden: &[],
        rules,
    });
    let mut pairs: Vec<(i64, i64, u32)> = result
        .proposed
        .iter()
        .map(|p| (p.student.0, p.ambassador.0, p.evaluation.score))
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Two students alike in everything but their level, for one place with an ambassador who
/// prefers one of the two levels.
fn twins_and_one_place(first_level: &str, second_level: &str) -> (Vec<Student>, Ambassador) {
    let (students, ambassadors) = demo(7, 40, 20);
    let mut ambassador = ambassadors
        .into_iter()
        .find(|a| a.capacity > 0)
        .expect("an ambassador with a place");
    ambassador.capacity = 1;
    ambassador.preferred_levels = vec!["Bac+5".into()];
    let mut model = students
        .into_iter()
        .find(|s| s.application_state.as_deref() == Some("accepte"))
        .expect("an accepted student");
    model.mobility = Mobility::National;
    let twins = [first_level, second_level]
        .into_iter()
        .enumerate()
        .map(|(k, level)| Student {
            id: StudentId(k as i64 + 1),
            level: Some(level.to_string()),
            ..model.clone()
        })
        .collect();
    (twins, ambassador)
}

#[test]
fn a_student_of_the_preferred_level_is_preferred_when_all_else_is_equal() {
    // Whichever comes first, the Bac+5 student gets the place, and the reason says why.
    for (levels, expected) in [(("Bac+5", "Bac+3"), 1), (("Bac+3", "Bac+5"), 2)] {
        let (students, ambassador) = twins_and_one_place(levels.0, levels.1);
        let rules = Rules::default();
        let result = suggest(&Input {
            students: &students,
            ambassadors: std::slice::from_ref(&ambassador),
            pairs: &[],
            forbidden: &[],
            rules: &rules,
        });
        assert_eq!(result.proposed.len(), 1);
        let proposal = &result.proposed[0];
        assert_eq!(proposal.student, StudentId(expected), "{levels:?}");
        assert!(
            proposal
                .evaluation
                .parts
                .iter()
                .any(|p| p.points == rules.weights.preferred_level
                    && p.reason == "niveau d'études préféré par l'ambassadeur : Bac+5"),
            "{:?}",
            proposal.evaluation.parts
        );
        // The other one's score is lower by exactly the weight.
        let profile = |s: &Student| binome::suggest::score::StudentProfile::of(s);
        let ambassador_profile = binome::suggest::score::AmbassadorProfile::of(&ambassador);
        let scores: Vec<u32> = students
            .iter()
            .map(|s| {
                binome::suggest::score::score(&profile(s), &ambassador_profile, &rules).unwrap()
            })
            .collect();
        assert_eq!(
            scores[expected as usize - 1],
            scores[2 - expected as usize] + rules.weights.preferred_level
        );
    }
    // An ambassador who states no preference: the same points for both.
    let (students, mut ambassador) = twins_and_one_place("Bac+5", "Bac+3");
    ambassador.preferred_levels.clear();
    let rules = Rules::default();
    let a = binome::suggest::score::AmbassadorProfile::of(&ambassador);
    let scores: Vec<u32> = students
        .iter()
        .map(|s| {
            let p = binome::suggest::score::StudentProfile::of(s);
            binome::suggest::score::score(&p, &a, &rules).unwrap()
        })
        .collect();
    assert_eq!(scores[0], scores[1]);
}

#[test]
fn weight_zero_gives_the_same_pairs_as_without_any_preference() {
    for seed in [3u64, 11, 29] {
        let (students, ambassadors) = demo(seed, 400, 260);
        assert!(
            ambassadors.iter().any(|a| !a.preferred_levels.is_empty()),
            "the demo gives some ambassadors a preference"
        );
        let mut off = Rules::default();
        off.weights.set("preferredLevel", 0).unwrap();
        let without: Vec<Ambassador> = ambassadors
            .iter()
            .cloned()
            .map(|a| Ambassador {
                preferred_levels: Vec::new(),
                ..a
            })
            .collect();
        assert_eq!(
            run(&students, &ambassadors, &off),
            run(&students, &without, &Rules::default()),
            "seed {seed}"
        );
        // With its weight, the criterion shows in the pairs' reasons.
        let on = suggest(&Input {
            students: &students,
            ambassadors: &ambassadors,
            pairs: &[],
            forbidden: &[],
            rules: &Rules::default(),
        });
        assert!(on.proposed.iter().any(|p| p
            .evaluation
            .parts
            .iter()
            .any(|part| part.reason.starts_with("niveau d'études préféré"))));
    }
}

#[test]
fn the_preferred_levels_column_is_read_stored_and_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ambassadeurs.csv");
    std::fs::write(
        &path,
        "Nom;Prénom;Adresse électronique professionnelle;Quel est votre métier ?;Niveau d'études souhaité\n\
         Martin;Anne;anne@ex.fr;Data scientist;Bac+4, Bac+5\n\
         Durand;Paul;paul@ex.fr;Juriste;Master\n\
         Petit;Léa;lea@ex.fr;Développeur;Licence\n\
         Roux;Marc;marc@ex.fr;Juriste;Indifférent\n\
         Blanc;Julie;julie@ex.fr;Juriste;Bac+3 ou doctorat\n\
         Noir;Hugo;hugo@ex.fr;Juriste;\n",
    )
    .unwrap();
    let analysis = binome::import::analyze(&path, Role::Ambassador, None).unwrap();
    let column = analysis
        .columns
        .iter()
        .find(|c| c.header == "Niveau d'études souhaité")
        .unwrap();
    assert_eq!(column.field, Some(binome::model::Field::PreferredLevels));
    let levels: Vec<Vec<String>> = analysis
        .rows
        .iter()
        .filter_map(|r| match &r.record {
            PersonRecord::Ambassador(a) => Some(a.preferred_levels.clone()),
            _ => None,
        })
        .collect();
    let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        levels,
        [
            l(&["Bac+4", "Bac+5"]),
            l(&["Bac+4", "Bac+5"]),
            l(&["Bac+3"]),
            l(&[]),
            l(&["Bac+3"]),
            l(&[]),
        ],
        "every person kept, each with what was understood"
    );
    // The unrecognised value: one warning, with its row and its column, in French.
    let warnings: Vec<_> = analysis
        .warnings
        .iter()
        .filter(|w| w.column.as_deref() == Some("Niveau d'études souhaité"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].row, 6);
    assert!(
        warnings[0]
            .message
            .starts_with("niveau « doctorat » non reconnu"),
        "{}",
        warnings[0].message
    );

    // Stored and read back; the report names the file.
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = store.edition_for_command_line(None).unwrap().id;
    let report = common::import_file(&mut store, edition, &path, Role::Ambassador, None).unwrap();
    assert_eq!(report.file, "ambassadeurs.csv");
    assert!(report
        .warnings
        .iter()
        .any(|w| w.row == 6 && w.column.as_deref() == Some("Niveau d'études souhaité")));
    let stored = store.list_ambassadors(edition).unwrap();
    let martin = stored
        .iter()
        .find(|a| a.identity.last_name == "Martin")
        .unwrap();
    assert_eq!(martin.preferred_levels, l(&["Bac+4", "Bac+5"]));
}

#[test]
fn the_weight_is_set_by_name_and_written_in_the_notice() {
    let mut rules = Rules::default();
    assert_eq!(rules.weights.preferred_level, 15);
    rules.weights.set("preferredLevel", 40).unwrap();
    assert_eq!(rules.weights.preferred_level, 40);
    assert!(rules
        .notice_fr()
        .iter()
        .any(|l| l.contains("niveau d'études parmi ceux que l'ambassadeur préfère 40")));
    // Rules stored before the criterion existed read with its default.
    let old: Rules = serde_json::from_str(r#"{"weights":{"jobWish1":90}}"#).unwrap();
    assert_eq!(old.weights.job_wish_1, 90);
    assert_eq!(old.weights.preferred_level, 15);
}

#[test]
fn the_command_line_sets_the_weight_by_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_binome"))
        .args(["rules", "--db", db.to_str().unwrap()])
        .args(["--set", "preferredLevel=0", "--json"])
        .run_to_end();
    assert!(output.status.success(), "{output:?}");
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rules["weights"]["preferredLevel"], 0);
    let store = Store::open(&db).unwrap();
    let edition = store.list_editions().unwrap()[0].edition.id;
    let stored = binome::actions::rules::rules(&store, edition).unwrap();
    assert_eq!(stored.weights.preferred_level, 0);
}
