#!/usr/bin/env bash
# Runs every test, installing what is missing first (idempotent; CI runs exactly this).
# Order: what fails fast first — formatting, the engine alone — then the UI, lints, the shell,
# and the real app driven end to end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_toolchains
forget_builds_of_other_clones
ensure_apt "${BUILD_PACKAGES[@]}" "${DISPLAY_PACKAGES[@]}" "${E2E_PACKAGES[@]}" "${CHECK_PACKAGES[@]}" \
  "${SMTP_TEST_PACKAGES[@]}"
rustup component list --installed 2>/dev/null | grep -q rustfmt || rustup component add rustfmt clippy

step "Formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "The engine builds without Tauri, WebKit or GTK"
if cargo tree -p binome -e normal,build --prefix none | grep -Ei '^(tauri|wry|webkit|gtk|gdk|javascriptcore|soup)'; then
  echo "The engine crate depends on the desktop stack: keep it pure." >&2
  exit 1
fi

step "Rust advisories (cargo audit against the offline RustSec snapshot)"
ensure_cargo_audit
ADVISORY_DB="$ROOT/../shared/advisory-db"
if [ -d "$ADVISORY_DB" ]; then
  # Fails on a vulnerability not acknowledged in .cargo/audit.toml; prints the warnings.
  cargo audit --db "$ADVISORY_DB" --no-fetch --file "$ROOT/Cargo.lock"
else
  echo "No RustSec snapshot at $ADVISORY_DB: advisories not checked on this machine."
fi

step "The app ships no test-only code: no TypeScript generator, no scripted dialogs by default"
if cargo tree -p binomes-desktop -e normal --prefix none | grep -E '^ts-rs '; then
  echo "ts-rs is for generating bindings in tests, not a dependency of the app." >&2
  exit 1
fi
if grep -q 'default *= *\[[^]]*test-hooks' src-tauri/Cargo.toml; then
  echo "The test-hooks feature must stay off by default." >&2
  exit 1
fi

step "Engine tests (cargo test -p binome), run under a 2.5 GB memory limit"
cargo test -p binome --no-run
# Hostile files (huge declared ranges, zip bombs, a million rows) must be refused, not allowed to
# eat the machine: the tests run with the address space capped.
# The export tests open the workbook with LibreOffice: here it must be there.
(ulimit -v 2500000 && BINOMES_REQUIRE_LIBREOFFICE=1 cargo test -p binome)

step "The SMTP password in a real Secret Service (gnome-keyring in a D-Bus session of its own)"
# The engine tests above fall back to an in-memory credential store on a box without one.
bash "$ROOT/scripts/test-secret-service.sh"

# The organisers mostly run Windows: the engine's tests again as Windows executables, under
# Wine (cross-compiled with mingw-w64; what cannot run there is listed in the script).
bash "$ROOT/scripts/test-windows.sh"

ensure_npm "$ROOT/ui"
ensure_npm "$ROOT/tests/e2e"
build_ui

step "Interface type check and unit tests"
(cd ui && npm run --silent typecheck && npm run --silent test)

step "Licences of every shipped dependency (allow-list, offline)"
node scripts/check-licences.mjs

step "Lints (cargo clippy --workspace --all-targets -D warnings)"
cargo clippy --workspace --all-targets -- -D warnings

step "Desktop shell tests (commands, IPC bindings up to date)"
cargo test -p binomes-desktop

ensure_tauri_driver
step "Building the app for the end-to-end tests"
cargo build -p binomes-desktop --features test-hooks
step "End-to-end tests: the real app in WebKitWebDriver under Xvfb"
BINOMES_APP="$CARGO_TARGET_DIR/debug/binomes" \
  xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-concurrency=1 tests/e2e/
