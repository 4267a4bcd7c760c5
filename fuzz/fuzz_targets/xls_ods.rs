#![no_main]
//! `.xls` and `.ods`, read in-process here (the app reads them in a bounded child process: a
//! memory blow-up found here is the class that child exists for; a crash is a finding).
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, so one corpus holds both.
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    common::read_as(if pick % 2 == 0 { "xls" } else { "ods" }, rest);
});
