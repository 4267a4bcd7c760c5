#!/usr/bin/env bash
# App benchmark (not a test): in the real app (release build, its interface built with
# VITE_BINOMES_BENCH=1 so that the board measures its moves) driven by WebDriver under Xvfb, on
# the demo edition of 2,000 students × 1,500 ambassadors, suggested: cold start to the home page
# painted (the app started alone, without WebDriver, its screen watched: bench/first_paint.c),
# file chosen → import preview, « Proposer » → board updated, a board move, export written —
# each measured inside the app from the click to the frame that shows the result, over RUNS
# runs (p50, p95, range) — and the memory (proportional set size) of the app and its WebKit
# processes with the edition open (tests/e2e/bench-app.mjs).
# Usage: bench/app.sh [RUNS]   (BINOMES_E2E_PORT picks WebDriver's port, 4444 by default;
# BENCH_APP_ENV="VAR=value …" measures the app a second time with that environment;
# BENCH_LARGE=N, 10000 by default, 0 to skip: an N × N edition opened, scrolled, a move;
# BENCH_FRAMES=1: what one frame costs in the web view, by kind of change;
# BENCH_BEFORE_APP=FILE: another build of the app — the one before a change, built as this
# script builds it — measured the same way in the same run, the two alternated BENCH_ROUNDS
# times, 2 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
RUNS="${1:-10}"
ensure_toolchains
ensure_apt "${BUILD_PACKAGES[@]}" "${DISPLAY_PACKAGES[@]}" "${E2E_PACKAGES[@]}" libx11-dev
ensure_npm "$ROOT/ui"
ensure_npm "$ROOT/tests/e2e"
ensure_tauri_driver
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# The measuring interface is built into a folder of its own and embedded through TAURI_CONFIG,
# so that ui/dist (what every other build embeds) is never the benchmark's.
UI_OUT="${XDG_CACHE_HOME:-$HOME/.cache}/binomes/bench-ui"
step "Building the interface (ui/) with the measurements, into $UI_OUT"
(cd "$ROOT/ui" && npm run --silent prebuild && VITE_BINOMES_BENCH=1 npx vite build --logLevel warn --outDir "$UI_OUT" --emptyOutDir)
TAURI_CONFIG="{\"build\":{\"frontendDist\":\"$UI_OUT\"}}" \
  cargo build -q --release -p binomes-desktop --features binomes-desktop/test-hooks
cargo build -q --release -p binome --bin binome
BIN="$CARGO_TARGET_DIR/release"
# A copy: another build of the shared target folder must not replace the app while it runs.
cp "$BIN/binomes" "$WORK/binomes"
APP="$WORK/binomes"
if [ -n "${BENCH_BEFORE_APP:-}" ]; then cp "$BENCH_BEFORE_APP" "$WORK/binomes-before"; fi
# The cold start as the organiser has it, without WebDriver: bench/first_paint.c starts the app
# and watches the X screen's pixels until they settle.
cc -O2 -Wall -o "$WORK/first_paint" bench/first_paint.c -lX11

mkdir -p "$WORK/donnees"
DB="$WORK/donnees/binomes.sqlite3"
"$BIN/binome" demo --out "$WORK/fiches" --students 2000 --ambassadors 1500 >"$WORK/fiches.txt"
STUDENTS="$(grep -m1 'etudiants.*\.xlsx$' "$WORK/fiches.txt")"
"$BIN/binome" import --db "$DB" --students "$STUDENTS" >/dev/null
"$BIN/binome" import --db "$DB" --ambassadors "$(grep -m1 'ambassadeurs.*\.xlsx$' "$WORK/fiches.txt")" >/dev/null
"$BIN/binome" suggest --db "$DB" >/dev/null

cp -r "$WORK/donnees" "$WORK/donnees-0"
cold_starts() { # [VAR=value…]: RUNS cold starts, each the app started by first_paint, alone
  # One start first, not counted: this build's first opening of the data folder (a migration
  # and its backup, once) is not what the organiser waits for each morning.
  env "$@" BINOME_DATA_DIR="$WORK/donnees" xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$1" 1500 "$2" >/dev/null
    for _ in $(seq "$3"); do "$1" 1500 "$2"; sleep 0.3; done' _ "$WORK/first_paint" "$APP" "$RUNS" \
    >"$WORK/cold.txt"
  awk -v runs="$RUNS" '
    function pct(p,   i) { i = int(p / 100 * n + 0.999999); if (i < 1) i = 1; return v[i] }
    { v[++n] = $1; screens[$3]++ }
    END {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j-1] > v[j]; j--) { t = v[j]; v[j] = v[j-1]; v[j-1] = t }
      printf "%-40s p50 %5.0f ms, p95 %5.0f ms  (min %.0f, max %.0f; %d runs)  target ≤ 1000 ms\n",
        "cold start → home painted", pct(50), pct(95), v[1], v[n], n
      for (s in screens) kinds++
      printf "  (the app started alone, as the organiser starts it; painted = the X screen'"'"'s last change before it stays still 1.5 s; %s)\n",
        kinds == 1 ? "the same final screen at every start" : kinds " different final screens: look at them"
    }' "$WORK/cold.txt"
}
run() { # [VAR=value…]: the measurements, on a fresh copy of the edition, with that environment
  rm -rf "$WORK/donnees" && cp -r "$WORK/donnees-0" "$WORK/donnees"
  echo "Machine load before: $(uptime | sed 's/.*load average: //')"
  cold_starts "$@"
  env "$@" BINOMES_APP="$APP" BENCH_DATA_DIR="$WORK/donnees" BENCH_RUNS="$RUNS" BENCH_STUDENTS_FILE="$STUDENTS" \
    xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-app.mjs
  echo "Machine load after: $(uptime | sed 's/.*load average: //')"
}
if [ -n "${BENCH_BEFORE_APP:-}" ]; then
  for round in $(seq "${BENCH_ROUNDS:-2}"); do
    step "Round $round: the build before ($BENCH_BEFORE_APP)"
    APP="$WORK/binomes-before" run
    step "Round $round: this build"
    APP="$WORK/binomes" run
  done
else
  step "The app as shipped"
  run
fi
# BENCH_APP_ENV="VAR=value …": the same again with WebKit (or anything) set otherwise, e.g.
# WEBKIT_DISABLE_COMPOSITING_MODE=1 (no accelerated compositing: software layers, far less memory).
if [ -n "${BENCH_APP_ENV:-}" ]; then
  step "With $BENCH_APP_ENV"
  # shellcheck disable=SC2086 # several VAR=value words
  run $BENCH_APP_ENV
fi

# BENCH_FRAMES=1: what one frame costs in the web view for each kind of change the interface
# makes (a small change, a page-wide restyle, `inert` as a modal dialog sets it, an element added
# to <body>, « Affecter à… » opened and closed), against the small change (tests/e2e/bench-frames.mjs).
if [ "${BENCH_FRAMES:-0}" = 1 ]; then
  step "What a frame costs in the web view, by kind of change"
  rm -rf "$WORK/donnees" && cp -r "$WORK/donnees-0" "$WORK/donnees"
  echo "Machine load before: $(uptime | sed 's/.*load average: //')"
  BINOMES_APP="$WORK/binomes" BENCH_DATA_DIR="$WORK/donnees" \
    xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-frames.mjs
fi

# BENCH_LARGE (10000 by default, 0 to skip): an edition of that many students and as many
# ambassadors, suggested, opened once in the app as shipped: the board's first paint, scrolling
# it, a move, the memory.
LARGE="${BENCH_LARGE:-10000}"
if [ "$LARGE" != 0 ]; then
  step "A large edition: $LARGE students × $LARGE ambassadors"
  mkdir -p "$WORK/grande"
  "$BIN/binome" demo --out "$WORK/grande-fiches" --students "$LARGE" --ambassadors "$LARGE" >"$WORK/grande.txt"
  BIG="$WORK/grande/binomes.sqlite3"
  "$BIN/binome" import --db "$BIG" --students "$(grep -m1 'etudiants.*\.xlsx$' "$WORK/grande.txt")" >/dev/null
  "$BIN/binome" import --db "$BIG" --ambassadors "$(grep -m1 'ambassadeurs.*\.xlsx$' "$WORK/grande.txt")" >/dev/null
  "$BIN/binome" suggest --db "$BIG" >/dev/null
  echo "Machine load before: $(uptime | sed 's/.*load average: //')"
  BENCH_LARGE=1 BINOMES_APP="$WORK/binomes" BENCH_DATA_DIR="$WORK/grande" BENCH_RUNS=1 \
    xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-app.mjs
fi
