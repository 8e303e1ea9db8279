#!/usr/bin/env bash
# Installs the built .deb on this machine and starts the INSTALLED app (/usr/bin/station-desk)
# on a fresh data folder under Xvfb: passes when its window "党群服务站工作台" appears, the page
# inside has rendered something, and the process is still alive; then closes it with SIGTERM.
# Screenshot: target/deb-smoke.png. Safe to run again (reinstalls the same package).
#   bash scripts/deb-smoke.sh [path/to.deb]
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Runs inside Xvfb: start the installed binary, wait for its window, check, screenshot, stop.
smoke() {
  local data=$1 shot=$2 log pid win i
  log=$(mktemp)
  /usr/bin/station-desk --data-dir "$data" >"$log" 2>&1 &
  pid=$!
  # Polled rather than `xdotool search --sync`: that aborts with BadWindow when a transient
  # window (WebKit makes and drops some while starting) vanishes between listing and querying.
  win=
  for i in $(seq 1 120); do
    win=$(xdotool search --onlyvisible --name '党群服务站工作台' 2>/dev/null | head -n1 || true)
    [ -n "$win" ] && break
    sleep 0.5
  done
  if [ -z "$win" ]; then
    echo "the window 党群服务站工作台 did not appear within 60 s; app output:" >&2
    cat "$log" >&2
    kill -TERM "$pid" 2>/dev/null || true
    return 1
  fi
  echo "window $win: $(xwininfo -id "$win" | grep -E 'Width|Height|Map State' | tr -s ' ' | tr '\n' ' ')"
  # give the web page a moment to paint (first-run setup screen on the empty data folder)
  local spread=0
  for i in $(seq 1 20); do
    sleep 1
    import -window root "$shot"
    spread=$(/usr/bin/convert "$shot" -colorspace Gray -format '%[fx:standard_deviation*1000]' info: | cut -d. -f1)
    [ "${spread:-0}" -gt 20 ] && break
  done
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the app exited after showing its window; output:" >&2
    cat "$log" >&2
    return 1
  fi
  if [ "${spread:-0}" -le 20 ]; then
    echo "the window stayed blank (grey-level spread ${spread}/1000); output:" >&2
    cat "$log" >&2
    kill -TERM "$pid"
    return 1
  fi
  echo "rendered (grey-level spread ${spread}/1000), process $pid alive; stopping it"
  kill -TERM "$pid"
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "the app ignored SIGTERM for 5 s" >&2
    kill -KILL "$pid"
    return 1
  fi
}
if [ "${1:-}" = --inside ]; then
  shift
  smoke "$@"
  exit
fi

deb=${1:-$(ls -t "${CARGO_TARGET_DIR:-target}"/release/bundle/deb/*.deb 2>/dev/null | head -n1)}
[ -f "$deb" ] || { echo "no .deb: run scripts/package.sh first" >&2; exit 1; }
case "$deb" in /*) ;; *) deb="./$deb" ;; esac

start=$(date +%s)
echo "==> apt-get install $deb"
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --reinstall "$deb"
dpkg-query -W -f='installed: ${Package} ${Version} (${Status})\n' station-desk
[ -x /usr/bin/station-desk ] || { echo "/usr/bin/station-desk is missing after install" >&2; exit 1; }
[ -f /usr/share/applications/station-desk.desktop ] || { echo "desktop entry missing after install" >&2; exit 1; }

data=$(mktemp -d)
shot="$PWD/target/deb-smoke.png"
mkdir -p target
rm -f "$shot"


if [ -n "${DISPLAY:-}" ]; then
  smoke "$data" "$shot"
else
  # (xvfb-run is a POSIX sh script, which drops exported bash functions: run this script again)
  xvfb-run -a -s "-screen 0 1366x768x24 -nolisten tcp" bash "$self" --inside "$data" "$shot"
fi
rm -rf "$data"

# The shipped binary has no test hooks (src-tauri/src/test_hooks.rs): a clock set from the
# environment is ignored, so a backup made "in 2031" is named with today's date.
hooks=$(mktemp -d)
STATION_DESK_NOW=2031-07-01T09:00:00+08:00 /usr/bin/station-desk demo --data-dir "$hooks" --residents 2 >/dev/null
STATION_DESK_NOW=2031-07-01T09:00:00+08:00 /usr/bin/station-desk backup --data-dir "$hooks" >/dev/null
made=$(ls "$hooks/backups")
echo "backups made by the installed binary under STATION_DESK_NOW=2031-07-01: $(echo $made)"
if echo "$made" | grep -q 20310701; then
  echo "the shipped binary obeyed STATION_DESK_NOW" >&2
  exit 1
fi
echo "$made" | grep -q "$(date -u +%Y%m%d)" || { echo "no backup with today's date: $made" >&2; exit 1; }
rm -rf "$hooks"
echo "==> installed .deb started and showed its window ($(( $(date +%s) - start )) s); screenshot: target/deb-smoke.png"
