//! Small text helpers shared by every part that handles user-typed text.

use unicode_normalization::UnicodeNormalization;

/// Trims, collapses inner runs of white space and composes accents (NFC), so that
/// "  Élodie " typed in two different ways compares equal.
pub fn clean(value: &str) -> String {
    let composed: String = value.nfc().collect();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Composes accents (NFC) without touching spaces.
pub fn nfc(value: &str) -> String {
    value.nfc().collect()
}

/// Like [`clean`], but `None` for text that is empty once cleaned.
pub fn clean_opt(value: &str) -> Option<String> {
    let cleaned = clean(value);
    (!cleaned.is_empty()).then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_composes_accents_and_spaces() {
        // "E" followed by a combining acute accent, then stray spaces.
        assert_eq!(clean("  E\u{301}lodie   Martin "), "Élodie Martin");
        assert_eq!(clean_opt(" \t "), None);
    }
}
