//! Word lists for the synthetic demo edition. Every person made from them is fictitious; the
//! communes, départements and régions are real so that geography behaves as in a real edition.

/// A real commune: name, postal code, INSEE code, département code, département name, région.
pub struct Commune {
    pub name: &'static str,
    pub postal_code: &'static str,
    pub insee: &'static str,
    pub dep: &'static str,
    pub dep_name: &'static str,
    pub region: &'static str,
    /// Relative weight: big cities get more sign-ups.
    pub weight: u32,
}

macro_rules! communes {
    ($(($name:expr, $cp:expr, $insee:expr, $dep:expr, $dep_name:expr, $region:expr, $w:expr)),* $(,)?) => {
        &[$(Commune { name: $name, postal_code: $cp, insee: $insee, dep: $dep, dep_name: $dep_name, region: $region, weight: $w }),*]
    };
}

pub const COMMUNES: &[Commune] = communes![
    (
        "Paris",
        "75015",
        "75056",
        "75",
        "Paris",
        "Île-de-France",
        30
    ),
    (
        "Issy-les-Moulineaux",
        "92130",
        "92040",
        "92",
        "Hauts-de-Seine",
        "Île-de-France",
        6
    ),
    (
        "Nanterre",
        "92000",
        "92050",
        "92",
        "Hauts-de-Seine",
        "Île-de-France",
        4
    ),
    (
        "Saint-Denis",
        "93200",
        "93066",
        "93",
        "Seine-Saint-Denis",
        "Île-de-France",
        4
    ),
    (
        "Versailles",
        "78000",
        "78646",
        "78",
        "Yvelines",
        "Île-de-France",
        4
    ),
    (
        "Créteil",
        "94000",
        "94028",
        "94",
        "Val-de-Marne",
        "Île-de-France",
        3
    ),
    (
        "Évry-Courcouronnes",
        "91000",
        "91228",
        "91",
        "Essonne",
        "Île-de-France",
        3
    ),
    (
        "Lyon",
        "69003",
        "69123",
        "69",
        "Rhône",
        "Auvergne-Rhône-Alpes",
        12
    ),
    (
        "Grenoble",
        "38000",
        "38185",
        "38",
        "Isère",
        "Auvergne-Rhône-Alpes",
        5
    ),
    (
        "Clermont-Ferrand",
        "63000",
        "63113",
        "63",
        "Puy-de-Dôme",
        "Auvergne-Rhône-Alpes",
        3
    ),
    (
        "Bourg-en-Bresse",
        "01000",
        "01053",
        "01",
        "Ain",
        "Auvergne-Rhône-Alpes",
        2
    ),
    (
        "Marseille",
        "13001",
        "13055",
        "13",
        "Bouches-du-Rhône",
        "Provence-Alpes-Côte d'Azur",
        9
    ),
    (
        "Toulon",
        "83000",
        "83137",
        "83",
        "Var",
        "Provence-Alpes-Côte d'Azur",
        4
    ),
    (
        "Nice",
        "06000",
        "06088",
        "06",
        "Alpes-Maritimes",
        "Provence-Alpes-Côte d'Azur",
        4
    ),
    (
        "Gap",
        "05000",
        "05061",
        "05",
        "Hautes-Alpes",
        "Provence-Alpes-Côte d'Azur",
        1
    ),
    (
        "Toulouse",
        "31000",
        "31555",
        "31",
        "Haute-Garonne",
        "Occitanie",
        8
    ),
    (
        "Montpellier",
        "34000",
        "34172",
        "34",
        "Hérault",
        "Occitanie",
        5
    ),
    (
        "Bordeaux",
        "33000",
        "33063",
        "33",
        "Gironde",
        "Nouvelle-Aquitaine",
        7
    ),
    (
        "Poitiers",
        "86000",
        "86194",
        "86",
        "Vienne",
        "Nouvelle-Aquitaine",
        2
    ),
    (
        "Limoges",
        "87000",
        "87085",
        "87",
        "Haute-Vienne",
        "Nouvelle-Aquitaine",
        2
    ),
    (
        "Nantes",
        "44000",
        "44109",
        "44",
        "Loire-Atlantique",
        "Pays de la Loire",
        6
    ),
    (
        "Angers",
        "49000",
        "49007",
        "49",
        "Maine-et-Loire",
        "Pays de la Loire",
        3
    ),
    (
        "Rennes",
        "35000",
        "35238",
        "35",
        "Ille-et-Vilaine",
        "Bretagne",
        6
    ),
    ("Brest", "29200", "29019", "29", "Finistère", "Bretagne", 3),
    (
        "Lille",
        "59000",
        "59350",
        "59",
        "Nord",
        "Hauts-de-France",
        7
    ),
    (
        "Arras",
        "62000",
        "62041",
        "62",
        "Pas-de-Calais",
        "Hauts-de-France",
        2
    ),
    (
        "Amiens",
        "80000",
        "80021",
        "80",
        "Somme",
        "Hauts-de-France",
        2
    ),
    (
        "Laon",
        "02000",
        "02408",
        "02",
        "Aisne",
        "Hauts-de-France",
        1
    ),
    (
        "Strasbourg",
        "67000",
        "67482",
        "67",
        "Bas-Rhin",
        "Grand Est",
        5
    ),
    ("Metz", "57000", "57463", "57", "Moselle", "Grand Est", 3),
    ("Reims", "51100", "51454", "51", "Marne", "Grand Est", 2),
    (
        "Dijon",
        "21000",
        "21231",
        "21",
        "Côte-d'Or",
        "Bourgogne-Franche-Comté",
        3
    ),
    (
        "Besançon",
        "25000",
        "25056",
        "25",
        "Doubs",
        "Bourgogne-Franche-Comté",
        2
    ),
    (
        "Orléans",
        "45000",
        "45234",
        "45",
        "Loiret",
        "Centre-Val de Loire",
        3
    ),
    (
        "Tours",
        "37000",
        "37261",
        "37",
        "Indre-et-Loire",
        "Centre-Val de Loire",
        3
    ),
    (
        "Rouen",
        "76000",
        "76540",
        "76",
        "Seine-Maritime",
        "Normandie",
        3
    ),
    ("Caen", "14000", "14118", "14", "Calvados", "Normandie", 3),
    (
        "Ajaccio",
        "20000",
        "2A004",
        "2A",
        "Corse-du-Sud",
        "Corse",
        1
    ),
    ("Bastia", "20200", "2B033", "2B", "Haute-Corse", "Corse", 1),
    (
        "Pointe-à-Pitre",
        "97110",
        "97120",
        "971",
        "Guadeloupe",
        "Guadeloupe",
        1
    ),
    (
        "Fort-de-France",
        "97200",
        "97209",
        "972",
        "Martinique",
        "Martinique",
        1
    ),
    ("Cayenne", "97300", "97302", "973", "Guyane", "Guyane", 1),
    (
        "Saint-Denis",
        "97400",
        "97411",
        "974",
        "La Réunion",
        "La Réunion",
        2
    ),
    (
        "Mamoudzou",
        "97600",
        "97611",
        "976",
        "Mayotte",
        "Mayotte",
        1
    ),
];

/// Métiers as the form's drop-down lists them, each with the free-text ways people write it.
pub const JOBS: &[(&str, &[&str])] = &[
    (
        "Data scientist",
        &["data scientist", "DATA SCIENTIST", "Data-scientist"],
    ),
    ("Data engineer", &["Ingénieur données", "data engineer"]),
    (
        "Concepteur-développeur",
        &[
            "Developpeur",
            "Dév web",
            "Développeur.se",
            "développeur fullstack",
        ],
    ),
    ("Designer UX/UI", &["UX designer", "Designer", "UI/UX"]),
    (
        "Chef de projet informatique",
        &["Chef de projet IT", "Cheffe de projet SI", "CDP"],
    ),
    (
        "Responsable produit numérique",
        &["Product owner", "PO", "Responsable de produit"],
    ),
    (
        "Architecte technique",
        &["Architecte SI", "architecte technique"],
    ),
    (
        "Officier de sécurité des systèmes d'information",
        &["OSSI", "Officier sécurité"],
    ),
    ("Analyste cybersécurité", &["Analyste SOC", "Cyber"]),
    (
        "Administrateur systèmes et réseaux",
        &[
            "Admin sys",
            "Administratrice systèmes et réseaux",
            "AdminSys",
        ],
    ),
    ("Ingénieur DevOps", &["DevOps", "SRE"]),
    ("Scrum master", &["scrum master", "Coach agile"]),
    ("Administrateur de bases de données", &["DBA"]),
];

/// Administrations as written in the ambassadors' answers, with students' shorter ways.
pub const ADMINISTRATIONS: &[(&str, &[&str])] = &[
    ("Ministère des Armées", &["Armées", "MINARM", "Min. Armées"]),
    (
        "Direction interministérielle du numérique (DINUM)",
        &["DINUM"],
    ),
    (
        "Ministère de l'Intérieur et des Outre-mer",
        &["Intérieur", "Ministère de l'Intérieur"],
    ),
    (
        "Ministère de l'Économie, des Finances et de la Souveraineté industrielle et numérique",
        &["Bercy", "DGFiP", "Finances"],
    ),
    (
        "Ministère de la Transition écologique",
        &["Transition écologique", "MTE"],
    ),
    (
        "Ministère de l'Éducation nationale",
        &["Éducation nationale", "Education nationale"],
    ),
    ("Ministère de la Justice", &["Justice"]),
    (
        "Ministère du Travail, de la Santé et des Solidarités",
        &["Travail", "Santé"],
    ),
    ("Ministère de la Culture", &["Culture"]),
    ("Insee", &["INSEE"]),
    ("Météo-France", &["Météo France"]),
    ("France Travail", &["Pôle emploi"]),
];

pub const STRUCTURE_TYPES: &[&str] = &[
    "Administration centrale",
    "Opérateur",
    "Établissement public",
    "Service déconcentré",
];

pub const SERVICES: &[&str] = &[
    "Direction du numérique",
    "Bureau des systèmes d'information",
    "Service de la donnée",
    "Laboratoire d'innovation",
    "Centre de services informatiques",
    "Pôle cybersécurité",
    "Incubateur de services numériques",
    "Département des infrastructures",
];

pub const FIRST_NAMES_F: &[&str] = &[
    "Élodie",
    "Anaïs",
    "Chloé",
    "Zoé",
    "Noémie",
    "Agnès",
    "Gaëlle",
    "Hélène",
    "Léa",
    "Manon",
    "Camille",
    "Inès",
    "Sarah",
    "Lucie",
    "Emma",
    "Clémence",
    "Maëlys",
    "Océane",
    "Aïcha",
    "Fatou",
    "Julie",
    "Pauline",
    "Margaux",
    "Justine",
];

pub const FIRST_NAMES_M: &[&str] = &[
    "Jérôme",
    "François",
    "Loïc",
    "Benoît",
    "Maël",
    "Théo",
    "Lucas",
    "Hugo",
    "Nathan",
    "Mathéo",
    "Rémi",
    "Gaël",
    "Karim",
    "Yanis",
    "Thomas",
    "Antoine",
    "Julien",
    "Mehdi",
    "Noé",
    "Raphaël",
    "Baptiste",
    "Quentin",
    "Adrien",
    "Valentin",
];

pub const LAST_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "Legrand",
    "Gauthier",
    "Perrin",
    "Clément",
    "Nguyen",
    "Da Silva",
    "N'Diaye",
    "Le Gall",
    "Müller",
    "Côté",
    "Dupré",
    "Bénard",
    "Payet",
    "Grondin",
    "Ménard",
    "Léger",
    "Prévost",
    "Lévêque",
    "Étienne",
    "Lemaître",
    "Hoarau",
    "Traoré",
    "Benali",
    "Haddad",
    "Le Goff",
    "Schmitt",
    "Fabre",
    "Renaud",
    "Rolland",
    "Caron",
    "Vidal",
    "Joly",
    "Rivière",
];

pub const SCHOOLS: &[&str] = &[
    "Université Claude Bernard Lyon 1",
    "IUT de Lannion",
    "EPITA",
    "Université Paris-Saclay",
    "INSA Toulouse",
    "Université de Bordeaux",
    "IMT Atlantique",
    "Université de Lille",
    "École 42",
    "ENSIBS",
    "Université de Strasbourg",
    "Université de La Réunion",
    "Université des Antilles",
    "Università di Corsica Pasquale Paoli",
    "Cnam",
    "Polytech Nantes",
    "Université Grenoble Alpes",
    "Aix-Marseille Université",
];

pub const CURRICULA: &[(&str, &str)] = &[
    ("Bac+2", "BTS SIO option SLAM"),
    ("Bac+2", "BTS SIO option SISR"),
    ("Bac+3", "BUT Informatique"),
    ("Bac+3", "Licence professionnelle Métiers du numérique"),
    ("Bac+3", "Licence Informatique"),
    ("Bac+4", "Master 1 MIAGE"),
    ("Bac+4", "Titre RNCP Concepteur développeur d'applications"),
    ("Bac+5", "Master Data science"),
    ("Bac+5", "Master Cybersécurité"),
    ("Bac+5", "Diplôme d'ingénieur informatique"),
    ("Bac+5", "Master Design d'interaction"),
];

/// DS application states with their share of applications (per thousand).
pub const APPLICATION_STATES: &[(&str, u32)] = &[
    ("accepte", 820),
    ("en_instruction", 80),
    ("en_construction", 50),
    ("refuse", 30),
    ("sans_suite", 20),
];

/// Mobility answers as the form words them, and their share (per thousand).
pub const MOBILITY_ANSWERS: &[(&str, u32)] = &[
    ("Dans mon département uniquement", 380),
    ("Dans ma région", 340),
    ("Partout en France", 230),
    ("", 50),
];

pub const INSTRUCTORS: &[&str] = &[
    "organisation.vismonjob@numerique.gouv.fr",
    "equipe.talents@numerique.gouv.fr",
];
