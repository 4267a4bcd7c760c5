#!/usr/bin/env bash
# Runs Binômes, installing what it needs first. On a machine without a display it runs under
# Xvfb. With no data yet, the app opens the demo edition.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_toolchains
ensure_apt "${BUILD_PACKAGES[@]}"
[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || ensure_apt "${DISPLAY_PACKAGES[@]}"
ensure_npm "$ROOT/ui"
build_ui
step "Building the desktop app"
cargo build --manifest-path "$ROOT/Cargo.toml" -p binomes-desktop
app="$CARGO_TARGET_DIR/debug/binomes"
step "Starting Binômes"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" --demo-if-empty "$@"
else
  echo "No display: running under Xvfb (1280x800)."
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$app" --demo-if-empty "$@"
fi
