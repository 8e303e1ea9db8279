#!/usr/bin/env bash
# Supply-chain checks: `cargo deny` (licences, bans, sources; advisories when the RustSec
# database can be fetched) and `npm audit --omit=dev` for the front end's shipped packages.
#
# Both advisory sources live outside the package registries: the RustSec database is a git
# repository on GitHub, and `npm audit` POSTs to the registry's audit endpoint. Where either
# cannot be reached, this script says so in a banner and goes on; it never reports "clean" for
# a check that did not run. STATION_DESK_REQUIRE_ADVISORIES=1 turns a skipped advisory check
# into a failure (for a machine that should have the network).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

require=${STATION_DESK_REQUIRE_ADVISORIES:-}
skipped=()
banner() { printf '\n!!!! %s\n' "$@"; }

echo "==> cargo deny check licenses bans sources"
cargo deny --locked check --hide-inclusion-graph licenses bans sources

echo "==> cargo deny: RustSec advisory database"
if cargo deny --locked fetch db >/tmp/station-desk-deny-fetch.log 2>&1; then
  echo "==> cargo deny check advisories"
  cargo deny --locked check --hide-inclusion-graph advisories
else
  banner "SKIPPED: cargo deny check advisories — the RustSec advisory database could not be fetched:" \
    "$(grep -m1 -iE 'error|failed' /tmp/station-desk-deny-fetch.log || tail -n1 /tmp/station-desk-deny-fetch.log)"
  skipped+=("cargo deny advisories")
fi

echo "==> npm audit --omit=dev (ui/)"
audit_json=$(mktemp)
trap 'rm -f "$audit_json"' EXIT
set +e
(cd ui && npm audit --omit=dev --json >"$audit_json" 2>/dev/null)
audit_rc=$?
set -e
# {"vulnerabilities": …, "metadata": {"vulnerabilities": {...}}} when the endpoint answered;
# {"message": "405 …", "statusCode": …} or {"error": …} when it did not.
verdict=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8") || "{}")
  const v = r.metadata && r.metadata.vulnerabilities
  if (!v) { console.log("unreachable " + (r.message || (r.error && r.error.summary) || "no answer")); process.exit(0) }
  const n = Object.values(v).reduce((a, b) => a + b, 0) - (v.total || 0)
  console.log((v.total || n) === 0 ? "clean" : "found " + JSON.stringify(v))
' "$audit_json")
case "$verdict" in
  clean)
    echo "npm audit: no known vulnerabilities in the shipped packages" ;;
  found*)
    (cd ui && npm audit --omit=dev) || true
    echo "npm audit found vulnerabilities: ${verdict#found }" >&2
    exit 1 ;;
  unreachable*)
    banner "SKIPPED: npm audit — the registry's audit endpoint did not answer (exit $audit_rc): ${verdict#unreachable }"
    skipped+=("npm audit") ;;
esac

if [ ${#skipped[@]} -gt 0 ]; then
  banner "Advisory checks NOT run on this machine: ${skipped[*]}." \
    "Licences, bans and sources were checked. Run scripts/security.sh where GitHub and the npm audit endpoint are reachable."
  if [ -n "$require" ]; then
    echo "STATION_DESK_REQUIRE_ADVISORIES is set: failing." >&2
    exit 1
  fi
fi
