#!/usr/bin/env bash
# The SMTP password kept by a real Secret Service (#17), not the test's in-memory store: the
# sending test `the_password_is_kept_by_the_system_never_in_the_database` run inside a D-Bus
# session of its own with gnome-keyring's secrets component, its « login » collection created
# and unlocked with a throw-away password. Everything lives in a temporary home (the keyrings
# under its XDG_DATA_HOME): the organiser's own keyring is never touched. Fails unless the test
# says the password was kept by the system.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_apt "${SECRET_SERVICE_PACKAGES[@]}"
cargo test -p binome --test sending --no-run

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/data" "$scratch/run"
chmod 700 "$scratch/run"
# cargo and rustup keep finding the toolchain where it is, whatever HOME says.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"

out="$scratch/sortie.txt"
dbus-run-session -- bash -c '
  set -euo pipefail
  # Prints GNOME_KEYRING_CONTROL=…; the password on standard input creates and unlocks « login ».
  eval "export $(printf essai | gnome-keyring-daemon --unlock --components=secrets)"
  cargo test -p binome --test sending the_password_is_kept_by_the_system -- --nocapture
' >"$out" 2>&1 || { cat "$out"; exit 1; }
grep -E "mot de passe|coffre|test result" "$out"
if ! grep -q "mot de passe gardé par le système : System" "$out"; then
  echo "The Secret Service did not keep the password (see above)." >&2
  exit 1
fi
