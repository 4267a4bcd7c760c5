#!/usr/bin/env bash
# Builds the Windows installer of Binômes from Linux: the desktop app cross-compiled for
# x86_64-pc-windows-gnu (mingw-w64), packaged with NSIS (makensis) by scripts/package-windows.nsi.
#
#   scripts/package-windows.sh
#   BINOMES_WEBVIEW2_INSTALLER=/path/MicrosoftEdgeWebView2RuntimeInstallerX64.exe scripts/package-windows.sh
#
# Idempotent: installs what is missing (apt: mingw-w64, nsis, p7zip; the rustup target), then
# rebuilds only what changed. Prints the installer's path and size.
#
# The installer (per user, no administrator rights) puts binomes.exe and WebView2Loader.dll — which a
# windows-gnu build loads at start-up; the webview2-com-sys crate ships it — in
# %LOCALAPPDATA%\Binômes, with shortcuts and an uninstaller.
#
# WebView2 (tauri.conf.json: bundle.windows.webviewInstallMode = offlineInstaller): the production
# installer embeds Microsoft's WebView2 standalone installer (about 130 MB), run silently only when
# the runtime is missing, so it installs with no network. That file cannot be downloaded on the
# build machines (no route to Microsoft): give it with BINOMES_WEBVIEW2_INSTALLER, or put it at
# ~/.cache/binomes/MicrosoftEdgeWebView2RuntimeInstallerX64.exe. Without it, the script builds
# …-sans-webview2-setup.exe instead, which only checks for the runtime and tells the user when it is
# missing (Windows 11 and an up-to-date Windows 10 have it) — not the one to hand out.
#
# Why not `tauri build --bundles nsis`: Tauri's NSIS bundler downloads its plugin
# (nsis_tauri_utils.dll, checked against a fixed hash) and the WebView2 installers from GitHub and
# Microsoft at build time, which fails here. On a machine with internet it works as well:
#   ui/node_modules/.bin/tauri build --target x86_64-pc-windows-gnu --bundles nsis   (repo root)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

TARGET=x86_64-pc-windows-gnu
RELEASE_DIR="$CARGO_TARGET_DIR/$TARGET/release"
OUT_DIR="$RELEASE_DIR/bundle/nsis"
NSI="$ROOT/scripts/package-windows.nsi"
WEBVIEW2_INSTALLER="${BINOMES_WEBVIEW2_INSTALLER:-${XDG_CACHE_HOME:-$HOME/.cache}/binomes/MicrosoftEdgeWebView2RuntimeInstallerX64.exe}"

ensure_toolchains
# mingw-w64 links the exe (and brings windres for its icon and manifest); nsis is makensis;
# p7zip lists the finished installer to check what is in it.
ensure_apt gcc-mingw-w64-x86-64 nsis p7zip-full file
ensure_npm "$ROOT/ui"
if ! rustup target list --installed | grep -qx "$TARGET"; then
  step "Adding the Rust target $TARGET"
  rustup target add "$TARGET"
fi
# The linker, also named in .cargo/config.toml; repeated here so the script does not depend on it.
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER="${CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER:-x86_64-w64-mingw32-gcc}"

build_ui

step "Building the desktop app for Windows ($TARGET, release)"
# tauri/custom-protocol is what `tauri build` turns on: the interface is served from the embedded
# ui/dist, not from a dev server.
cargo build --release -p binomes-desktop --bins --features tauri/custom-protocol --target "$TARGET"
exe="$RELEASE_DIR/binomes.exe"
[ -f "$exe" ] || { echo "cargo build succeeded but $exe is missing." >&2; exit 1; }

# WebView2Loader.dll: tauri-build copies it beside the exe from webview2-com-sys' build output
# (the crate ships Microsoft's prebuilt loader in its source, x64/WebView2Loader.dll).
loader="$RELEASE_DIR/WebView2Loader.dll"
if [ ! -f "$loader" ]; then
  loader="$(find "$RELEASE_DIR/build" -path '*webview2-com-sys*/out/x64/WebView2Loader.dll' -print -quit 2>/dev/null || true)"
fi
if [ -z "$loader" ] || [ ! -f "$loader" ]; then
  echo "WebView2Loader.dll not found under $RELEASE_DIR." >&2
  exit 1
fi

step "Checking the exe"
file "$exe"
file "$exe" | grep -q 'PE32+ executable (GUI) x86-64' || { echo "$exe is not a 64-bit Windows GUI program." >&2; exit 1; }
imports="$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^[[:space:]]*DLL Name: //p' | sort -fu)"
echo "DLLs it loads: $(echo "$imports" | paste -sd' ')"
echo "$imports" | grep -qix 'WebView2Loader.dll' || { echo "binomes.exe does not import WebView2Loader.dll: the check below is wrong." >&2; exit 1; }
# Every other import must be part of Windows: a mingw runtime DLL (libgcc_s_seh-1.dll,
# libwinpthread-1.dll, libstdc++-6.dll) would be missing on the user's machine.
if echo "$imports" | grep -iE '^lib.*\.dll$'; then
  echo "binomes.exe needs the mingw runtime DLLs above, which the installer does not ship." >&2
  exit 1
fi

# The installed copy without its symbol table (34 → 26 MB); cargo's own file is left as built.
mkdir -p "$OUT_DIR"
shipped_exe="$OUT_DIR/binomes.exe"
x86_64-w64-mingw32-strip -o "$shipped_exe" "$exe"

version="$(node -p "require('./src-tauri/tauri.conf.json').version")"
defines=(-DVERSION="$version" -DAPP_EXE="$shipped_exe" -DWEBVIEW2_LOADER="$loader" -DICON="$ROOT/src-tauri/icons/icon.ico")
if [ -f "$WEBVIEW2_INSTALLER" ]; then
  file "$WEBVIEW2_INSTALLER" | grep -q 'PE32' || { echo "$WEBVIEW2_INSTALLER is not a Windows program." >&2; exit 1; }
  installer="$OUT_DIR/Binomes_${version}_x64-setup.exe"
  defines+=(-DWEBVIEW2_INSTALLER="$WEBVIEW2_INSTALLER")
  webview2_note="WebView2: Microsoft's standalone installer is embedded ($(du -h "$WEBVIEW2_INSTALLER" | cut -f1)), run only where the runtime is missing; no network needed."
else
  installer="$OUT_DIR/Binomes_${version}_x64-sans-webview2-setup.exe"
  webview2_note="WebView2: NOT embedded (no $WEBVIEW2_INSTALLER). This installer only checks for the
runtime and tells the user when it is missing. For the installer to hand out, download Microsoft's
« Evergreen Standalone Installer » x64 (MicrosoftEdgeWebView2RuntimeInstallerX64.exe) on a machine
with internet, put it there or point BINOMES_WEBVIEW2_INSTALLER at it, and run this script again."
fi

step "Packaging with NSIS ($(makensis -VERSION))"
rm -f "$OUT_DIR"/Binomes_*-setup.exe
makensis -INPUTCHARSET UTF8 -V2 "${defines[@]}" -DOUT_FILE="$installer" "$NSI"

step "Checking the installer's contents"
listing="$(7z l -ba "$installer")"
echo "$listing"
for expected in binomes.exe WebView2Loader.dll uninstall.exe; do
  echo "$listing" | grep -q "[[:space:]]$expected\$" || { echo "$expected is missing from the installer." >&2; exit 1; }
done
if [ -f "$WEBVIEW2_INSTALLER" ]; then
  echo "$listing" | grep -q 'MicrosoftEdgeWebView2RuntimeInstallerX64.exe$' ||
    { echo "The WebView2 installer is missing from the installer." >&2; exit 1; }
fi

echo
echo "Windows installer: $installer ($(du -h "$installer" | cut -f1), $(stat -c %s "$installer") bytes)"
printf '%s\n' "$webview2_note"
echo "Not signed: Windows SmartScreen warns on first launch. Not run here (Wine has no WebView2)."
