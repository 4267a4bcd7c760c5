//! Answers held back, for the end-to-end tests of what the window does while an answer is on
//! its way (a large edition, a slow disk).
//!
//! In a build with the `test-hooks` feature (the end-to-end tests' and the benchmark's, never
//! the product's) or the shell's own unit tests, when `BINOME_TEST_LATE_ANSWERS` names a file,
//! each of its lines `command milliseconds` makes that command wait so long once its work is
//! done, before it answers: what it answers is what was true when it was asked. The file is read
//! at each call, so a test can slow a command down for one step only.

pub const LATE_ENV: &str = "BINOME_TEST_LATE_ANSWERS";

/// Waits as long as the test asked before `command` answers (never, in the product).
#[cfg(not(any(test, feature = "test-hooks")))]
#[inline(always)]
pub fn hold_back(_command: &str) {}

/// Waits as long as the test asked before `command` answers (never, in the product).
#[cfg(any(test, feature = "test-hooks"))]
pub fn hold_back(command: &str) {
    let Some(file) = std::env::var_os(LATE_ENV) else {
        return;
    };
    if let Some(delay) = delay_for(&std::fs::read_to_string(file).unwrap_or_default(), command) {
        std::thread::sleep(delay);
    }
}

#[cfg(any(test, feature = "test-hooks"))]
fn delay_for(lines: &str, command: &str) -> Option<std::time::Duration> {
    lines.lines().find_map(|line| {
        let (name, millis) = line.trim().split_once(' ')?;
        let millis = millis.trim().parse().ok()?;
        (name == command).then(|| std::time::Duration::from_millis(millis))
    })
}

#[cfg(test)]
mod tests {
    use super::delay_for;
    use std::time::Duration;

    #[test]
    fn only_the_command_named_waits() {
        let lines = "plan_wave 200\nload_board 1500\n";
        assert_eq!(
            delay_for(lines, "load_board"),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            delay_for(lines, "plan_wave"),
            Some(Duration::from_millis(200))
        );
        assert_eq!(delay_for(lines, "move_student"), None);
        assert_eq!(delay_for("", "load_board"), None);
        assert_eq!(delay_for("load_board soon\n", "load_board"), None);
    }
}
