#!/usr/bin/env bash
# Import benchmark (not a test): a 50,000-row démarches simplifiées export imported into typed,
# stored records by `binome import`, side by side in the same run with raw calamine iteration
# and with Python's openpyxl (read-only) and python-calamine reading the same file.
# Prints the median and range of the wall time, the peak memory (max RSS) of each, and the ratios
# of the medians. Usage: bench/import.sh [ROWS]   (RUNS=5 by default;
#   BINOME_BEFORE=path/to/an/earlier/binome: that build measured too, interleaved, as "before")
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-50000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/binomes/target}"
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
# The Python readers, in a virtual environment of their own (made once; bench/pair.sh shares it).
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/binomes/py-bench"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import openpyxl, python_calamine" 2>/dev/null \
  || "$VENV/bin/pip" install -q --disable-pip-version-check openpyxl python-calamine
PY="$VENV/bin/python"

cargo build -q --release -p binome --bin binome --example read_raw
BIN="$CARGO_TARGET_DIR/release"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN/binome" demo --out "$WORK" --students "$ROWS" --ambassadors 10 >/dev/null
FILE="$WORK/etudiants-demarches-simplifiees.xlsx"

RUNS="${RUNS:-5}"
measure() { # label, command…  → appends "label seconds peak_kb" to results
  local label="$1"; shift
  rm -f "$WORK/b.sqlite3"*; rm -rf "$WORK/sauvegardes"
  /usr/bin/time -f "%e %M" -o "$WORK/t" "$@" >/dev/null
  echo "$label $(cat "$WORK/t")" >>"$WORK/results"
}

# Interleaved, RUNS times: a busy machine slows every reader alike.
reader_binome() { measure "binome-import" "$BIN/binome" import --db "$WORK/b.sqlite3" --students "$FILE" --json; }
reader_before() { measure "before" "$BINOME_BEFORE" import --db "$WORK/b.sqlite3" --students "$FILE" --json; }
reader_raw() { measure "calamine-raw" "$BIN/examples/read_raw" "$FILE" Dossiers; }
reader_python_calamine() {
  measure "python-calamine" "$PY" -c "
import sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name('Dossiers').to_python()
print(len(rows))" "$FILE"
}
reader_openpyxl() {
  measure "openpyxl" "$PY" -c "
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
print(sum(1 for _ in wb['Dossiers'].iter_rows(values_only=True)))" "$FILE"
}
READERS=(reader_binome)
[ -n "${BINOME_BEFORE:-}" ] && READERS+=(reader_before)
READERS+=(reader_raw reader_python_calamine reader_openpyxl)
# Each run starts one reader further down the list: the reader run right after openpyxl's seven
# seconds came out 0.3 s slower than the same binary run next (two copies of one build, 7 runs).
for run in $(seq 0 $((RUNS - 1))); do
  for i in $(seq 0 $((${#READERS[@]} - 1))); do
    "${READERS[$(((run + i) % ${#READERS[@]}))]}"
  done
done

echo "Import of $ROWS rows ($(du -h "$FILE" | cut -f1) .xlsx), $RUNS runs of each reader, interleaved (load: $(uptime | sed 's/.*load average: //')):"
awk '
  function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } }
  function median(a, n) { return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
  { if (!($1 in n)) order[++k] = $1; n[$1]++; s[$1, n[$1]] = $2; if ($3 > peak[$1]) peak[$1] = $3 }
  END {
    printf "%-18s %24s %9s\n", "reader", "seconds: median (range)", "peak MB"
    for (i = 1; i <= k; i++) {
      r = order[i]; for (j = 1; j <= n[r]; j++) v[j] = s[r, j]; sort(v, n[r])
      med[r] = median(v, n[r])
      printf "%-18s %9.2f (%.2f–%.2f) %9d\n", r, med[r], v[1], v[n[r]], peak[r] / 1024
    }
    printf "\nbinome import / raw calamine : %.2fx (target <= 1.5x)\n", med["binome-import"] / med["calamine-raw"]
    printf "openpyxl / binome import     : %.1fx faster (target >= 10x)\n", med["openpyxl"] / med["binome-import"]
    if ("before" in med) printf "before / raw calamine        : %.2fx\n", med["before"] / med["calamine-raw"]
  }' "$WORK/results"
