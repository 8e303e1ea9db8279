#!/usr/bin/env bash
# Installs everything StationDesk needs to build, run and test on Debian 12 (as root):
# system packages, the Rust toolchain (if missing), Node.js ≥ 20 (if missing), tauri-driver,
# and the front end's npm packages. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # build
  build-essential pkg-config curl file libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libxdo-dev
  # run and test the real window
  xvfb xauth webkit2gtk-driver dbus-x11 at-spi2-core x11-utils xdotool imagemagick
  fonts-noto-cjk poppler-utils
  # package checks (desktop-file-validate)
  desktop-file-utils
  chromium
)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
fi

# Rust: Debian's rustc is too old for Tauri 2; rustup brings a current stable.
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null 2>&1; then
  echo "==> Rust: installing the stable toolchain with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
rustup component list --installed 2>/dev/null | grep -q clippy || rustup component add clippy rustfmt 2>/dev/null || true

# Node.js ≥ 20 (Vite 7); Debian 12 ships 18.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "==> Node.js: installing 20.x from NodeSource"
  curl -fsSL https://deb.nodesource.com/setup_20.x | as_root bash -
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs
fi

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "==> tauri-driver (WebDriver bridge for the end-to-end tests)"
  cargo install tauri-driver --locked --quiet
fi

if ! command -v cargo-deny >/dev/null 2>&1; then
  echo "==> cargo-deny (licence, ban, source and advisory checks of the Rust dependencies)"
  cargo install cargo-deny --locked --quiet
fi

echo "==> npm packages (ui/)"
(cd ui && npm ci --no-audit --no-fund --loglevel=error)
