#!/usr/bin/env bash
# End-to-end benchmark (not a test): `binome pair` on a démarches simplifiées export of 3,000
# students and a reworked Sphinx export of 2,500 ambassadors (both .xlsx, from `binome demo`),
# against the Python peer doing the same job (bench/pair_peer.py: pandas.read_excel with openpyxl,
# e-mails and postal codes normalised, a numpy score matrix, scipy's linear_sum_assignment, the
# workbook written with XlsxWriter), in the same run, interleaved, RUNS times each.
# Prints the median and range of the wall time and of the CPU time (user + system) of each
# whole process, their ratios (target ≥ 10×), then the phases of `binome pair` (examples/pair_phases.rs).
# Usage: bench/pair.sh [RUNS] [STUDENTS] [AMBASSADORS]
#   BINOME_BEFORE=path/to/an/earlier/binome: that build measured too, interleaved, as "before";
#   BENCH_NO_BUILD=1: the binaries already built are used as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
STUDENTS="${2:-3000}"
AMBASSADORS="${3:-2500}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/binomes/target}"
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
# The peer's packages, in a virtual environment of their own (made once).
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/binomes/py-bench"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import pandas, numpy, scipy, openpyxl, xlsxwriter" 2>/dev/null \
  || "$VENV/bin/pip" install -q --disable-pip-version-check pandas numpy scipy openpyxl xlsxwriter
PY="$VENV/bin/python"

[ "${BENCH_NO_BUILD:-0}" = 1 ] || cargo build -q --release -p binome --bin binome --example pair_phases
BIN="$CARGO_TARGET_DIR/release"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN/binome" demo --out "$WORK/in" --students "$STUDENTS" --ambassadors "$AMBASSADORS" >/dev/null
S="$WORK/in/etudiants-demarches-simplifiees.xlsx"
A="$WORK/in/ambassadeurs-sphinx-retravaille.xlsx"
# Compiles the peer's modules once, outside the measurements.
"$PY" bench/pair_peer.py "$S" "$A" "$WORK/warm.xlsx" >/dev/null

run() { # label, command… → appends "label wall cpu peak_kb" to results
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/t" "$@" >"$WORK/$label.out"
  read -r wall user sys kb <"$WORK/t"
  echo "$label $wall $(awk "BEGIN{print $user + $sys}") $kb" >>"$WORK/results"
}
for i in $(seq "$RUNS"); do
  rm -f "$WORK/ours.xlsx"
  run binome "$BIN/binome" pair --students "$S" --ambassadors "$A" --out "$WORK/ours.xlsx" --json
  if [ -n "${BINOME_BEFORE:-}" ]; then
    rm -f "$WORK/before.xlsx"
    run before "$BINOME_BEFORE" pair --students "$S" --ambassadors "$A" --out "$WORK/before.xlsx" --json
  fi
  run python "$PY" bench/pair_peer.py "$S" "$A" "$WORK/peer.xlsx"
done

echo "binome pair vs the Python peer, $STUDENTS students × $AMBASSADORS ambassadors ($(du -h "$S" | cut -f1) + $(du -h "$A" | cut -f1) .xlsx), $RUNS runs each, interleaved:"
echo "  binome pair : $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["pairs"], "binômes,", d["students_unpaired"], "sans binôme")' "$WORK/binome.out")"
echo "  Python peer : $(cat "$WORK/python.out")"
awk '
  function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } }
  function median(a, n) { return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
  { n[$1]++; wall[$1, n[$1]] = $2; cpu[$1, n[$1]] = $3; if ($4 > peak[$1]) peak[$1] = $4 }
  END {
    printf "  %-12s %22s %22s %9s\n", "", "wall s: median (range)", "CPU s: median (range)", "peak MB"
    for (k in n) {
      for (i = 1; i <= n[k]; i++) { w[i] = wall[k, i]; c[i] = cpu[k, i] }
      sort(w, n[k]); sort(c, n[k])
      mw[k] = median(w, n[k]); mc[k] = median(c, n[k])
      line[k] = sprintf("  %-12s %8.2f (%.2f–%.2f) %10.2f (%.2f–%.2f) %9d", k, mw[k], w[1], w[n[k]], mc[k], c[1], c[n[k]], peak[k] / 1024)
    }
    print line["binome"]; if ("before" in n) print line["before"]; print line["python"]
    printf "  Python / binome: %.1f× wall, %.1f× CPU (target ≥ 10×)\n", mw["python"] / mw["binome"], mc["python"] / mc["binome"]
    if ("before" in n) printf "  Python / before: %.1f× wall, %.1f× CPU; before / binome: %.2f× wall, %.2f× CPU\n", mw["python"] / mw["before"], mc["python"] / mc["before"], mw["before"] / mw["binome"], mc["before"] / mc["binome"]
  }' "$WORK/results"
echo "Where binome pair's time goes (examples/pair_phases.rs, one run):"
"$BIN/examples/pair_phases" "$S" "$A" "$WORK/phases.xlsx" | sed 's/^/  /'
echo "Machine load: $(uptime | sed 's/.*load/load/')"
