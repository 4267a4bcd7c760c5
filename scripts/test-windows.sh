#!/usr/bin/env bash
# The engine's tests on Windows, from Linux: cross-compiled for x86_64-pc-windows-gnu with
# Debian's mingw-w64 and run under Wine. Called by scripts/test.sh; runs alone too.
#
# What runs: every engine integration test binary and the library's unit tests, as Windows
# executables (the CLI's tests start binome.exe, the .xls/.ods reader child runs under its Job
# Object, paths with spaces and accents, an export over a workbook held open as Excel does).
# What cannot run under Wine is skipped by name below, each with its reason.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

TARGET=x86_64-pc-windows-gnu
ensure_apt gcc-mingw-w64-x86-64 wine64
rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"

# Tests that cannot run under Wine, and why.
SKIPS=(
  # Uses Linux's /proc as the read-only file system (Windows has none to point at).
  --skip a_data_folder_on_a_read_only_file_system
  # Simulates a full disk with the shell's `ulimit -f` (SIGXFSZ): Unix only.
  --skip a_full_disk_during_an_import_or_an_export
)
# Not compiled for Windows at all (#[cfg(unix)]), and why: the owner-only file modes (Windows
# restricts the per-user folders by their inherited access rights instead), and the reader
# child's stand-in that never ends (a shell script). Their Windows counterparts: the data
# folder tests and the Job Object around the real reader child, used by hostile_files. Also
# tests/sending.rs: its SMTP server is a Linux process (Python's aiosmtpd); the SMTP client
# and the credential store are compiled for Windows all the same.

step "Windows: cross-compiling the engine's tests ($TARGET)"
BUILD_LOG="$(mktemp)"
cargo test -p binome --target "$TARGET" --no-run --message-format=json-render-diagnostics >"$BUILD_LOG"
mapfile -t TESTS < <(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    try: m = json.loads(line)
    except ValueError: continue
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["executable"])
' "$BUILD_LOG")
rm -f "$BUILD_LOG"
BIN_DIR="$CARGO_TARGET_DIR/$TARGET/debug"

# Wine 8 lacks ProcessPrng: the test-only shim goes beside every executable (never shipped).
SHIM="$BIN_DIR/bcryptprimitives.dll"
if [ ! -f "$SHIM" ] || [ scripts/wine/process-prng.c -nt "$SHIM" ]; then
  x86_64-w64-mingw32-gcc -shared -O2 -o "$SHIM" scripts/wine/process-prng.c -ladvapi32
fi
cp -f "$SHIM" "$BIN_DIR/deps/"

# Debian's wine64 package puts wine64 and wineserver in /usr/lib/wine.
export PATH="/usr/lib/wine:$PATH"
export WINEPREFIX="${WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/binomes/wine}"
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  step "Windows: preparing a Wine prefix"
  wine64 wineboot --init >/dev/null 2>&1 || true
  wineserver -w || true
fi

step "Windows: the engine's tests under $(wine64 --version)"
passed=0 failed=0 failures=()
for exe in "${TESTS[@]}"; do
  name="$(basename "$exe" .exe)"
  log="$(mktemp)"
  if wine64 "$exe" --test-threads=1 "${SKIPS[@]}" >"$log" 2>&1; then status=0; else status=$?; fi
  result="$(grep -E '^test result:' "$log" | tail -1)"
  p="$(sed -nE 's/.* ([0-9]+) passed.*/\1/p' <<<"$result")"
  f="$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$result")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  printf '  %-40s %s\n' "${name%-*}" "${result:-no result (exit $status)}"
  if [ "$status" -ne 0 ]; then
    [ -n "$f" ] && [ "$f" -gt 0 ] || failed=$((failed + 1))
    failures+=("${name%-*}")
    # A panic's message is on the line after « panicked at ».
    grep -A1 -E '^(test .* FAILED|---- |thread .* panicked|  left|  right|assertion)' "$log" | grep -v '^--$' | head -60 || true
  fi
  rm -f "$log"
done
wineserver -k 2>/dev/null || true
echo "Windows (Wine): $passed passed, $failed failed"
if [ "$failed" -gt 0 ]; then
  echo "Failed under Wine: ${failures[*]}" >&2
  exit 1
fi
