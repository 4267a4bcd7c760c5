//! The season overview counted on a small edition whose figures are worked out by hand, and on
//! the demo edition through the store.

use binome::model::{
    Ambassador, AmbassadorId, EditionId, Identity, Mobility, Pair, PairId, PairOrigin, PairStatus,
    Place, Student, StudentId,
};
use binome::season::overview;
use binome::suggest::{ExplainedPair, Rules};

fn place(departement: &str) -> Place {
    Place {
        departement: Some(departement.into()),
        ..Place::default()
    }
}

fn student(id: i64, departement: &str, wishes: &[&str], administration: Option<&str>) -> Student {
    Student {
        id: StudentId(id),
        edition_id: EditionId(1),
        identity: Identity::default(),
        place: place(departement),
        school: None,
        level: None,
        curriculum: None,
        wished_jobs: wishes.iter().map(|w| w.to_string()).collect(),
        wished_administration: administration.map(str::to_string),
        mobility: Mobility::National,
        application_state: None,
        comments: None,
        source_row: None,
    }
}

fn ambassador(
    id: i64,
    departement: &str,
    job: &str,
    administration: &str,
    capacity: u32,
) -> Ambassador {
    Ambassador {
        id: AmbassadorId(id),
        edition_id: EditionId(1),
        identity: Identity::default(),
        place: place(departement),
        job: Some(job.into()),
        job_title: None,
        administration: Some(administration.into()),
        structure_type: None,
        service: None,
        capacity,
        preferred_levels: Vec::new(),
        comments: None,
        source_row: None,
    }
}

fn pair(
    id: i64,
    student: i64,
    ambassador: i64,
    wish_rank: Option<u8>,
    km: Option<u32>,
) -> ExplainedPair {
    ExplainedPair {
        pair: Pair {
            id: PairId(id),
            edition_id: EditionId(1),
            student_id: StudentId(student),
            ambassador_id: AmbassadorId(ambassador),
            status: PairStatus::Proposed,
            origin: PairOrigin::Suggested,
            locked: false,
            note: None,
            agreed_date: None,
        },
        score: 100,
        reasons: Vec::new(),
        wish_rank,
        distance_km: km,
    }
}

#[test]
fn demand_supply_gaps_and_satisfaction_match_the_hand_count() {
    // Bretagne (35, 29): three students want Data scientist first, one Designer; one place.
    // Île-de-France (75): one student wants Designer first; a Designer ambassador with 2 places.
    // "data scientist" in lower case is the same métier (the referential recognises it).
    let students = vec![
        student(
            1,
            "35",
            &["Data scientist", "Designer UX/UI"],
            Some("Ministère des Armées"),
        ),
        student(2, "35", &["data scientist"], None),
        student(3, "29", &["Data scientist", "Data scientist"], None),
        student(4, "29", &["Designer UX/UI", "Data scientist"], None),
        student(5, "75", &["Designer UX/UI"], Some("Ministère des Armées")),
    ];
    let ambassadors = vec![
        ambassador(10, "35", "Data scientist", "Ministère des Armées", 1),
        ambassador(11, "75", "Designer UX/UI", "Ministère de la Culture", 2),
        // Unavailable this year: no place counted.
        ambassador(12, "29", "Designer UX/UI", "Ministère de la Culture", 0),
    ];
    let pairs = vec![
        pair(100, 1, 10, Some(1), Some(0)),
        pair(101, 5, 11, Some(1), Some(0)),
        pair(102, 4, 11, Some(1), Some(520)),
    ];
    let o = overview(&students, &ambassadors, &pairs, &Rules::default());
    assert_eq!((o.students, o.ambassadors, o.places), (5, 3, 3));
    assert_eq!(o.excluded, 0);

    let ds = o
        .by_job
        .iter()
        .find(|l| l.label == "Data scientist")
        .unwrap();
    assert_eq!(
        (
            ds.demand,
            ds.demand_any,
            ds.places,
            ds.ambassadors,
            ds.placed
        ),
        (3, 4, 1, 1, 1)
    );
    let designer = o
        .by_job
        .iter()
        .find(|l| l.label == "Designer UX/UI")
        .unwrap();
    assert_eq!(
        (
            designer.demand,
            designer.demand_any,
            designer.places,
            designer.placed
        ),
        (2, 3, 2, 2)
    );
    assert_eq!(o.by_job[0].label, "Data scientist", "most wanted first");
    assert_eq!(ds.shortfall(), 2);

    let bretagne = o.by_region.iter().find(|l| l.label == "Bretagne").unwrap();
    assert_eq!(
        (bretagne.demand, bretagne.places, bretagne.placed),
        (4, 1, 1)
    );
    let idf = o
        .by_region
        .iter()
        .find(|l| l.label == "Île-de-France")
        .unwrap();
    assert_eq!((idf.demand, idf.places, idf.placed), (1, 2, 2));

    // By département, in code order: 29 (2 students, the unavailable ambassador offers
    // nothing), 35 (2 students, 1 place, 1 placed), 75 (1 student, 2 places, 2 placed).
    let by_departement: Vec<(&str, u32, u32, u32)> = o
        .by_departement
        .iter()
        .map(|l| (l.label.as_str(), l.demand, l.places, l.placed))
        .collect();
    assert_eq!(
        by_departement,
        [("29", 2, 0, 0), ("35", 2, 1, 1), ("75", 1, 2, 2)]
    );

    let armees = o
        .by_administration
        .iter()
        .find(|l| l.label.contains("Armées"))
        .unwrap();
    assert_eq!((armees.demand, armees.places, armees.placed), (2, 1, 1));

    assert_eq!(o.gaps.len(), 2);
    assert_eq!(
        o.gaps[0].sentence,
        "Data scientist en Bretagne : 3 demandes, 1 place"
    );
    assert_eq!(
        o.gaps[1].sentence,
        "Designer UX/UI en Bretagne : 1 demande, 0 place"
    );

    let s = &o.satisfaction;
    assert_eq!((s.placed, s.wish, s.other_job), (3, [3, 0, 0], 0));
    assert_eq!((s.wished_administration, s.got_administration), (2, 1));
    assert_eq!(s.distance, [2, 0, 0, 0, 1, 0]);
}

#[test]
fn demand_is_counted_from_the_retained_states_and_the_others_apart() {
    let in_state = |id, state: &str| Student {
        application_state: Some(state.into()),
        ..student(id, "35", &["Data scientist"], None)
    };
    let students = vec![
        in_state(1, "accepte"),
        // A reworked file's spelling of the same state.
        in_state(2, "Accepté"),
        in_state(3, "en_instruction"),
        in_state(4, "en_construction"),
        in_state(5, "refuse"),
    ];
    let ambassadors = vec![ambassador(
        10,
        "35",
        "Data scientist",
        "Ministère des Armées",
        1,
    )];
    let o = overview(&students, &ambassadors, &[], &Rules::default());
    assert_eq!((o.students, o.excluded), (2, 3));
    let ds = o
        .by_job
        .iter()
        .find(|l| l.label == "Data scientist")
        .unwrap();
    assert_eq!((ds.demand, ds.places), (2, 1));
    let gap = &o.gaps[0];
    assert_eq!((gap.demand, gap.places), (2, 1), "{}", gap.sentence);

    // Retaining « en instruction » too makes it demand.
    let rules = Rules {
        accepted_states: vec!["accepte".into(), "en_instruction".into()],
        ..Rules::default()
    };
    let o = overview(&students, &ambassadors, &[], &rules);
    assert_eq!((o.students, o.excluded), (3, 2));
}

#[test]
fn the_demo_edition_overview_adds_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = binome::Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let edition = binome::actions::demo::open_demo_edition(&mut store)
        .unwrap()
        .id;
    binome::actions::suggest::suggest(&mut store, edition).unwrap();
    let o = binome::actions::suggest::season(&store, edition).unwrap();
    let pairs = store.list_pairs(edition).unwrap().len() as u32;
    // Demand is the students in a retained state (« accepté » by default); the others apart.
    assert_eq!(o.students + o.excluded, 240);
    assert!(o.excluded > 0 && o.students > 0);
    // Every student taking part is in exactly one région line (or "lieu inconnu"), every pair
    // counted once.
    assert_eq!(
        o.by_region.iter().map(|l| l.demand).sum::<u32>(),
        o.students
    );
    assert_eq!(o.by_region.iter().map(|l| l.placed).sum::<u32>(), pairs);
    assert_eq!(o.satisfaction.placed, pairs);
    assert_eq!(o.satisfaction.distance.iter().sum::<u32>(), pairs);
    let wishes: u32 = o.satisfaction.wish.iter().sum::<u32>() + o.satisfaction.other_job;
    assert_eq!(wishes, pairs);
    // Places by métier never exceed all places (ambassadors without a métier are not counted).
    assert!(o.by_job.iter().map(|l| l.places).sum::<u32>() <= o.places);
    assert!(!o.gaps.is_empty());
    assert!(o.gaps.iter().all(|g| g.demand > g.places));
}
