// Shared by the reader targets: the fuzzer's bytes written as a file, read as the app reads it.
use std::io::Write;

pub fn read_as(extension: &str, data: &[u8]) {
    let mut file = tempfile::Builder::new()
        .suffix(&format!(".{extension}"))
        .tempfile()
        .expect("temporary file");
    file.write_all(data).expect("write");
    // Every refusal is fine; a crash, a hang or a memory blow-up is a finding.
    let _ = binome::import::read_table(file.path(), &binome::import::ReadOptions::default());
}
