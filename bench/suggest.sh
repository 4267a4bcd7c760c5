#!/usr/bin/env bash
# Suggestion benchmark (not a test): the same seeded instances solved by Binômes' solver and, in
# the same run, by scipy.optimize.linear_sum_assignment and lap.lapjv (installed by this script
# with pip). Prints seconds, the optimum found by each (they must agree) and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/binomes/target}"
python3 -m pip install -q --disable-pip-version-check numpy scipy lap 2>/dev/null
cargo build -q --release -p binome --example solver_bench
BIN="$CARGO_TARGET_DIR/release/examples/solver_bench"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

peers() { # FILE N → "scipy_s scipy_total lap_s lap_total"
  python3 - "$1" "$2" <<'PY'
import sys, time
import numpy as np
from scipy.optimize import linear_sum_assignment
import lap
path, n = sys.argv[1], int(sys.argv[2])
scores = np.fromfile(path, dtype="<i4").reshape(n, n).astype(np.int64)
cost = scores.max() - scores
t = time.perf_counter(); r, c = linear_sum_assignment(cost); scipy_s = time.perf_counter() - t
t = time.perf_counter(); _, x, _ = lap.lapjv(cost.astype(np.float64)); lap_s = time.perf_counter() - t
print(f"{scipy_s:.4f} {scores[r, c].sum()} {lap_s:.4f} {scores[np.arange(n), x].sum()}")
PY
}

printf "%-28s %9s %9s %9s  %s\n" "instance" "binome s" "scipy s" "lap s" "optimum (binome / scipy / lap)"
for spec in "2000 1 1000 dense-2000" "2000 2 10 ties-2000" "4000 3 1000 dense-4000"; do
  read -r n seed max label <<<"$spec"
  read -r ours_s ours_total _ < <("$BIN" dense "$n" "$seed" "$max" "$WORK/m.bin")
  read -r scipy_s scipy_total lap_s lap_total < <(peers "$WORK/m.bin" "$n")
  printf "%-28s %9.3f %9.3f %9.3f  %s / %s / %s   (scipy/binome %.2fx, lap/binome %.2fx)\n" \
    "$label" "$ours_s" "$scipy_s" "$lap_s" "$ours_total" "$scipy_total" "$lap_total" \
    "$(awk "BEGIN{print $scipy_s/$ours_s}")" "$(awk "BEGIN{print $lap_s/$ours_s}")"
done
for spec in "2000 1500 1" "1000 800 2"; do
  read -r s a seed <<<"$spec"
  read -r ours_s total placed < <("$BIN" app "$s" "$a" "$seed")
  printf "%-28s %9.3f %9s %9s  %s points, %s placed (records → pairs, scoring included)\n" "app ${s}x${a}" "$ours_s" "-" "-" "$total" "$placed"
done
