#!/usr/bin/env bash
# Installs what is needed, builds StationDesk and starts the desk window on the default
# database in the OS app-data folder (created on first run). Extra arguments go to the app,
# e.g. `scripts/run.sh --kiosk` or `scripts/run.sh --data-dir /tmp/station`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
echo "==> building the front end and the app"
(cd ui && npm run build --silent)
cargo build --release --features custom-protocol
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "==> no display: starting a virtual one (Xvfb :77); screenshots with: DISPLAY=:77 import -window root shot.png"
  Xvfb :77 -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
  export DISPLAY=:77
  sleep 1
fi
exec ./target/release/station-desk "$@"
