#![no_main]
//! CSV and text exports: encodings (UTF-8, UTF-16 with or without BOM, Windows-1252) and
//! separators.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::read_as("csv", data));
