# Shared by scripts/run.sh and scripts/test.sh: idempotent set-up on Debian/Ubuntu.
# Each step checks first and installs only what is missing, so a second run is quick.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# One cargo target directory outside the clone, reused across clones and runs.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/binomes/target}"
export PATH="$HOME/.cargo/bin:$PATH"

# What building the Tauri shell needs (see TAURI-NOTES: the WebKitGTK 4.1 stack), and D-Bus for
# the engine's Secret Service client (the SMTP password, keyring crate).
BUILD_PACKAGES=(build-essential pkg-config file libssl-dev libxdo-dev libwebkit2gtk-4.1-dev
  libayatana-appindicator3-dev librsvg2-dev libgtk-3-dev
  libdbus-1-dev)
# What running the app headless and driving it end to end needs.
DISPLAY_PACKAGES=(xvfb xauth)
E2E_PACKAGES=(webkit2gtk-driver xdotool imagemagick)
# A real spreadsheet program, to check that exported workbooks open (headless, no display).
CHECK_PACKAGES=(libreoffice-calc-nogui)
# A real SMTP server on localhost for the sending tests (tests/smtp/server.py, aiosmtpd under
# Debian's /usr/bin/python3), and openssl to make its certificates.
SMTP_TEST_PACKAGES=(python3-aiosmtpd openssl)
# A real Secret Service for the SMTP password's test (scripts/test-secret-service.sh): gnome-keyring
# in a D-Bus session of the test's own.
SECRET_SERVICE_PACKAGES=(gnome-keyring dbus)

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "Installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_toolchains() {
  command -v cargo >/dev/null || { echo "Rust is required: install it with rustup (https://rustup.rs)." >&2; exit 1; }
  command -v node >/dev/null || { echo "Node.js 20.19 or later is required." >&2; exit 1; }
  local major minor
  IFS=. read -r major minor _ <<<"$(node --version | tr -d v)"
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    echo "Node.js 20.19 or later is required (found $(node --version))." >&2
    exit 1
  fi
}

# The target directory is shared across clones, and Cargo takes this repository's crates built
# in another clone at the same commit for fresh — with that clone's path compiled into them: the
# tests' `env!("CARGO_MANIFEST_DIR")` then looks for the samples there, and fails once that clone
# is gone. Built again, for the host and for Windows, when another clone used the directory last.
forget_builds_of_other_clones() {
  local mark="$CARGO_TARGET_DIR/.binomes-clone"
  if [ -f "$mark" ] && [ "$(cat "$mark")" != "$ROOT" ]; then
    step "The target directory was last used from $(cat "$mark"): this repository's crates are built again"
    (cd "$ROOT" && cargo clean -q -p binome -p binomes-desktop \
      && cargo clean -q -p binome --target x86_64-pc-windows-gnu) || true
  fi
  mkdir -p "$CARGO_TARGET_DIR"
  printf '%s\n' "$ROOT" >"$mark"
}

# npm ci in a folder, only when its lock file changed since the last install.
ensure_npm() {
  local dir="$1" stamp
  stamp="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$dir/node_modules/.binomes-stamp" ] && [ "$(cat "$dir/node_modules/.binomes-stamp")" = "$stamp" ]; then
    return 0
  fi
  step "Installing npm packages in ${dir#"$ROOT"/}"
  # --ignore-scripts: no dependency may download anything at install time (webdriverio would
  # fetch browser drivers); our own build steps run explicitly.
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$stamp" >"$dir/node_modules/.binomes-stamp"
}

ensure_tauri_driver() {
  # tauri-driver has no --version: ask cargo what it installed.
  if command -v tauri-driver >/dev/null && cargo install --list | grep -q '^tauri-driver v2\.'; then
    return 0
  fi
  step "Installing tauri-driver 2.1 (WebDriver bridge for the end-to-end tests)"
  cargo install tauri-driver --version 2.1.0 --locked
}

ensure_cargo_audit() {
  command -v cargo-audit >/dev/null && return 0
  step "Installing cargo-audit (Rust advisories, read offline; about 9 minutes on 2 cores, once)"
  cargo install cargo-audit --locked --no-default-features
}

build_ui() {
  step "Building the interface (ui/)"
  (cd "$ROOT/ui" && npm run --silent build)
}
