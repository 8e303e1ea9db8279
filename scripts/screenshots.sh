#!/usr/bin/env bash
# Screenshots of the desk (1366×768, 1920×1080) and the kiosk (1080×1920, 1920×1080) under
# Xvfb with CJK fonts, into screenshots/ (git-ignored). Open them and judge them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH" CARGO_PROFILE_DEV_DEBUG=0
(cd ui && npm run build --silent)
cargo test --features custom-protocol --test screenshots -- --nocapture
ls -1 screenshots/
