#!/usr/bin/env bash
# Builds the Debian package (Debian/Ubuntu, and the Kylin/UOS desktops, which are Debian-based)
# with the Tauri CLI from ui/node_modules, then checks what ends up in it: the control file's
# name, version and dependencies, the desktop entry (Chinese name, category), the icon sizes,
# and the size budget (≤ 15 MB). Prints the path of the .deb on its last line.
#   bash scripts/package.sh            release profile of Cargo.toml (fat LTO, what we ship)
#   STATION_DESK_CI_PROFILE=1 bash scripts/package.sh
#                                      thin LTO and 16 codegen units: same code, its last step
#                                      parallel, 7.0 instead of 6.5 MB. Measured it saves only
#                                      ~6 % CPU, so CI builds the shipped profile (see README).
#   bash scripts/package.sh --check    only check the .deb already in target/release/bundle/deb/
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bundle="${CARGO_TARGET_DIR:-target}/release/bundle/deb"
MAX_BYTES=$((15 * 1024 * 1024))
version=$(node -p 'require("./tauri.conf.json").version')
if [ -n "${STATION_DESK_CI_PROFILE:-}" ]; then
  export CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
fi

if [ "${1:-}" != --check ]; then
  rm -f "$bundle"/*.deb
  start=$(date +%s)
  ui/node_modules/.bin/tauri build --bundles deb
  echo "==> tauri build took $(( $(date +%s) - start )) s"
fi

debs=("$bundle"/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || { echo "expected one .deb, found: ${debs[*]}" >&2; exit 1; }
deb=${debs[0]}

fail() { echo "package check failed: $*" >&2; exit 1; }
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = station-desk ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version '$(field Version)' is not tauri.conf.json's $version"
[ "$(field Architecture)" = amd64 ] || fail "Architecture is '$(field Architecture)'"
depends=$(field Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0; do
  [[ ",$depends," == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
[ -x "$tmp/usr/bin/station-desk" ] || fail "no /usr/bin/station-desk"
desktop="$tmp/usr/share/applications/station-desk.desktop"
[ -f "$desktop" ] || fail "no desktop entry"
grep -qx 'Name\[zh_CN\]=党群服务站工作台' "$desktop" || fail "desktop entry lacks Name[zh_CN]=党群服务站工作台"
grep -qx 'Exec=station-desk' "$desktop" || fail "desktop entry Exec is not station-desk"
grep -qx 'Categories=Office;' "$desktop" || fail "desktop entry Categories is not Office;"
grep -qx 'Icon=station-desk' "$desktop" || fail "desktop entry Icon is not station-desk"
if command -v desktop-file-validate >/dev/null 2>&1; then desktop-file-validate "$desktop"; fi
icons=$(cd "$tmp/usr/share/icons/hicolor" && ls -d */apps/station-desk.png | cut -d/ -f1 | sort -V | tr '\n' ' ')
for size in 32x32 64x64 128x128 256x256@2 512x512; do
  [[ " $icons" == *" $size "* ]] || fail "icon $size missing (have: $icons)"
done

bytes=$(stat -c %s "$deb")
[ "$bytes" -le "$MAX_BYTES" ] || fail "$(numfmt --to=iec "$bytes") is over the 15 MB budget"
echo "==> $deb"
echo "    $(field Package) $(field Version) $(field Architecture), $(numfmt --to=iec --suffix=B "$bytes") ($bytes bytes; budget 15 MiB), installed $(field Installed-Size) KiB"
echo "    Depends: $depends"
echo "    icons: $icons"
echo "$deb"
