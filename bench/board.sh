#!/usr/bin/env bash
# Board benchmark (not a test), in the real app (release build) driven by WebDriver under Xvfb:
# an edition of 2,000 students × 1,500 ambassadors, suggested, then
#   - time from opening the edition to the first paint of the board (target ≤ 1 s);
#   - time from each move to the board showing the change the store has saved (target p95 ≤ 50 ms),
#     measured inside the app on the path every drop takes (the board's `move`, in useBoard.ts), the
#     moves being made with « Affecter à… » then « Retirer du binôme » (pointer drags are what the
#     e2e tests drive);
# with, as the peer measured in the same run, reading the whole board again (what a board
# without incremental changes would do after every drop). Usage: bench/board.sh [DROPS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
DROPS="${1:-40}"
ensure_toolchains
ensure_apt "${BUILD_PACKAGES[@]}" "${DISPLAY_PACKAGES[@]}" "${E2E_PACKAGES[@]}"
ensure_npm "$ROOT/ui"
ensure_npm "$ROOT/tests/e2e"
ensure_tauri_driver
WORK="$(mktemp -d)"
# The app measures itself only when its interface is built with VITE_BINOMES_BENCH=1
# (ui/src/components/board/timings.ts); the normal interface is built again when this ends, so
# that no other build embeds the measurements.
trap 'rm -rf "$WORK"; build_ui' EXIT
step "Building the interface (ui/) with the board's measurements"
(cd "$ROOT/ui" && VITE_BINOMES_BENCH=1 npm run --silent build)
cargo build -q --release -p binome -p binomes-desktop --features binomes-desktop/test-hooks
cargo build -q --release -p binome --example board_load
BIN="$CARGO_TARGET_DIR/release"

mkdir -p "$WORK/donnees"
DB="$WORK/donnees/binomes.sqlite3"
"$BIN/binome" demo --out "$WORK/fiches" --students 2000 --ambassadors 1500 >"$WORK/fiches.txt"
"$BIN/binome" import --db "$DB" --students "$(grep -m1 'etudiants.*\.xlsx$' "$WORK/fiches.txt")" >/dev/null
"$BIN/binome" import --db "$DB" --ambassadors "$(grep -m1 'ambassadeurs.*\.xlsx$' "$WORK/fiches.txt")" >/dev/null
"$BIN/binome" suggest --db "$DB" >/dev/null

echo "Engine alone on the same edition (examples/board_load.rs):"
"$BIN/examples/board_load" "$DB" | sed 's/^/  /'
BINOMES_APP="$BIN/binomes" BENCH_DATA_DIR="$WORK/donnees" BENCH_DROPS="$DROPS" \
  xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-board.mjs
