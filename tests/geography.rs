//! The geography referential against real facts of the Code officiel géographique.

use binome::referentials::{normalize_postal_code, CommuneKind, Geography, Match};

#[test]
fn the_whole_table_is_loaded() {
    let geo = Geography::get();
    let current = geo
        .communes()
        .iter()
        .filter(|c| c.kind == CommuneKind::Commune)
        .count();
    assert!(current > 34_000, "{current} communes");
    assert!(geo.communes().len() > 35_000);
    // 96 in metropolitan France, 5 overseas, and 6 overseas collectivités.
    assert_eq!(
        geo.departements()
            .iter()
            .filter(|d| d.code.len() == 2)
            .count(),
        96
    );
    for code in ["971", "972", "973", "974", "976"] {
        assert!(geo.departement(code).is_some(), "{code}");
    }
    assert_eq!(
        geo.regions().iter().filter(|r| r.code.len() == 2).count(),
        18
    );
}

#[test]
fn every_departement_of_a_commune_exists_and_has_coordinates() {
    let geo = Geography::get();
    for commune in geo.communes() {
        let departement = geo
            .departement(commune.departement)
            .unwrap_or_else(|| panic!("{commune} : département {} absent", commune.departement));
        assert!(geo.region(commune.region).is_some(), "{commune}");
        assert_eq!(departement.region, commune.region, "{commune}");
        if let Some(parent) = commune.parent {
            assert!(geo.commune(parent).is_some(), "{commune} : parent {parent}");
        }
    }
    for departement in geo.departements() {
        assert!(
            (-90.0..=90.0).contains(&departement.latitude)
                && (-180.0..=180.0).contains(&departement.longitude)
                && (departement.latitude, departement.longitude) != (0.0, 0.0),
            "{departement:?}"
        );
        // The reference point is the chef-lieu, a commune of the département.
        let chef_lieu = geo.commune(departement.chef_lieu).expect("chef-lieu");
        assert_eq!(chef_lieu.departement, departement.code);
        if departement.code.len() == 2 {
            // Metropolitan France and Corsica lie within this box.
            assert!(
                (41.0..51.5).contains(&departement.latitude),
                "{departement:?}"
            );
            assert!(
                (-5.5..10.0).contains(&departement.longitude),
                "{departement:?}"
            );
        }
    }
}

#[test]
fn bourg_en_bresse_and_a_postal_code_that_lost_its_zero() {
    let geo = Geography::get();
    let bourg = geo.commune("01053").expect("Bourg-en-Bresse");
    assert_eq!(bourg.name, "Bourg-en-Bresse");
    assert!(bourg.has_postal_code("01000"));
    assert_eq!(
        normalize_postal_code("1000"),
        Some(("01000".to_string(), true))
    );

    let found = geo.resolve(Some("1000"), Some("BOURG EN BRESSE"));
    assert_eq!(found.how, Match::ExactPostalAndName);
    assert_eq!(found.commune.map(|c| c.code), Some("01053"));
    assert!(found.postal_code_repaired);
    assert_eq!(found.postal_code.as_deref(), Some("01000"));
    assert_eq!(
        geo.departement_of_postal_code("1000").map(|d| d.code),
        Some("01")
    );
}

#[test]
fn corsica() {
    let geo = Geography::get();
    let ajaccio = geo.resolve(Some("20000"), Some("Ajaccio"));
    assert_eq!(ajaccio.how, Match::ExactPostalAndName);
    let commune = ajaccio.commune.expect("Ajaccio");
    assert_eq!(commune.code, "2A004");
    assert_eq!(commune.departement, "2A");
    assert_eq!(commune.region, "94");
    assert_eq!(geo.region(commune.region).map(|r| r.name), Some("Corse"));
    assert_eq!(
        geo.departement_of_postal_code("20000").map(|d| d.code),
        Some("2A")
    );

    let bastia = geo.resolve(Some("20200"), Some("Bastia"));
    assert_eq!(bastia.how, Match::ExactPostalAndName);
    assert_eq!(bastia.commune.map(|c| c.code), Some("2B033"));
    // 20200 alone serves several communes, all in Haute-Corse.
    let only_postal = geo.resolve(Some("20200"), None);
    assert_eq!(only_postal.how, Match::Ambiguous);
    assert_eq!(only_postal.departement, Some("2B"));
    assert_eq!(
        geo.departement_of_postal_code("20200").map(|d| d.code),
        Some("2B")
    );
}

#[test]
fn overseas() {
    let geo = Geography::get();
    let found = geo.resolve(Some("97400"), Some("Saint-Denis"));
    assert_eq!(found.how, Match::ExactPostalAndName);
    let commune = found.commune.expect("Saint-Denis de La Réunion");
    assert_eq!(commune.code, "97411");
    assert_eq!(commune.departement, "974");
    assert_eq!(geo.departement("974").map(|d| d.name), Some("La Réunion"));
    assert_eq!(
        geo.region(commune.region).map(|r| r.name),
        Some("La Réunion")
    );
    assert_eq!(
        geo.departement_of_postal_code("97400").map(|d| d.code),
        Some("974")
    );
    assert_eq!(
        geo.departement_of_postal_code("97600").map(|d| d.code),
        Some("976")
    );
}

#[test]
fn saint_denis_alone_is_ambiguous_but_not_with_its_postal_code() {
    let geo = Geography::get();
    let alone = geo.resolve(None, Some("Saint-Denis"));
    assert_eq!(alone.how, Match::Ambiguous);
    assert!(alone.commune.is_none());
    let departements: Vec<&str> = alone.candidates.iter().map(|c| c.departement).collect();
    assert!(
        departements.contains(&"93") && departements.contains(&"974"),
        "{departements:?}"
    );
    assert!(
        alone
            .to_string()
            .starts_with("plusieurs communes possibles"),
        "{alone}"
    );

    let with_postal = geo.resolve(Some("93200"), Some("Saint-Denis"));
    assert_eq!(with_postal.how, Match::ExactPostalAndName);
    assert_eq!(with_postal.commune.map(|c| c.code), Some("93066"));
}

#[test]
fn saint_etienne_however_it_is_written() {
    let geo = Geography::get();
    for name in ["ST ETIENNE", "saint-étienne", "Saint Etienne", "St-Étienne"] {
        let found = geo.resolve(Some("42000"), Some(name));
        assert_eq!(found.how, Match::ExactPostalAndName, "{name}");
        assert_eq!(found.commune.map(|c| c.code), Some("42218"), "{name}");
        assert_eq!(found.commune.map(|c| c.name), Some("Saint-Étienne"));
    }
}

#[test]
fn arrondissements_of_paris_and_lyon() {
    let geo = Geography::get();
    let lyon = geo.resolve(Some("69003"), None);
    assert_eq!(lyon.how, Match::PostalCodeOnly);
    let commune = lyon.commune.expect("Lyon 3e");
    assert_eq!(commune.code, "69383");
    assert_eq!(commune.name, "Lyon 3e Arrondissement");
    assert_eq!(commune.departement, "69");
    assert_eq!(commune.kind, CommuneKind::ArrondissementMunicipal);
    assert_eq!(commune.municipality_code(), "69123");

    let paris = geo.resolve(Some("75015"), Some("Paris"));
    assert_eq!(paris.how, Match::ExactPostalAndName);
    assert_eq!(
        paris.commune.map(|c| c.name),
        Some("Paris 15e Arrondissement")
    );
    assert_eq!(paris.departement, Some("75"));
}

#[test]
fn distances_and_regions() {
    let geo = Geography::get();
    let paris_lyon = geo.distance_km("75", "69").expect("distance");
    assert!((380.0..=420.0).contains(&paris_lyon), "{paris_lyon}");
    assert_eq!(geo.distance_km("69", "69"), Some(0.0));
    assert_eq!(geo.same_region("69", "38"), Some(true));
    assert_eq!(geo.same_region("69", "75"), Some(false));
    assert_eq!(geo.same_region("2A", "2B"), Some(true));
    assert_eq!(geo.distance_km("69", "00"), None);
}

#[test]
fn an_unknown_postal_code_is_not_found() {
    let geo = Geography::get();
    let found = geo.resolve(Some("99999"), None);
    assert_eq!(found.how, Match::NotFound);
    assert!(found.commune.is_none() && found.candidates.is_empty());
    assert_eq!(found.to_string(), "commune introuvable");
    assert!(geo.departement_of_postal_code("99999").is_none());
    assert_eq!(geo.resolve(None, None).how, Match::NotFound);
    assert_eq!(
        geo.resolve(Some("pas un code"), Some("Nullepart-sur-Rien"))
            .how,
        Match::NotFound
    );
}
