#!/usr/bin/env bash
# Export benchmark (not a test): 50,000 pairs written as the `Binômes` workbook by Binômes, and
# the same rows written by Python XlsxWriter (installed by this script) in the same run.
# Prints the time and peak memory of each and the ratio. Usage: bench/export.sh [PAIRS]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-50000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/binomes/target}"
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
python3 -m pip install -q --disable-pip-version-check xlsxwriter 2>/dev/null
cargo build -q --release -p binome --example export_bench
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

/usr/bin/time -f "%M" -o "$WORK/ours.mem" "$CARGO_TARGET_DIR/release/examples/export_bench" "$N" "$WORK/rows.json" "$WORK/ours.xlsx" >"$WORK/ours.s"
/usr/bin/time -f "%M" -o "$WORK/peer.mem" python3 - "$WORK/rows.json" "$WORK/peer.xlsx" >"$WORK/peer.s" <<'PY'
import json, sys, time
import xlsxwriter
rows = json.load(open(sys.argv[1]))
start = time.perf_counter()
book = xlsxwriter.Workbook(sys.argv[2], {"strings_to_formulas": False, "strings_to_numbers": False})
sheet = book.add_worksheet("Binômes")
for r, row in enumerate(rows, start=1):
    for c, value in enumerate(row):
        sheet.write_string(r, c, value)
book.close()
print(f"{time.perf_counter() - start:.3f}")
PY
ours=$(cat "$WORK/ours.s"); peer=$(cat "$WORK/peer.s")
echo "Export of $N pairs (31 columns):"
printf "%-22s %8s s %8s MB (whole process)\n" "Binômes" "$ours" "$(( $(cat "$WORK/ours.mem") / 1024 ))"
printf "%-22s %8s s %8s MB (whole process)\n" "Python XlsxWriter" "$peer" "$(( $(cat "$WORK/peer.mem") / 1024 ))"
awk "BEGIN{printf \"XlsxWriter / Binômes: %.1fx (target >= 5x)\n\", $peer/$ours}"
