//! Completing one record with another without ever erasing: used when a person appears twice
//! in a file, and when a re-import brings a blank where the edition already knows something.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Copies into `target` every value `source` has where `target` has none (null or empty list).
pub fn fill_gaps<T: Serialize + DeserializeOwned>(target: &mut T, source: &T) {
    let (Ok(mut merged), Ok(source)) =
        (serde_json::to_value(&*target), serde_json::to_value(source))
    else {
        return;
    };
    fill_value_gaps(&mut merged, &source);
    if let Ok(merged) = serde_json::from_value(merged) {
        *target = merged;
    }
}

/// [`fill_gaps`] on the two as JSON already: `target`'s gaps (null, empty text, empty list)
/// take `source`'s value at the same place.
pub fn fill_value_gaps(target: &mut Value, source: &Value) {
    match (target, source) {
        (Value::Object(t), Value::Object(s)) => {
            for (key, value) in s {
                if let Some(existing) = t.get_mut(key) {
                    fill_value_gaps(existing, value);
                }
            }
        }
        (t @ Value::Null, s) => *t = s.clone(),
        (Value::String(t), Value::String(s)) if t.is_empty() => t.clone_from(s),
        (Value::Array(t), Value::Array(s)) if t.is_empty() => t.clone_from(s),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    struct P {
        name: String,
        phone: Option<String>,
        jobs: Vec<String>,
    }

    #[test]
    fn fills_only_gaps() {
        let mut a = P {
            name: "Anne".into(),
            phone: None,
            jobs: vec![],
        };
        let b = P {
            name: "Autre".into(),
            phone: Some("06".into()),
            jobs: vec!["Data".into()],
        };
        fill_gaps(&mut a, &b);
        assert_eq!(
            a,
            P {
                name: "Anne".into(),
                phone: Some("06".into()),
                jobs: vec!["Data".into()]
            }
        );
    }
}
