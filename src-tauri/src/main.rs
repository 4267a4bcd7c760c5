// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Before anything: this process may be the child that reads an .xls/.ods file.
    binome::import::read::isolate_readers();
    binome::init_log();
    binomes_desktop::run();
}
