#!/usr/bin/env bash
# The one benchmark command (issue 9): builds the release app, its .deb and a bare Tauri 2
# hello-world (bench/hello) in the same run, generates the city-scale file, measures cold start
# to first paint and idle memory of both apps under Xvfb, runs the core benchmarks on the city
# file (search, booking, desk home; the monthly summary's bench; the crash test in full), and
# prints ONE table: figure | value | target | sqlite3 shell | ratio | met?
#
# Figures, not timed tests: on a shared 2-core machine the absolute values move with the load
# (printed with the table); the ratios against the hello-world and the sqlite3 shell, taken in
# the same run, move less.
#
# Env: BENCH_RUNS (start-ups per app, default 5), BENCH_SEED (2026), BENCH_OUT (target/bench),
#      BENCH_SKIP_DEPS=1 (skip scripts/install-deps.sh), BENCH_SKIP_BUILD=1 (reuse the builds).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${BENCH_OUT:-$ROOT/target/bench}
RUNS=${BENCH_RUNS:-5}
SEED=${BENCH_SEED:-2026}
mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
: >"$RESULTS"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

step() { echo; echo "==> $*"; }
# One figure: name, value, unit, target (e.g. <=10, or -), sqlite3 shell value, ratio.
row() { printf 'RESULT\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:--}" "${6:--}" >>"$RESULTS"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- (a) what it needs -----------------------------------------------------------------------
if [ -z "${BENCH_SKIP_DEPS:-}" ]; then
  step "dependencies (scripts/install-deps.sh)"
  bash scripts/install-deps.sh
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
  step "apt: sqlite3 (the shell the core figures are compared with)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq sqlite3
fi

# --- (b) builds ------------------------------------------------------------------------------
APP=$ROOT/target/release/station-desk
HELLO=$ROOT/target/release/stationdesk-hello
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  step "release app and .deb (tauri build --bundles deb)"
  ui/node_modules/.bin/tauri build --bundles deb
  step "bare Tauri 2 hello-world (bench/hello, same release profile, same target folder)"
  (cd bench/hello && CARGO_TARGET_DIR="$ROOT/target" cargo build --release) || echo "   hello-world build FAILED: its rows are left out"
fi
DEB=$(ls -t "$ROOT"/target/release/bundle/deb/*.deb 2>/dev/null | head -1 || true)
if [ -n "$DEB" ]; then
  bytes=$(stat -c %s "$DEB")
  row ".deb size ($(basename "$DEB"))" "$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')" MB "<=15"
fi

# --- (c) the city file -----------------------------------------------------------------------
CITY=$OUT/city-$SEED.sqlite3
step "city-scale file (seed $SEED): $APP demo --scale city"
"$APP" demo --scale city --out "$CITY" --seed "$SEED" --force | tee "$OUT/generate.txt"
seconds=$(grep -o '（[0-9.]* 秒）' "$OUT/generate.txt" | tr -dc '0-9.')
row "city file generation (release, seed $SEED)" "$seconds" s "<=120"
row "city file size" "$(awk -v b="$(stat -c %s "$CITY")" 'BEGIN { printf "%.1f", b / 1e6 }')" MB "-"

# --- (d) start-up and idle memory --------------------------------------------------------------
# Every process whose ancestor is $1 (the app's WebKitWebProcess, WebKitNetworkProcess …).
descendants() {
  local pid=$1 child
  echo "$pid"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do descendants "$child"; done
}
# Sum of a /proc status field (kB) over the tree: VmRSS counts shared pages in each process
# (the WebKit libraries), Pss shares them out; both apps are counted the same way.
tree_kb() {
  local pid=$1 file=$2 field=$3 total=0 p v
  for p in $(descendants "$pid"); do
    v=$(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$p/$file" 2>/dev/null || true)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

DISPLAY_NUM=${BENCH_DISPLAY:-97}
Xvfb ":$DISPLAY_NUM" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill "$XVFB" 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=":$DISPLAY_NUM"

# A set-up station (demo data, admin/admin1234) copied fresh for every start of ours.
TEMPLATE=$OUT/station-template
rm -rf "$TEMPLATE"
"$APP" demo --data-dir "$TEMPLATE" >/dev/null

# measure NAME CMD… : RUNS cold starts; each records launch → first-paint marker (ms), then
# 5 s idle, then RSS and PSS of the app and all its descendants.
measure() {
  local name=$1
  shift
  local i log pid t0 paint
  : >"$OUT/$name.start" && : >"$OUT/$name.rss" && : >"$OUT/$name.pss" && : >"$OUT/$name.phases"
  for i in $(seq "$RUNS"); do
    log=$OUT/$name-$i.log
    rm -rf "$OUT/data-$name"
    cp -r "$TEMPLATE" "$OUT/data-$name"
    # Emptied here, not by the launch's redirection: that one may run after the first look.
    : >"$log"
    t0=$(date +%s%3N)
    STATION_DESK_DATA_DIR="$OUT/data-$name" STATION_DESK_BENCH_PAINT=1 "$@" >"$log" 2>&1 &
    pid=$!
    paint=""
    for _ in $(seq 600); do
      paint=$(awk '/^FIRST_PAINT_MS/ { print $2; exit }' "$log")
      [ -n "$paint" ] && break
      sleep 0.1
    done
    if [ -z "$paint" ]; then
      echo "   $name run $i: no first-paint marker within 60 s (see $log)"
    else
      sleep 5
      echo $((paint - t0)) >>"$OUT/$name.start"
      # launch=… then the page's own marks (nav, dcl, mount, ready) and the paint, epoch ms
      echo "launch=$t0 $(awk '/^FIRST_PAINT_MS/ { $1 = ""; print; exit }' "$log" | awk '{ $1 = "paint=" $1; print }')" >>"$OUT/$name.phases"
      tree_kb "$pid" status VmRSS >>"$OUT/$name.rss"
      tree_kb "$pid" smaps_rollup Pss >>"$OUT/$name.pss"
      echo "   $name run $i: first paint $((paint - t0)) ms, RSS $(tail -1 "$OUT/$name.rss") kB, PSS $(tail -1 "$OUT/$name.pss") kB, $(descendants "$pid" | wc -l) processes"
    fi
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    sleep 1
  done
}

step "start-up and idle memory: $RUNS cold starts each (hello-world first, then the desk), under Xvfb"
[ -x "$HELLO" ] && measure hello "$HELLO"
measure desk "$APP"
touch "$OUT/hello.start" "$OUT/hello.rss" "$OUT/hello.pss"
hs=$(median <"$OUT/hello.start")
ds=$(median <"$OUT/desk.start")
hr=$(median <"$OUT/hello.rss")
dr=$(median <"$OUT/desk.rss")
hp=$(median <"$OUT/hello.pss")
dp=$(median <"$OUT/desk.pss")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.1f", k / 1024 }'; }
row "cold start to first paint: hello-world (median of $RUNS)" "$hs" ms "-"
row "cold start to first paint: StationDesk desk (median of $RUNS)" "$ds" ms "-"
row "cold start ratio desk / hello-world" "$(ratio "$ds" "$hs")" x "<=1.2"
row "idle memory RSS app+WebKit: hello-world" "$(mb "$hr")" MB "-"
row "idle memory RSS app+WebKit: StationDesk desk" "$(mb "$dr")" MB "-"
row "idle memory ratio (RSS) desk / hello-world" "$(ratio "$dr" "$hr")" x "<=1.3"
# Where the start-up goes (medians, ms): launch → navigation start (process, Rust set-up, the
# window and WebKit's processes), → DOM ready (HTML and the entry script), → the app mounts
# (the desk's chunk), → first route ready (Vue, router, the login view, app_status), → paint.
phase() { # FILE FROM TO
  awk -v a="$2" -v b="$3" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    if (v[a] != "" && v[b] != "") print v[b] - v[a] }' "$1" | median
}
for name in hello desk; do
  [ -s "$OUT/$name.phases" ] || continue
  if [ "$name" = desk ]; then
    detail="launch→nav $(phase "$OUT/desk.phases" launch nav), →DOM ready $(phase "$OUT/desk.phases" nav dcl), →mount $(phase "$OUT/desk.phases" dcl mount), →route ready $(phase "$OUT/desk.phases" mount ready), →paint $(phase "$OUT/desk.phases" ready paint)"
  else
    detail="launch→nav $(phase "$OUT/hello.phases" launch nav), →DOM ready $(phase "$OUT/hello.phases" nav dcl), →paint $(phase "$OUT/hello.phases" dcl paint)"
  fi
  row "  start-up phases, $name (ms): $detail" "-" - "-"
done
row "idle memory PSS app+WebKit: hello / desk (MB)" "$(mb "$hp") / $(mb "$dp")" MB "-" "-" "$(ratio "$dp" "$hp")"
kill "$XVFB" 2>/dev/null || true

# --- (e) core benchmarks on the city file ------------------------------------------------------
export STATION_BENCH_DB=$CITY
step "core: search, booking, desk home on the city file (cargo bench --bench city)"
cargo bench -p station-core --bench city 2>&1 | tee "$OUT/city-bench.txt" || true
grep '^RESULT' "$OUT/city-bench.txt" >>"$RESULTS" || true

step "core: 党务 at city scale (cargo bench --bench party: ledger, compliance, dues sheets)"
cargo bench -p station-core --bench party 2>&1 | tee "$OUT/party-bench.txt" || true

step "core: monthly summary (cargo bench --bench report)"
if grep -q 'name = "report"' core/Cargo.toml && [ -f core/benches/report.rs ]; then
  cargo bench -p station-core --bench report 2>&1 | tee "$OUT/report-bench.txt" || true
  grep '^RESULT' "$OUT/report-bench.txt" >>"$RESULTS" || true
else
  row "monthly summary (report bench)" "not built yet" ms "<=100"
fi

step "crash test in full (CRASH_ROUNDS=100)"
if [ -f core/tests/crash.rs ]; then
  if CRASH_ROUNDS=100 cargo test -p station-core --release --test crash -- --nocapture 2>&1 | tee "$OUT/crash.txt"; then
    row "crash test, 100 rounds" "passed" - "passed"
  else
    row "crash test, 100 rounds" "FAILED" - "passed"
  fi
else
  row "crash test, 100 rounds" "not built yet" - "passed"
fi

# --- (f) the table ---------------------------------------------------------------------------
echo
echo "==> StationDesk benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'\t' '
  function met(v, t) {
    if (t == "-" || t == "") return ""
    if (v == "not built yet") return "skipped"
    if (t == "passed") return (v == "passed") ? "yes" : "NO"
    if (v !~ /^[0-9.]+$/) return "?"
    if (t ~ /^<=/) return (v + 0 <= substr(t, 3) + 0) ? "yes" : "NO"
    return "?"
  }
  BEGIN { printf "| %-62s | %12s | %7s | %6s | %13s | %6s | %4s |\n", "figure", "value", "unit", "target", "sqlite3 shell", "ratio", "met?"
          printf "|%s|%s|%s|%s|%s|%s|%s|\n", "----------------------------------------------------------------", "--------------", "---------", "--------", "---------------", "--------", "------" }
  $1 == "RESULT" { printf "| %-62s | %12s | %7s | %6s | %13s | %6s | %4s |\n", $2, $3, $4, $5, $6, $7, met($3, $5) }
' "$RESULTS" | tee "$OUT/table.md"
echo
echo "(results: $RESULTS; logs: $OUT)"
