//! Articles and contractions for the names of administrations, schools and places, so that a
//! template writes « au Ministère du Travail », « à la Direction… », « à l'IUT de Nantes »,
//! « aux Archives nationales », « du », « de la », « de l' », « des » — never « à Ministère ».
//!
//! The article is decided by the name's first word: an article already written (« La Poste »,
//! « Le Mans », « Les Sables-d'Olonne », « L'Agence… »), a known common noun of the public
//! sector with its gender and number, or a known acronym. A first word we do not know (a town,
//! a person's name) takes no article: « à Nantes », « de Lyon ».

/// The article a name takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Article {
    /// le (au, du)
    Masculine,
    /// la (à la, de la)
    Feminine,
    /// l' (à l', de l')
    Elided,
    /// les (aux, des)
    Plural,
    /// a proper name: à, de
    None,
}

/// Common nouns that begin the names of administrations, schools and places.
const MASCULINE: &[&str] = &[
    "ministère",
    "secrétariat",
    "service",
    "centre",
    "conseil",
    "rectorat",
    "tribunal",
    "musée",
    "commissariat",
    "haut-commissariat",
    "lycée",
    "collège",
    "département",
    "pôle",
    "bureau",
    "parquet",
    "cabinet",
    "commandement",
    "groupement",
    "laboratoire",
    "syndicat",
    "conservatoire",
    "palais",
    "château",
    "parc",
    "port",
    "centre-ville",
    "quai",
    "site",
    "campus",
    "conseil-départemental",
    "grand",
    "haut",
    "premier",
    "sénat",
    "défenseur",
    "comité",
    "consulat",
    "régiment",
    "théâtre",
    "fonds",
    "cnam",
    "cnrs",
    "cea",
    "crous",
    "cerema",
    "sgar",
    "sdis",
    "greta",
    "cfa",
    "ccas",
    "chu",
    "chr",
    "ehpad",
    "samu",
    "ign",
];
const FEMININE: &[&str] = &[
    "direction",
    "préfecture",
    "sous-préfecture",
    "mairie",
    "caisse",
    "cour",
    "chambre",
    "région",
    "commune",
    "gendarmerie",
    "délégation",
    "division",
    "mission",
    "maison",
    "bibliothèque",
    "police",
    "trésorerie",
    "banque",
    "métropole",
    "communauté",
    "cité",
    "faculté",
    "fondation",
    "garde",
    "haute",
    "marine",
    "médiathèque",
    "poste",
    "sncf",
    "ratp",
    "dinum",
    "dgfip",
    "dreal",
    "ddt",
    "ddets",
    "dreets",
    "drac",
    "drh",
    "dgafp",
    "dila",
    "cnil",
    "caf",
    "cpam",
    "dsden",
    "draaf",
    "deal",
    "dgcl",
    "dgse",
    "dgsi",
    "ddpp",
    "dgccrf",
    "sous-direction",
    "plateforme",
    "brigade",
    "base",
    "station",
    "ville",
    "petite",
];
const PLURAL: &[&str] = &[
    "archives", "services", "finances", "douanes", "hospices", "armées",
];
/// Words that begin with an h but take no elision (h aspiré).
const ASPIRATED_H: &[&str] = &["haut", "haute", "haut-commissariat", "hangar", "halle"];

fn first_word(name: &str) -> &str {
    name.split([' ', '\u{a0}'])
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
}

fn starts_with_vowel_sound(word: &str) -> bool {
    let lower = word.to_lowercase();
    let Some(first) = lower.chars().next() else {
        return false;
    };
    if first == 'h' {
        return !ASPIRATED_H.contains(&lower.as_str());
    }
    "aeiouyàâäéèêëîïôöùûü".contains(first)
}

/// Whether a word is written in capitals (an acronym: IUT, INSEE, DGFiP).
fn acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().filter(|c| c.is_uppercase()).count() * 2 > letters.len()
}

/// The name without an article it already has, and that article.
fn split_article(name: &str) -> (Article, &str) {
    for (prefix, article) in [
        ("le ", Article::Masculine),
        ("la ", Article::Feminine),
        ("les ", Article::Plural),
        ("l'", Article::Elided),
        ("l’", Article::Elided),
    ] {
        if name.len() > prefix.len()
            && name.is_char_boundary(prefix.len())
            && name[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            return (article, &name[prefix.len()..]);
        }
    }
    (guess(name), name)
}

fn guess(name: &str) -> Article {
    let word = first_word(name);
    let lower = word.to_lowercase();
    let is_acronym = acronym(word);
    let known = if PLURAL.contains(&lower.as_str()) {
        Some(Article::Plural)
    } else if MASCULINE.contains(&lower.as_str()) {
        Some(Article::Masculine)
    } else if FEMININE.contains(&lower.as_str()) {
        Some(Article::Feminine)
    } else if is_acronym && starts_with_vowel_sound(word) {
        // IUT, INSEE, INSPÉ, ENA, URSSAF, ONF: « l'IUT », whatever their gender.
        Some(Article::Elided)
    } else if !is_acronym && starts_with_vowel_sound(word) && elided_noun(&lower) {
        Some(Article::Elided)
    } else {
        None
    };
    match known {
        // A singular noun starting with a vowel sound is elided: « l'Hôpital », « l'Office ».
        Some(Article::Masculine | Article::Feminine) if starts_with_vowel_sound(word) => {
            Article::Elided
        }
        Some(article) => article,
        None => Article::None,
    }
}

/// Common nouns starting with a vowel sound that take an article.
fn elided_noun(lower: &str) -> bool {
    const NOUNS: &[&str] = &[
        "école",
        "ecole",
        "université",
        "universite",
        "institut",
        "agence",
        "inspection",
        "hôpital",
        "hopital",
        "hôtel",
        "hotel",
        "office",
        "observatoire",
        "académie",
        "academie",
        "administration",
        "assemblée",
        "assemblee",
        "autorité",
        "autorite",
        "établissement",
        "etablissement",
        "état-major",
        "ensemble",
        "espace",
        "atelier",
        "antenne",
        "unité",
        "union",
        "opéra",
        "opera",
        "île",
        "ile",
        "arsenal",
        "aéroport",
        "aeroport",
        "écomusée",
        "ambassade",
        "inspection-générale",
        "intercommunalité",
        "institution",
    ];
    NOUNS.contains(&lower)
}

/// « à » with the article the name takes: « au Ministère du Travail », « à la Direction »,
/// « à l'IUT de Nantes », « aux Archives nationales », « à Nantes ». Empty for an empty name.
pub fn a(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return String::new();
    }
    let (article, rest) = split_article(name);
    match article {
        Article::Masculine => format!("au {rest}"),
        Article::Feminine => format!("à la {rest}"),
        Article::Elided => format!("à l'{rest}"),
        Article::Plural => format!("aux {rest}"),
        Article::None => format!("à {rest}"),
    }
}

/// « de » with the article the name takes: « du Ministère », « de la Direction », « de l'IUT »,
/// « des Archives », « de Lyon », « d'Orléans ». Empty for an empty name.
pub fn de(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return String::new();
    }
    let (article, rest) = split_article(name);
    match article {
        Article::Masculine => format!("du {rest}"),
        Article::Feminine => format!("de la {rest}"),
        Article::Elided => format!("de l'{rest}"),
        Article::Plural => format!("des {rest}"),
        Article::None if starts_with_vowel_sound(first_word(rest)) => format!("d'{rest}"),
        Article::None => format!("de {rest}"),
    }
}

/// The name with its article alone: « le Ministère », « la Direction », « l'IUT », « les
/// Archives », « Nantes ».
pub fn le(name: &str) -> String {
    let name = name.trim();
    let (article, rest) = split_article(name);
    match article {
        Article::Masculine => format!("le {rest}"),
        Article::Feminine => format!("la {rest}"),
        Article::Elided => format!("l'{rest}"),
        Article::Plural => format!("les {rest}"),
        Article::None => rest.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_with_its_article() {
        assert_eq!(a("Ministère du Travail"), "au Ministère du Travail");
        assert_eq!(
            a("Direction régionale des finances publiques"),
            "à la Direction régionale des finances publiques"
        );
        assert_eq!(a("IUT de Nantes"), "à l'IUT de Nantes");
        assert_eq!(a("Archives nationales"), "aux Archives nationales");
        assert_eq!(a("Nantes"), "à Nantes");
        assert_eq!(a("Le Mans"), "au Mans");
        assert_eq!(a("Les Sables-d'Olonne"), "aux Sables-d'Olonne");
        assert_eq!(a("La Poste"), "à la Poste");
        assert_eq!(a("L'Agence nationale"), "à l'Agence nationale");
        assert_eq!(a("Université de Lille"), "à l'Université de Lille");
        assert_eq!(
            a("École nationale des chartes"),
            "à l'École nationale des chartes"
        );
        assert_eq!(a("Hôpital Necker"), "à l'Hôpital Necker");
        assert_eq!(
            a("Haut-Commissariat au Plan"),
            "au Haut-Commissariat au Plan"
        );
        assert_eq!(a("Lycée Victor Hugo"), "au Lycée Victor Hugo");
        assert_eq!(a("INSEE"), "à l'INSEE");
        assert_eq!(a("DINUM"), "à la DINUM");
        assert_eq!(a("Préfecture du Rhône"), "à la Préfecture du Rhône");
        assert_eq!(a("  "), "");
    }

    #[test]
    fn de_with_its_article() {
        assert_eq!(
            de("Ministère de l'Intérieur"),
            "du Ministère de l'Intérieur"
        );
        assert_eq!(de("Direction générale"), "de la Direction générale");
        assert_eq!(de("IUT de Nantes"), "de l'IUT de Nantes");
        assert_eq!(de("Archives nationales"), "des Archives nationales");
        assert_eq!(de("Lyon"), "de Lyon");
        assert_eq!(de("Orléans"), "d'Orléans");
        assert_eq!(de("Le Havre"), "du Havre");
        assert_eq!(le("Ministère des Armées"), "le Ministère des Armées");
        assert_eq!(
            le("Agence régionale de santé"),
            "l'Agence régionale de santé"
        );
        assert_eq!(le("Nantes"), "Nantes");
    }
}
