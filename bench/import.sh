#!/usr/bin/env bash
# Import benchmark (not a test): a 50,000-row démarches simplifiées export imported into typed,
# stored records by `binome import`, side by side in the same run with raw calamine iteration
# and with Python's openpyxl (read-only) and python-calamine reading the same file.
# Prints wall time and peak memory (max RSS) of each, and the ratios. Usage: bench/import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-50000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/binomes/target}"
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
python3 -m pip install -q --disable-pip-version-check openpyxl python-calamine 2>/dev/null

cargo build -q --release -p binome --bin binome --example read_raw
BIN="$CARGO_TARGET_DIR/release"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN/binome" demo --out "$WORK" --students "$ROWS" --ambassadors 10 >/dev/null
FILE="$WORK/etudiants-demarches-simplifiees.xlsx"

measure() { # label, command…  → "label seconds megabytes"
  local label="$1"; shift
  local best_s="" best_kb=""
  for _ in 1 2 3; do
    rm -f "$WORK/b.sqlite3"*; rm -rf "$WORK/sauvegardes"
    /usr/bin/time -f "%e %M" -o "$WORK/t" "$@" >/dev/null
    read -r s kb <"$WORK/t"
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_kb=$kb; fi
  done
  echo "$label $best_s $((best_kb / 1024))"
}

{
  measure "binome-import" "$BIN/binome" import --db "$WORK/b.sqlite3" --students "$FILE" --json
  measure "calamine-raw" "$BIN/examples/read_raw" "$FILE" Dossiers
  measure "python-calamine" python3 -c "
import sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name('Dossiers').to_python()
print(len(rows))" "$FILE"
  measure "openpyxl" python3 -c "
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
print(sum(1 for _ in wb['Dossiers'].iter_rows(values_only=True)))" "$FILE"
} >"$WORK/results"

echo "Import of $ROWS rows ($(du -h "$FILE" | cut -f1) .xlsx), best of 3 runs:"
awk '
  { name[NR]=$1; sec[NR]=$2; mb[NR]=$3; if ($1=="binome-import") ours=$2; if ($1=="calamine-raw") raw=$2; if ($1=="openpyxl") opx=$2 }
  END {
    printf "%-18s %9s %9s\n", "reader", "seconds", "peak MB"
    for (i=1;i<=NR;i++) printf "%-18s %9.2f %9d\n", name[i], sec[i], mb[i]
    printf "\nbinome import / raw calamine : %.2fx (target <= 1.5x)\n", ours/raw
    printf "openpyxl / binome import     : %.1fx faster (target >= 10x)\n", opx/ours
  }' "$WORK/results"
