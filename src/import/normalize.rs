//! Turning cell values into clean field values. Each function returns the clean value and,
//! when it had to guess or repair, a French note for the report.

use crate::import::table::{format_number, Value};
use crate::model::Mobility;
use crate::text;

/// Text of a cell, cleaned (NFC, trimmed, single spaces); `None` when empty.
pub fn text_of(value: &Value) -> Option<String> {
    text::clean_opt(&value.to_text())
}

/// An e-mail address, lower-cased; `Err` with the reason when it is not one.
pub fn email(value: &Value) -> Result<Option<String>, String> {
    let Some(raw) = text_of(value) else {
        return Ok(None);
    };
    let candidate = raw
        .trim_start_matches("mailto:")
        .trim_matches(|c: char| c == '<' || c == '>' || c == '.' || c.is_whitespace())
        .to_lowercase();
    let valid = match candidate.rsplit_once('@') {
        Some((local, domain)) => is_dot_atom(local) && is_domain(domain),
        None => false,
    };
    if valid {
        Ok(Some(candidate))
    } else {
        Err(format!("« {raw} » n'est pas une adresse e-mail valide"))
    }
}

/// A local part as RFC 5322 writes it unquoted (a « dot-atom »): words of letters, digits and
/// ``!#$%&'*+-/=?^_`{|}~`` joined by single dots — letters beyond ASCII allowed (RFC 6531). No
/// quotes, spaces, commas, parentheses or brackets: what a spreadsheet formula needs is refused.
fn is_dot_atom(local: &str) -> bool {
    !local.is_empty()
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .chars()
                    .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c))
        })
}

/// A domain name: at least two labels of letters, digits and inner hyphens.
fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// "Madame", "Mme", "F" → "Mme"; "Monsieur", "M", "Mr" → "M."; anything else kept as written.
pub fn civility(value: &Value) -> Option<String> {
    let raw = text_of(value)?;
    let key = raw.to_lowercase().replace('.', "");
    Some(match key.as_str() {
        "mme" | "madame" | "mlle" | "mademoiselle" | "f" | "femme" => "Mme".to_string(),
        "m" | "mr" | "monsieur" | "h" | "homme" => "M.".to_string(),
        _ => raw,
    })
}

/// How many students an ambassador can host. Blank means one: organisers leave it empty when it is one.
pub fn capacity(value: &Value) -> (u32, Option<String>) {
    match value {
        Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 100.0 => (*n as u32, None),
        Value::Number(n) => (
            1,
            Some(format!(
                "capacité « {} » incompréhensible : 1 retenu",
                format_number(*n)
            )),
        ),
        other => {
            let Some(raw) = text_of(other) else {
                return (1, Some("capacité non renseignée : 1 retenu".into()));
            };
            let lower = raw.to_lowercase();
            if lower.starts_with("aucun") || lower == "non" {
                return (0, None);
            }
            let digits: String = raw
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect();
            match digits.parse::<u32>() {
                Ok(n) if n < 100 => (n, None),
                _ => match lower.as_str() {
                    "un" | "une" => (1, None),
                    "deux" => (2, None),
                    "trois" => (3, None),
                    _ => (
                        1,
                        Some(format!("capacité « {raw} » incompréhensible : 1 retenu")),
                    ),
                },
            }
        }
    }
}

/// The mobility a student stated.
pub fn mobility(value: &Value) -> (Mobility, Option<String>) {
    let Some(raw) = text_of(value) else {
        return (Mobility::Unspecified, None);
    };
    let key = crate::import::fields::normalize_header(&raw);
    let mobility = if key.contains("departement") {
        Mobility::Departement
    } else if key.contains("region") {
        Mobility::Region
    } else if [
        "france",
        "partout",
        "national",
        "toute",
        "peu importe",
        "indifferent",
    ]
    .iter()
    .any(|w| key.contains(w))
    {
        Mobility::National
    } else {
        return (
            Mobility::Unspecified,
            Some(format!("mobilité « {raw} » non reconnue")),
        );
    };
    (mobility, None)
}

/// Splits a multi-choice cell ("Data scientist; Développeur") into its choices.
pub fn choices(value: &Value) -> Vec<String> {
    text_of(value)
        .map(|raw| {
            raw.split([';', '\n', '|'])
                .filter_map(text::clean_opt)
                .collect()
        })
        .unwrap_or_default()
}

/// "Bac +3", "BAC+3", "L3", "M2" → "Bac+3", "Bac+3", "Bac+3", "Bac+5"; others as written.
pub fn level(value: &Value) -> Option<String> {
    let raw = text_of(value)?;
    let key: String = raw
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let years = if let Some(rest) = key.strip_prefix("bac+") {
        rest.chars().next().and_then(|c| c.to_digit(10))
    } else {
        match key.as_str() {
            "bts" | "dut" | "l2" | "deust" => Some(2),
            "but" | "licence" | "licencepro" | "l3" | "bachelor" => Some(3),
            "m1" | "master1" => Some(4),
            "m2" | "master2" | "master" | "ingenieur" | "ingénieur" => Some(5),
            _ => None,
        }
    };
    Some(match years {
        Some(n) => format!("Bac+{n}"),
        None => raw,
    })
}

/// The levels an ambassador would rather host, out of a cell such as « Bac+4, Bac+5 »,
/// « Licence ou Master », « M1/M2 », « Bac+3 à Bac+5 » or « indifférent »: the levels (as
/// [`level`] writes them, in order, once each), and the pieces no level was recognised in.
/// « Master » alone means both its years; a range takes the levels between; saying there is
/// no preference gives none.
pub fn preferred_levels(value: &Value) -> (Vec<String>, Vec<String>) {
    // Line breaks separate choices: read before cleaning makes them spaces.
    let Some(raw) = text_of(&Value::Text(value.to_text().replace('\n', ","))) else {
        return (Vec::new(), Vec::new());
    };
    let mut years: Vec<u8> = Vec::new();
    let mut unknown = Vec::new();
    let lower = raw.to_lowercase();
    let no_preference = [
        "indifferent",
        "indifférent",
        "indifférente",
        "peu importe",
        "tous",
        "tous niveaux",
        "tous les niveaux",
        "sans preference",
        "sans préférence",
        "pas de preference",
        "pas de préférence",
        "aucune",
        "aucun",
        "non",
    ];
    if no_preference.contains(&lower.trim()) {
        return (Vec::new(), Vec::new());
    }
    let spaced = raw.replace([',', ';', '/', '|', '&'], " , ");
    // Pieces separated by punctuation or « et », « ou »; « à », « au » make a range. Each
    // piece as written (for the warning), with a range starting before it or not.
    let mut pieces: Vec<(Vec<&str>, bool)> = Vec::new();
    let mut range_next = false;
    let mut current = Vec::new();
    for word in spaced.split_whitespace() {
        match word.to_lowercase().as_str() {
            "," | "et" | "ou" => {
                pieces.push((std::mem::take(&mut current), range_next));
                range_next = false;
            }
            "à" | "a" | "au" => {
                pieces.push((std::mem::take(&mut current), range_next));
                range_next = true;
            }
            _ => current.push(word),
        }
    }
    pieces.push((current, range_next));
    for (words, range) in pieces {
        if words.is_empty() {
            continue;
        }
        let piece = words.join(" ");
        let found: Vec<u8> = match words.concat().to_lowercase().as_str() {
            "master" | "masters" => vec![4, 5],
            // « Bac+4/5 »: the figure alone after a level.
            digit if digit.len() == 1 && !years.is_empty() => digit
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=8).contains(n))
                .into_iter()
                .collect(),
            _ => level(&Value::Text(piece.clone()))
                .as_deref()
                .and_then(crate::model::level_years)
                .into_iter()
                .collect(),
        };
        if found.is_empty() {
            unknown.push(piece);
            continue;
        }
        if let (true, Some(&from), Some(&to)) = (range, years.last(), found.last()) {
            years.extend((from.min(to)..=from.max(to)).filter(|y| *y != from));
        }
        years.extend(found);
    }
    years.sort_unstable();
    years.dedup();
    (
        years.into_iter().map(|n| format!("Bac+{n}")).collect(),
        unknown,
    )
}

/// Whether a level (as [`level`] gives it) is outside the operation's public, Bac+2 to Bac+5:
/// the French note for the organiser, or `None` when it is within (or not given).
pub fn level_outside_public(level: Option<&str>) -> Option<String> {
    let level = level?;
    match level
        .strip_prefix("Bac+")
        .and_then(|n| n.parse::<u32>().ok())
    {
        Some(2..=5) => None,
        Some(_) => Some(format!(
            "niveau {level} hors du public de l'opération (Bac+2 à Bac+5) : à vérifier"
        )),
        None => Some(format!(
            "niveau « {level} » non reconnu (attendu : Bac+2 à Bac+5) : à vérifier"
        )),
    }
}

/// The département code out of "01 – Ain", "2A - Corse-du-Sud", "974".
pub fn departement_code(value: &Value) -> Option<String> {
    let raw = text_of(value)?;
    let code: String = raw
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let code = code.to_uppercase();
    let valid = (code.len() == 2
        && (code.chars().all(|c| c.is_ascii_digit()) || code == "2A" || code == "2B"))
        || (code.len() == 3 && code.starts_with("97"));
    valid.then_some(code)
}

/// A date and time written any way a sign-up file writes it — a date cell, an Excel serial
/// number, `2026-10-12 14:03`, `12/10/2026 14:03` — as `AAAA-MM-JJ HH:MM:SS`, which sorts in
/// time order. `None` when it is not a date: an unreadable date only loses the tie-break it
/// was for, it is not worth a warning.
pub fn date_time(value: &Value) -> Option<String> {
    let (date, time) = match value {
        Value::Number(serial) => from_serial(*serial)?,
        Value::Date(text) | Value::Text(text) => from_text(text.trim())?,
        _ => return None,
    };
    let (y, m, d) = date;
    let (hh, mm, ss) = time;
    let valid = (1900..=2999).contains(&y)
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
        && hh < 24
        && mm < 60
        && ss < 61;
    valid.then(|| format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}"))
}

type DateParts = ((u32, u32, u32), (u32, u32, u32));

/// An Excel serial number (days since 1899-12-30, the fraction the time of day).
fn from_serial(serial: f64) -> Option<DateParts> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as u32;
    let epoch = time::macros::date!(1899 - 12 - 30);
    let date = epoch.checked_add(time::Duration::days(days))?;
    let seconds = seconds.min(86_399);
    Some((
        (
            date.year() as u32,
            u32::from(u8::from(date.month())),
            u32::from(date.day()),
        ),
        (seconds / 3600, seconds / 60 % 60, seconds % 60),
    ))
}

/// `2026-10-12`, `2026-10-12T14:03:00`, `12/10/2026 14:03`, `12-10-2026`.
fn from_text(text: &str) -> Option<DateParts> {
    let (day_part, time_part) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (d, t.trim()),
        None => (text, ""),
    };
    let numbers: Vec<u32> = day_part
        .split(['-', '/', '.'])
        .map(|n| n.trim().parse().ok())
        .collect::<Option<_>>()?;
    let date = match numbers.as_slice() {
        [y, m, d] if *y > 31 => (*y, *m, *d),
        [d, m, y] if *y > 31 => (*y, *m, *d),
        _ => return None,
    };
    let clock: Vec<u32> = if time_part.is_empty() {
        Vec::new()
    } else {
        // "14:03:00", "14:03:00.000", "14h03", a time zone after "+" ignored.
        time_part
            .split(['+', 'Z'])
            .next()
            .unwrap_or("")
            .split([':', 'h'])
            .map(|n| n.split('.').next().unwrap_or("").trim().parse().ok())
            .collect::<Option<_>>()?
    };
    let at = |i: usize| clock.get(i).copied().unwrap_or(0);
    Some((date, (at(0), at(1), at(2))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn emails_are_lower_cased_and_checked() {
        assert_eq!(
            email(&t(" Elodie.Martin@Etu.Example ")),
            Ok(Some("elodie.martin@etu.example".into()))
        );
        assert_eq!(email(&t("mailto:a@b.fr")), Ok(Some("a@b.fr".into())));
        assert_eq!(email(&Value::Empty), Ok(None));
        assert!(email(&t("elodie.martin")).is_err());
        assert!(email(&t("a@b")).is_err());
        assert!(email(&t("a b@c.fr")).is_err());
    }

    #[test]
    fn addresses_follow_rfc_5322_unquoted_local_parts() {
        let ok = |s: &str| email(&Value::Text(s.into())).ok().flatten();
        assert_eq!(
            ok(" Anne.Martin+vmj@Exemple.fr "),
            Some("anne.martin+vmj@exemple.fr".into())
        );
        assert_eq!(ok("mailto:o'neil@ex.fr"), Some("o'neil@ex.fr".into()));
        assert_eq!(
            ok("élodie@université.fr"),
            Some("élodie@université.fr".into())
        );
        for bad in [
            "=HYPERLINK(\"http://x\")@ex.fr",
            "a b@ex.fr",
            "a,b@ex.fr",
            "a..b@ex.fr",
            "a@ex",
            "a@-ex.fr",
            "a@ex..fr",
            "@ex.fr",
            "a@b@ex.fr",
            "\"a\"@ex.fr",
        ] {
            assert!(email(&Value::Text(bad.into())).is_err(), "{bad}");
        }
    }

    #[test]
    fn levels_outside_the_public_are_noted() {
        assert_eq!(level_outside_public(Some("Bac+3")), None);
        assert_eq!(level_outside_public(None), None);
        assert!(level_outside_public(Some("Bac+1"))
            .is_some_and(|n| n.contains("hors du public de l'opération")));
        assert!(level_outside_public(Some("Bac+8")).is_some());
        assert!(level_outside_public(Some("Doctorat")).is_some_and(|n| n.contains("non reconnu")));
    }

    #[test]
    fn capacity_defaults_to_one() {
        assert_eq!(capacity(&Value::Empty).0, 1);
        assert!(capacity(&Value::Empty).1.is_some());
        assert_eq!(capacity(&Value::Number(2.0)), (2, None));
        assert_eq!(capacity(&t("0")), (0, None));
        assert_eq!(capacity(&t("3 étudiants")), (3, None));
        assert_eq!(capacity(&t("deux")), (2, None));
    }

    #[test]
    fn mobility_answers() {
        assert_eq!(
            mobility(&t("Dans mon département uniquement")).0,
            Mobility::Departement
        );
        assert_eq!(mobility(&t("Dans ma région")).0, Mobility::Region);
        assert_eq!(mobility(&t("Partout en France")).0, Mobility::National);
        assert_eq!(mobility(&Value::Empty), (Mobility::Unspecified, None));
    }

    #[test]
    fn preferred_levels_of_an_ambassador() {
        let levels = |text: &str| preferred_levels(&t(text));
        let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(levels("Bac+3"), (l(&["Bac+3"]), vec![]));
        assert_eq!(levels("Bac+5, Bac +4"), (l(&["Bac+4", "Bac+5"]), vec![]));
        assert_eq!(levels("Master"), (l(&["Bac+4", "Bac+5"]), vec![]));
        assert_eq!(
            levels("Licence ou Master"),
            (l(&["Bac+3", "Bac+4", "Bac+5"]), vec![])
        );
        assert_eq!(levels("M1/M2"), (l(&["Bac+4", "Bac+5"]), vec![]));
        assert_eq!(levels("Bac+4/5"), (l(&["Bac+4", "Bac+5"]), vec![]));
        assert_eq!(
            levels("Bac+2 à Bac+4"),
            (l(&["Bac+2", "Bac+3", "Bac+4"]), vec![])
        );
        assert_eq!(levels("BTS\nLicence"), (l(&["Bac+2", "Bac+3"]), vec![]));
        assert_eq!(levels("Indifférent"), (vec![], vec![]));
        assert_eq!(levels(""), (vec![], vec![]));
        assert_eq!(
            levels("Bac+3 ; les motivés"),
            (l(&["Bac+3"]), vec!["les motivés".to_string()])
        );
    }

    #[test]
    fn choices_levels_and_departements() {
        assert_eq!(choices(&t("Paris; Lyon")), ["Paris", "Lyon"]);
        assert_eq!(level(&t("BAC + 3")).as_deref(), Some("Bac+3"));
        assert_eq!(level(&t("M2")).as_deref(), Some("Bac+5"));
        assert_eq!(departement_code(&t("01 – Ain")).as_deref(), Some("01"));
        assert_eq!(
            departement_code(&t("2A - Corse-du-Sud")).as_deref(),
            Some("2A")
        );
        assert_eq!(
            departement_code(&t("974 – La Réunion")).as_deref(),
            Some("974")
        );
        assert_eq!(departement_code(&t("Ain")), None);
    }

    #[test]
    fn dates_written_every_way_sort_in_time_order() {
        assert_eq!(
            date_time(&Value::Date("2026-10-12T14:03:00".into())).as_deref(),
            Some("2026-10-12 14:03:00")
        );
        assert_eq!(
            date_time(&t("12/10/2026 14:03")).as_deref(),
            Some("2026-10-12 14:03:00")
        );
        assert_eq!(
            date_time(&t("2026-10-02")).as_deref(),
            Some("2026-10-02 00:00:00")
        );
        // 46307.5 is 2026-10-12 at noon in Excel's count.
        assert_eq!(
            date_time(&Value::Number(46307.5)).as_deref(),
            Some("2026-10-12 12:00:00")
        );
        assert_eq!(date_time(&t("bientôt")), None);
        assert_eq!(date_time(&t("45/45/2026")), None);
        assert_eq!(date_time(&Value::Number(f64::NAN)), None);
        assert!(date_time(&t("02/10/2026")) < date_time(&t("2026-10-12 08:00")));
    }
}
