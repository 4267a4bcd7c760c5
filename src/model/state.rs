//! The state of a student's application in démarches simplifiées, and its French label.
//!
//! Exports write the state as a code (`accepte`, `en_instruction`…), but files reworked by hand
//! spell it every way (« Accepté », « En instruction », « classé sans suite »). This module is
//! the one place that recognises a written state, names it in French for the organiser, and
//! ranks it when one person applied twice. The window receives the labels from here (through
//! the views that carry them); it never spells them itself.

use serde::Serialize;

use crate::text::header_key;

/// The states démarches simplifiées knows: code, French label, rank (higher wins a duplicate).
const KNOWN: &[(&str, &str, u8)] = &[
    ("accepte", "accepté", 4),
    ("en_instruction", "en instruction", 3),
    ("en_construction", "en construction", 2),
    ("sans_suite", "classé sans suite", 1),
    ("refuse", "refusé", 1),
];

/// Ways of writing each state, as comparison keys (`text::header_key`: lower-case, no accents,
/// punctuation and underscores as spaces).
const SPELLINGS: &[(&str, &[&str])] = &[
    ("accepte", &["accepte", "acceptee", "accepted"]),
    (
        "en_instruction",
        &["en instruction", "instruction", "passe en instruction"],
    ),
    (
        "en_construction",
        &["en construction", "construction", "brouillon"],
    ),
    ("refuse", &["refuse", "refusee", "refused"]),
    (
        "sans_suite",
        &["sans suite", "classe sans suite", "without continuation"],
    ),
];

/// The code of a state as written (`« En instruction »` → `en_instruction`), or `None` when it
/// is not a state démarches simplifiées knows.
pub fn code(written: &str) -> Option<&'static str> {
    let key = header_key(written);
    SPELLINGS
        .iter()
        .find(|(_, spellings)| spellings.contains(&key.as_str()))
        .map(|(code, _)| *code)
}

/// The state as stored: its code when known, otherwise the text lower-cased (kept, and shown
/// as written, rather than guessed).
pub fn normalize(written: &str) -> String {
    match code(written) {
        Some(code) => code.to_string(),
        None => crate::text::clean(written).to_lowercase(),
    }
}

/// The French label of a state (« en instruction »); an unknown state as written.
pub fn label(written: &str) -> String {
    match code(written).and_then(|c| KNOWN.iter().find(|(k, _, _)| *k == c)) {
        Some((_, label, _)) => (*label).to_string(),
        None => crate::text::clean(written),
    }
}

/// How strongly a state speaks for an application, when a person applied twice: accepté >
/// en instruction > en construction > classé sans suite, refusé > unknown or none.
pub fn rank(written: Option<&str>) -> u8 {
    written
        .and_then(code)
        .and_then(|c| KNOWN.iter().find(|(k, _, _)| *k == c))
        .map_or(0, |(_, _, rank)| *rank)
}

/// Whether two spellings name the same state.
pub fn same(a: &str, b: &str) -> bool {
    match (code(a), code(b)) {
        (Some(x), Some(y)) => x == y,
        _ => header_key(a) == header_key(b),
    }
}

/// Whether a student whose application is in `state` takes part under the retained states.
/// A student without a state (a file that has none) always does.
pub fn is_retained(state: Option<&str>, retained: &[String]) -> bool {
    match state {
        None => true,
        Some(state) => retained.iter().any(|r| same(r, state)),
    }
}

/// A state the organiser can retain or not, with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StateChoice {
    /// The code stored in the rules (`en_instruction`).
    pub code: String,
    /// « en instruction ».
    pub label: String,
}

/// Every state démarches simplifiées knows, in rank order (accepté first).
pub fn choices() -> Vec<StateChoice> {
    KNOWN
        .iter()
        .map(|(code, label, _)| StateChoice {
            code: (*code).to_string(),
            label: (*label).to_string(),
        })
        .collect()
}

/// The labels of the retained states, joined for a sentence: « accepté » ou « en instruction ».
pub fn retained_labels(retained: &[String]) -> String {
    if retained.is_empty() {
        return "aucun".to_string();
    }
    retained
        .iter()
        .map(|s| format!("« {} »", label(s)))
        .collect::<Vec<_>>()
        .join(" ou ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_state_has_one_code_and_label() {
        for (written, code_, label_) in [
            ("accepte", "accepte", "accepté"),
            ("Accepté", "accepte", "accepté"),
            (" ACCEPTE ", "accepte", "accepté"),
            ("en_instruction", "en_instruction", "en instruction"),
            ("En instruction", "en_instruction", "en instruction"),
            ("en_construction", "en_construction", "en construction"),
            ("En  construction", "en_construction", "en construction"),
            ("refuse", "refuse", "refusé"),
            ("Refusé", "refuse", "refusé"),
            ("sans_suite", "sans_suite", "classé sans suite"),
            ("Classé sans suite", "sans_suite", "classé sans suite"),
            // Decomposed accents, as some exports write them.
            ("Accepte\u{301}", "accepte", "accepté"),
        ] {
            assert_eq!(code(written), Some(code_), "{written}");
            assert_eq!(normalize(written), code_, "{written}");
            assert_eq!(label(written), label_, "{written}");
        }
    }

    #[test]
    fn an_unknown_state_is_kept_as_written() {
        assert_eq!(code("à revoir"), None);
        assert_eq!(normalize(" À revoir "), "à revoir");
        assert_eq!(label(" À  revoir "), "À revoir");
        assert_eq!(rank(Some("à revoir")), 0);
    }

    #[test]
    fn states_rank_accepted_first() {
        let order = ["accepté", "en instruction", "en construction", "refusé"];
        for pair in order.windows(2) {
            assert!(rank(Some(pair[0])) > rank(Some(pair[1])), "{pair:?}");
        }
        assert_eq!(rank(Some("sans_suite")), rank(Some("refuse")));
        assert!(rank(Some("refuse")) > rank(None));
    }

    #[test]
    fn retained_states_are_compared_by_code() {
        let retained = vec!["accepte".to_string(), "En instruction".to_string()];
        assert!(is_retained(Some("Accepté"), &retained));
        assert!(is_retained(Some("en_instruction"), &retained));
        assert!(!is_retained(Some("en_construction"), &retained));
        assert!(is_retained(None, &retained));
        assert_eq!(
            retained_labels(&retained),
            "« accepté » ou « en instruction »"
        );
    }
}
