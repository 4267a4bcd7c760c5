#!/usr/bin/env bash
# Fuzzing (not part of the test suite): each target of fuzz/ runs for a set time, seeded with
# the project's sample and fixture files, on nightly Rust with cargo-fuzz (installed here if
# missing). Findings land in fuzz/artifacts/<target>/; the summary prints the executions and
# the findings of each target.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]      (default: 720 s each, every target)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

SECONDS_EACH="${1:-720}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(xlsx xls_ods csv understand normalize)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# The fuzz build has its own target folder (sanitizer flags differ from the project's).
unset CARGO_TARGET_DIR

step "Building the fuzz targets (nightly, address sanitizer)"
(cd fuzz && cargo +nightly fuzz build -O)

seed() { # target → its corpus folder, seeded once from the project's files
  local dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  [ -n "$(ls -A "$dir")" ] && return 0
  case "$1" in
    xlsx) cp assets/samples/*.xlsx tests/fixtures/*.xlsx "$dir/" 2>/dev/null || true ;;
    xls_ods)
      for f in tests/fixtures/*.xls; do { printf '\x00'; cat "$f"; } >"$dir/$(basename "$f")"; done
      for f in tests/fixtures/*.ods; do { printf '\x01'; cat "$f"; } >"$dir/$(basename "$f")"; done ;;
    csv) cp assets/samples/*.csv "$dir/" ;;
    understand)
      { printf '\x00'; iconv -f WINDOWS-1252 -t UTF-8 assets/samples/etudiants-excel-windows.csv; } >"$dir/etudiants.txt" ;;
    normalize)
      printf '%s' ' Zoé.MARTIN@Etu.Example ' >"$dir/email"; printf '%s' '1000|Bourg-en-Bresse' >"$dir/cp"
      printf '%s' '20000|Ajaccio' >"$dir/corse"; printf '%s' 'Bac +5' >"$dir/niveau"; printf '%s' 'Paris; Lyon' >"$dir/choix" ;;
  esac
}

summary=()
for target in "${TARGETS[@]}"; do
  seed "$target"
  mkdir -p "fuzz/artifacts/$target"
  step "Fuzzing $target for $SECONDS_EACH s"
  log="$(mktemp)"
  # fork mode goes on after a finding (saved in artifacts/) instead of stopping at the first.
  (cd fuzz && cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
      -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=30 -max_len=1048576 \
      -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
      -artifact_prefix="artifacts/$target/") >"$log" 2>&1 || true
  # libFuzzer's status lines start with "#<executions>:".
  execs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
  crashes="$(find "fuzz/artifacts/$target" -name 'crash-*' | wc -l)"
  ooms="$(find "fuzz/artifacts/$target" -name 'oom-*' | wc -l)"
  timeouts="$(find "fuzz/artifacts/$target" -name 'timeout-*' | wc -l)"
  corpus="$(ls "fuzz/corpus/$target" | wc -l)"
  tail -4 "$log"
  summary+=("$(printf '%-12s %8s s  executions %-12s corpus %-6s crashes %-3s out-of-memory %-3s timeouts %s' \
    "$target" "$SECONDS_EACH" "${execs:-?}" "$corpus" "$crashes" "$ooms" "$timeouts")")
  cp "$log" "fuzz/artifacts/$target/last-run.log"
  rm -f "$log"
done
step "Fuzzing summary"
printf '%s\n' "${summary[@]}"
