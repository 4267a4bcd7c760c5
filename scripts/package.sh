#!/usr/bin/env bash
# Builds every installer this machine can build, tries the Linux one, and says where they are.
#
#   scripts/package.sh
#
# Linux: the release app through the Tauri CLI (ui/node_modules/.bin/tauri, from npm), then
#   - the .deb (always: it needs nothing from the network), renamed to the package `binomes`
#     (see below why);
#   - the AppImage, if it can be made: Tauri's bundler downloads linuxdeploy and AppRun from
#     GitHub the first time (into ~/.cache/tauri). Without a route to GitHub it is skipped with a
#     message, not a failure;
#   - a smoke test of the .deb: installed with dpkg, the INSTALLED app started under Xvfb on a fresh
#     data folder with the demo edition, its window screenshotted into docs/paquet-deb-demarrage.png
#     and checked not blank. The package stays installed afterwards (`apt remove binomes`).
# Windows: the hook `windows_installer` below runs scripts/package-windows.sh when it exists.
# Files land in $CARGO_TARGET_DIR/release/bundle/<kind>/ (default ~/.cache/binomes/target/…); the
# end of the run lists each installer made by this run with its size. Measured here (2 cores, shared):
# cold, the Linux release build 15 min and the Windows one 12–13 min; warm, 5–6 min in all (each run
# rebuilds the shell crate: building ui/ rewrites the files it embeds).
#
# Why this is not part of scripts/test.sh (which CI runs on a fresh machine, < 45 min):
#   - it is a second, release build of the whole Tauri stack (optimised, about 15 min cold on
#     2 cores, on top of the test suite's debug build; twice that with the Windows one) for what
#     the suite already proves on the same code: the engine, the commands and the real app driven
#     end to end in WebKitWebDriver;
#   - the smoke test installs a package into the machine's system (dpkg -i, /usr/bin/binomes):
#     fine on a build machine, not something a test run should do to whoever runs it;
#   - the AppImage and Windows installers depend on downloads and cross toolchains the test
#     machine does not have.
# What the suite keeps is everything packaging relies on: the app builds, starts and works under
# Xvfb (tests/e2e), and the bundle settings it reads (tauri.conf.json) are parsed by every build.
# Run this script before handing installers out, and whenever tauri.conf.json's bundle settings,
# the icons or the Tauri version change.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

TAURI="$ROOT/ui/node_modules/.bin/tauri"
BUNDLE_DIR="$CARGO_TARGET_DIR/release/bundle"
SCREENSHOT="$ROOT/docs/paquet-deb-demarrage.png"
# The interface is built once, by build_ui; tauri.conf.json's beforeBuildCommand would build it
# again on each `tauri build`, so it is switched off here (a JSON merge patch: null removes it).
NO_UI_REBUILD='{"build":{"beforeBuildCommand":null}}'

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Installers made by this run are those newer than this file (older ones may lie in bundle/).
run_stamp="$work/started"
touch "$run_stamp"

ensure_toolchains
ensure_apt "${BUILD_PACKAGES[@]}" "${DISPLAY_PACKAGES[@]}" xdotool imagemagick
ensure_npm "$ROOT/ui"
build_ui

# ---------------------------------------------------------------------------------------------
# Linux: .deb
# ---------------------------------------------------------------------------------------------
step "Building the release app and its .deb (tauri build --bundles deb)"
"$TAURI" build --ci --bundles deb --config "$NO_UI_REBUILD"
deb="$(find "$BUNDLE_DIR/deb" -maxdepth 1 -name '*.deb' -newer "$run_stamp" | sort | tail -n 1)"
[ -n "$deb" ] || { echo "tauri build reported success but wrote no .deb in $BUNDLE_DIR/deb." >&2; exit 1; }

# The package's name. Tauri's bundler writes `Package:` as the productName kebab-cased, with no
# setting to change it: « binômes », which dpkg refuses (« invalid package name … only letters,
# digits and characters '-+._' »), so the .deb as Tauri makes it cannot be installed. The control
# file is rewritten to the program's name (mainBinaryName, « binomes »: `sudo apt remove binomes`)
# and the package rebuilt from the same files; the menu entry keeps « Binômes ».
# (dpkg-deb --field cannot read that name either: the control file is read from the raw extraction.)
package="$(node -p 'require(process.argv[1]).mainBinaryName' "$ROOT/src-tauri/tauri.conf.json")"
dpkg-deb --raw-extract "$deb" "$work/deb"
tauri_package="$(sed -n 's/^Package: //p' "$work/deb/DEBIAN/control")"
if [ "$tauri_package" != "$package" ]; then
  step "Renaming the Debian package « $tauri_package » to « $package »"
  sed -i "s/^Package: .*/Package: $package/" "$work/deb/DEBIAN/control"
  dpkg-deb --root-owner-group -Zgzip --build "$work/deb" "$deb"
fi
rm -rf "$work/deb"
echo "Built: $deb"

# ---------------------------------------------------------------------------------------------
# Linux: AppImage — tried, skipped with a message when its tools cannot be downloaded
# ---------------------------------------------------------------------------------------------
appimage_log="$work/appimage.log"
appimage_note=""
step "Bundling the AppImage (tauri bundle --bundles appimage)"
# `tauri bundle` packages the app just built, without building it again.
if "$TAURI" bundle --ci --bundles appimage --config "$NO_UI_REBUILD" 2>&1 | tee "$appimage_log"; then
  :
elif grep -qiE 'github\.com|download|error sending request|dns error|failed to lookup|connect' "$appimage_log"; then
  appimage_note="AppImage skipped: Tauri's bundler downloads linuxdeploy and AppRun from GitHub, and
this machine has no network to GitHub. On a machine with internet, the same command makes it:
    ui/node_modules/.bin/tauri build --bundles appimage     (from the repository root)
(or put those tools in ~/.cache/tauri/ by hand). The error was:
$(grep -iE 'download|error|fail' "$appimage_log" | sed 's/^ */    /' | tail -n 3)"
  printf '\n\033[33m%s\033[0m\n' "$appimage_note" >&2
else
  echo "The AppImage failed for a reason other than the network (see above)." >&2
  exit 1
fi

# ---------------------------------------------------------------------------------------------
# Smoke test of the .deb: install it, start the INSTALLED app, look at its window
# ---------------------------------------------------------------------------------------------

# Runs inside xvfb-run (its own X display; handed over with declare -f, as xvfb-run is a /bin/sh
# script and dash drops exported bash functions): starts the app, waits for a painted window, takes the
# screenshot, stops the app. Fails if the app dies or the screen stays blank.
smoke_inside_display() {
  local app="$1" data_dir="$2" shot="$3" log="$4"
  BINOME_DATA_DIR="$data_dir" "$app" --demo-if-empty >"$log" 2>&1 &
  local pid=$! deadline=$((SECONDS + 60)) window=""
  # The window is mapped…
  while [ -z "$window" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "The installed app exited before showing its window." >&2; return 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "No « Binômes » window after 60 s." >&2; kill "$pid"; return 1; }
    window="$(xdotool search --onlyvisible --name 'Binômes' 2>/dev/null | head -n 1 || true)"
    [ -n "$window" ] || sleep 1
  done
  # …then painted: screenshots until one has enough colours (text, the DSFR header) and the next
  # one, two seconds later, is the same (the demo edition list has loaded).
  local previous="" colours
  while :; do
    kill -0 "$pid" 2>/dev/null || { echo "The installed app died after showing its window." >&2; return 1; }
    import -window root -strip "$shot"
    colours="$(convert "$shot" -format '%k' info:)"
    if [ "$colours" -ge 64 ] && [ -n "$previous" ] && compare -metric AE "$shot" "$previous" null: 2>/dev/null; then
      break
    fi
    [ "$SECONDS" -lt "$deadline" ] || { echo "The window is still blank or changing after 60 s ($colours colours)." >&2; break; }
    previous="$shot.previous.png"
    cp "$shot" "$previous"
    sleep 2
  done
  rm -f "$shot.previous.png"
  kill -0 "$pid" 2>/dev/null || { echo "The installed app died while being screenshotted." >&2; return 1; }
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

step "Smoke test: installing $(basename "$deb")"
echo "Package « $package » $(dpkg-deb --field "$deb" Version), depends on: $(dpkg-deb --field "$deb" Depends)"
# dpkg does not fetch dependencies; apt-get -f install does, then finishes the configuration.
if ! $sudo dpkg -i "$deb"; then
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -f -y -qq --no-install-recommends
fi
dpkg-query -W -f='${Status}' "$package" | grep -q "install ok installed" ||
  { echo "Package $package is not installed after dpkg -i." >&2; exit 1; }
app="$(dpkg -L "$package" | grep -m 1 '^/usr/bin/' || true)"
if [ -z "$app" ] || [ ! -x "$app" ]; then
  echo "The package installs no program in /usr/bin:" >&2
  dpkg -L "$package" >&2
  exit 1
fi
echo "Installed program: $app"

step "Smoke test: starting the installed app under Xvfb, demo edition, fresh data folder"
smoke_dir="$work/smoke"
mkdir -p "$smoke_dir"
if ! xvfb-run -a -s "-screen 0 1280x800x24" \
  bash -c "$(declare -f smoke_inside_display)"'; smoke_inside_display "$@"' _ "$app" "$smoke_dir/data" "$smoke_dir/shot.png" "$smoke_dir/app.log"; then
  echo "Smoke test failed. The app's output:" >&2
  cat "$smoke_dir/app.log" >&2
  exit 1
fi
# Not blank: a uniform screen (black Xvfb, or an unpainted white webview) has no spread.
spread="$(convert "$smoke_dir/shot.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)"
colours="$(convert "$smoke_dir/shot.png" -format '%k' info:)"
echo "Screenshot: $colours colours, grey standard deviation $spread"
if ! awk -v s="$spread" -v c="$colours" 'BEGIN { exit !(s > 0.05 && c >= 64) }'; then
  cp "$smoke_dir/shot.png" /tmp/binomes-paquet-deb-vide.png
  echo "Smoke test failed: the screen is blank (see /tmp/binomes-paquet-deb-vide.png)." >&2
  exit 1
fi
cp "$smoke_dir/shot.png" "$SCREENSHOT"
echo "Smoke test passed: the installed $app showed its window; screenshot in ${SCREENSHOT#"$ROOT"/}."

# ---------------------------------------------------------------------------------------------
# Windows installer — hook
# ---------------------------------------------------------------------------------------------
# Built by scripts/package-windows.sh (its own script: cross toolchain, NSIS/WiX); skipped when the
# file is not there. Its installers are listed below with the others.
windows_status=0
windows_installer() {
  local script="$ROOT/scripts/package-windows.sh"
  if [ ! -f "$script" ]; then
    step "Windows installer: skipped (no scripts/package-windows.sh)"
    return 0
  fi
  step "Windows installer (scripts/package-windows.sh)"
  bash "$script"
}
windows_installer || windows_status=$?

# ---------------------------------------------------------------------------------------------
# What was made, and where
# ---------------------------------------------------------------------------------------------
step "Installers made by this run"
bundle_dirs=()
for dir in "$CARGO_TARGET_DIR"/release/bundle "$CARGO_TARGET_DIR"/*/release/bundle; do
  if [ -d "$dir" ]; then bundle_dirs+=("$dir"); fi
done
found=0
[ ${#bundle_dirs[@]} -gt 0 ] || bundle_dirs=("$BUNDLE_DIR")
while IFS= read -r -d '' file; do
  du -h "$file"
  found=1
done < <(find "${bundle_dirs[@]}" -type f -newer "$run_stamp" \( -name '*.deb' -o -name '*.rpm' \
  -o -name '*.AppImage' -o -name '*.msi' -o -name '*-setup.exe' -o -name '*.dmg' \) -print0 | sort -z)
[ "$found" -eq 1 ] || echo "(none)"
echo
echo "They land in $BUNDLE_DIR/<kind>/ (Windows: $CARGO_TARGET_DIR/<target>/release/bundle/<kind>/)."
[ -z "$appimage_note" ] || echo "No AppImage: no network to GitHub here (see the message above)."
if [ "$windows_status" -ne 0 ]; then
  echo "scripts/package-windows.sh failed (exit $windows_status)." >&2
  exit "$windows_status"
fi
