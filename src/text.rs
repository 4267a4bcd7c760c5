//! Small text helpers shared by every part that handles user-typed text.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Trims, collapses inner runs of white space and composes accents (NFC), so that
/// "  Élodie " typed in two different ways compares equal.
pub fn clean(value: &str) -> String {
    let composed = nfc_cow(value);
    // Most cells are already tidy: copy them once instead of splitting and joining.
    let tidy = !composed.starts_with(char::is_whitespace)
        && !composed.ends_with(char::is_whitespace)
        && !composed
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
        && !composed.contains(|c: char| c.is_whitespace() && c != ' ');
    if tidy {
        return composed.into_owned();
    }
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Composes accents (NFC) without touching spaces.
pub fn nfc(value: &str) -> String {
    nfc_cow(value).into_owned()
}

/// NFC, without work for text that is already composed (ASCII and almost all typed text).
fn nfc_cow(value: &str) -> Cow<'_, str> {
    if value.is_ascii() || is_nfc_quick(value.chars()) == IsNormalized::Yes {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(value.nfc().collect())
    }
}

/// Like [`clean`], but `None` for text that is empty once cleaned.
pub fn clean_opt(value: &str) -> Option<String> {
    let cleaned = clean(value);
    (!cleaned.is_empty()).then_some(cleaned)
}

/// Lower-case, accents removed, punctuation as spaces, single spaces: "Adresse électronique
/// (pro.)" → "adresse electronique pro".
pub fn header_key(header: &str) -> String {
    let folded: String = header
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text a spreadsheet program would take for a formula (Excel evaluates `=HYPERLINK(…)`
/// typed by an applicant in their own name): every text export writes such text as text.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A value for a CSV cell that a spreadsheet opens: text that looks like a formula gets a
/// leading apostrophe, so Excel and LibreOffice show it as the text it is.
pub fn csv_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// "2026-11-24" → "mardi 24 novembre 2026"; a text that is not such a date, as it is.
pub fn date_fr(iso: &str) -> String {
    const DAYS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match time::Date::parse(iso, &format) {
        Ok(d) => format!(
            "{} {} {} {}",
            DAYS[d.weekday().number_days_from_monday() as usize],
            d.day(),
            MONTHS[u8::from(d.month()) as usize - 1],
            d.year()
        ),
        Err(_) => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_composes_accents_and_spaces() {
        // "E" followed by a combining acute accent, then stray spaces.
        assert_eq!(clean("  E\u{301}lodie   Martin "), "Élodie Martin");
        assert_eq!(clean("Élodie\u{a0}Martin"), "Élodie Martin");
        assert_eq!(clean("déjà propre"), "déjà propre");
        assert_eq!(clean_opt(" \t "), None);
    }
}
