#![no_main]
//! `.xlsx`: the zip checks and the streaming sheet reader (in the app's own process).
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::read_as("xlsx", data));
