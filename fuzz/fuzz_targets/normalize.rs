#![no_main]
//! The cleaning of single values: text, e-mails, civility, capacity, mobility, levels,
//! multi-choice cells, départements, header keys, and the geography's resolution.
use binome::import::normalize;
use binome::import::table::Value;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let value = Value::Text(text.to_string());
    let _ = binome::text::clean(&text);
    let _ = binome::text::header_key(&text);
    let _ = normalize::email(&value);
    let _ = normalize::civility(&value);
    let _ = normalize::capacity(&value);
    let _ = normalize::mobility(&value);
    let _ = normalize::choices(&value);
    let _ = normalize::level(&value);
    let _ = normalize::departement_code(&value);
    if let Ok(n) = text.trim().parse::<f64>() {
        let number = Value::Number(n);
        let _ = normalize::capacity(&number);
        let _ = normalize::departement_code(&number);
    }
    let (postal, commune) = text.split_once('|').unwrap_or((&text, ""));
    let _ = binome::referentials::geography::Geography::get().resolve(Some(postal), Some(commune));
});
