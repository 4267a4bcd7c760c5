#!/usr/bin/env bash
# Messages benchmark (not a test): an edition of 2,880 students × 1,600 ambassadors, suggested;
# then, in the engine (examples/messages_bench.rs, release build):
#   - « À prévenir » worked out and every message owed composed (final messages included: about
#     4,000, one per person: the students whose application is not retained get none);
#   - the same written as one wave of drafts (.eml + publipostage.csv, each logged);
#   - 1,000 of them sent through a real SMTP server on localhost (Python's aiosmtpd, STARTTLS and
#     AUTH, the test server of tests/smtp/), no pace limit, the log written before and after each.
# Usage: bench/messages.sh [STUDENTS AMBASSADORS SEND]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
STUDENTS="${1:-2880}"
AMBASSADORS="${2:-1600}"
SEND="${3:-1000}"
ensure_toolchains
ensure_apt "${SMTP_TEST_PACKAGES[@]}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cargo build -q --release -p binome --bin binome --example messages_bench
BIN="$CARGO_TARGET_DIR/release"
DB="$WORK/binomes.sqlite3"
"$BIN/binome" demo --out "$WORK/fiches" --students "$STUDENTS" --ambassadors "$AMBASSADORS" >"$WORK/fiches.txt"
"$BIN/binome" import --db "$DB" --students "$(grep -m1 'etudiants.*\.xlsx$' "$WORK/fiches.txt")" >/dev/null
"$BIN/binome" import --db "$DB" --ambassadors "$(grep -m1 'ambassadeurs.*\.xlsx$' "$WORK/fiches.txt")" >/dev/null
"$BIN/binome" suggest --db "$DB" >/dev/null

mkdir -p "$WORK/certs" "$WORK/recus"
sh tests/smtp/certs.sh "$WORK/certs"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" tests/smtp/server.py --out "$WORK/recus" --cert "$WORK/certs/server.pem" --key "$WORK/certs/server.key" \
  --login bench --password banc-d-essai >"$WORK/server.txt" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 50); do grep -q '^PRET' "$WORK/server.txt" && break; sleep 0.1; done
PORT="$(awk '/^PRET/ {print $2}' "$WORK/server.txt")"
[ -n "$PORT" ] || { cat "$WORK/server.err" >&2; exit 1; }

echo "Édition de $STUDENTS étudiants et $AMBASSADORS ambassadeurs ($(nproc) cœurs) :"
"$BIN/examples/messages_bench" "$DB" "$WORK/brouillons" "$PORT" "$WORK/certs/ca.pem" bench banc-d-essai "$SEND" | sed 's/^/  /'
echo "  reçus par le serveur : $(ls "$WORK/recus" | wc -l) messages"
