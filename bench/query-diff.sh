#!/usr/bin/env bash
# Before/after check of the query-service read APIs: runs two builds side by side on one seeded
# database (cache disabled, 127.0.0.1, random free ports), sends every query endpoint under fixed
# off-the-hour windows and filter combinations to both, and diffs the JSON answers. Ignored: the
# timing fields of meta (query_duration_ms, generated_at, cached), float rounding (relative
# difference <= 1e-9, absolute <= 1e-6) and budget-tracking's projection, which extrapolates from
# the request's own clock (month to date). Exit 0 when every answer matches, 1 otherwise.
#
#   BENCH_DB=agentobs_query_diff BENCH_SLUG=diff-demo bench/query-diff.sh A B
#
# A and B are each a query-service jar or a git revision (built in a temporary worktree).
# Seed first, for example (history ends at 00:00 UTC today, so the data does not move):
#   AGENTOBS_DB_URL=jdbc:postgresql://127.0.0.1:5432/agentobs_query_diff \
#     ./agentobs seed --workspace diff-demo --days 35 --agents 20 --end-date "$(date -u +%F)" --yes
# Env: AGENTOBS_REDIS_URL (redis://127.0.0.1:6379/12); DIFF_OUT (answers kept there, default a temp dir).
# Needs psql, curl, openssl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { sed -n '2,15p' "$0"; exit 2; }
DB=${BENCH_DB:-agentobs_query_diff}
SLUG=${BENCH_SLUG:?set BENCH_SLUG to the seeded workspace slug}
REDIS_URL=${AGENTOBS_REDIS_URL:-redis://127.0.0.1:6379/12}
PSQL="psql -h 127.0.0.1 -U ${AGENTOBS_DB_OWNER_USER:-agentobs} -d $DB -v ON_ERROR_STOP=1 -qAt"
export PGPASSWORD=${AGENTOBS_DB_OWNER_PASSWORD:-agentobs}
KEY=common-contracts/src/test/resources/agentobs-test-jwt-private.pem
PUB=$(pwd)/common-contracts/src/test/resources/agentobs-test-jwt-public.pem
OUT=${DIFF_OUT:-$(mktemp -d /tmp/query-diff.XXXXXX)}
mkdir -p "$OUT/a" "$OUT/b"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

jar_of() { # $1 = jar path or git revision; prints the jar path (runs in a subshell: cleans up itself)
  if [ -f "$1" ]; then printf '%s' "$1"; return; fi
  local rev w; rev=$(git rev-parse --short "$1^{commit}")
  w=$(mktemp -d /tmp/query-diff-src.XXXXXX); rmdir "$w"
  git worktree add -q --detach "$w" "$rev" >&2
  trap "git worktree remove --force '$w' >&2" EXIT
  (cd "$w" && mvn -B -q -pl query-service -am package -DskipTests >&2)
  cp "$w/query-service/target/query-service.jar" "$OUT/query-service-$rev.jar"
  printf '%s' "$OUT/query-service-$rev.jar"
}
JAR_A=$(jar_of "$1"); JAR_B=$(jar_of "$2")

WS=$($PSQL -c "SELECT id FROM workspaces WHERE slug = '$SLUG'")
[ -n "$WS" ] || { echo "no workspace with slug $SLUG in $DB" >&2; exit 1; }
# windows end 23 minutes past an hour before the last trace, so each has raw edges, whole hours and days
END=$($PSQL -c "SELECT to_char(date_trunc('hour', max(timestamp)) - interval '37 minutes', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                FROM traces WHERE workspace_id = '$WS'" | tr -d ' ')
DEPT=$($PSQL -c "SELECT department_code FROM departments WHERE workspace_id = '$WS' ORDER BY 1 LIMIT 1")
AGENT=$($PSQL -c "SELECT agent_id FROM traces WHERE workspace_id = '$WS' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
VERSION=$($PSQL -c "SELECT version FROM agents WHERE workspace_id = '$WS' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
TRACE=$($PSQL -c "SELECT trace_id FROM traces WHERE workspace_id = '$WS' ORDER BY timestamp DESC, trace_id LIMIT 1")
echo "workspace $SLUG ($WS) in $DB: windows end $END; A=$JAR_A B=$JAR_B; answers in $OUT"

b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
hdr=$(printf '{"alg":"RS256","kid":"agentobs-test","typ":"JWT"}' | b64)
clm=$(printf '{"iss":"agentobs","sub":"%s","iat":%d,"exp":%d,"typ":"user","workspaces":{"%s":"analyst"},"permissions":[]}' \
  "$(cat /proc/sys/kernel/random/uuid)" "$now" "$((now + 7200))" "$WS" | b64)
TOKEN="$hdr.$clm.$(printf '%s.%s' "$hdr" "$clm" | openssl dgst -sha256 -sign "$KEY" | b64)"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start() { # $1 jar, $2 port
  AGENTOBS_QUERY_PORT=$2 AGENTOBS_QUERY_CACHE_ENABLED=false \
  AGENTOBS_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB AGENTOBS_REDIS_URL=$REDIS_URL \
  AGENTOBS_SECURITY_PUBLIC_KEY_LOCATION=file:$PUB AGENTOBS_LOG_FORMAT= \
  setsid java -Xms256m -Xmx512m -jar "$1" --server.address=127.0.0.1 > "$OUT/service-$2.log" 2>&1 &
  PIDS+=($!)
}
wait_up() { # $1 port
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$1/actuator/health" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "service on $1 did not start; see $OUT/service-$1.log" >&2; exit 1
}
PORT_A=$(free_port); start "$JAR_A" "$PORT_A"
PORT_B=$(free_port); start "$JAR_B" "$PORT_B"
wait_up "$PORT_A"; wait_up "$PORT_B"

window() { # $1 = length as a PostgreSQL interval: from/to query parameters
  printf 'range=custom&from=%s&to=%s' "$($PSQL -c "SELECT to_char(timestamptz '$END' - interval '$1', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" | tr -d ' ')" "$END"
}
WINDOWS=("$(window '55 minutes')" "$(window '1 day 17 minutes')" "$(window '7 days 5 hours 3 minutes')" "$(window '30 days 11 minutes')")
FILTERS=("" "&department=$DEPT" "&environment=production" "&version=$VERSION" "&agent_id=$AGENT")
PATHS=(
  "/api/v1/metrics/home-kpis" "/api/v1/fleet/health-heatmap" "/api/v1/slo/compliance-dashboard" "/api/v1/activity"
  "/api/v1/usage/overview" "/api/v1/usage/intent-distribution" "/api/v1/usage/retention-cohorts"
  "/api/v1/usage/retention-cohorts?cohort_size=weekly" "/api/v1/usage/top-agents" "/api/v1/usage/top-users"
  "/api/v1/usage/adoption" "/api/v1/usage/user-segments" "/api/v1/usage/version-adoption" "/api/v1/usage/hourly-pattern"
  "/api/v1/cost/by-department" "/api/v1/cost/provider-comparison" "/api/v1/cost/budget-tracking"
  "/api/v1/cost/over-time" "/api/v1/cost/by-intent" "/api/v1/cost/token-usage"
  "/api/v1/performance/overview" "/api/v1/performance/latency-heatmap"
  "/api/v1/performance/latency-heatmap?percentile=p99" "/api/v1/performance/environment-parity"
  "/api/v1/performance/version-comparison" "/api/v1/agents" "/api/v1/agents/$AGENT" "/api/v1/agents/$AGENT/metrics"
  "/api/v1/traces?limit=50" "/api/v1/traces?limit=50&sort=-latency_ms&status=error" "/api/v1/traces/$TRACE"
  "/api/v1/departments" "/api/v1/environments" "/api/v1/versions"
)
URLS="$OUT/urls.txt"; : > "$URLS"
for w in "${WINDOWS[@]}"; do
  for f in "${FILTERS[@]}"; do
    for p in "${PATHS[@]}"; do
      case $p in *\?*) echo "$p&$w$f" ;; *) echo "$p?$w$f" ;; esac >> "$URLS"
    done
  done
done
n=0
while read -r url; do
  n=$((n + 1))
  for side in a b; do
    port=$([ $side = a ] && echo "$PORT_A" || echo "$PORT_B")
    code=$(curl -s -o "$OUT/$side/$n.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$url")
    echo "$code" > "$OUT/$side/$n.status"
  done
done < "$URLS"

python3 - "$OUT" <<'EOF'
import json, math, os, sys
out = sys.argv[1]
IGNORED_META = {"query_duration_ms", "generated_at", "cached"}
CLOCK = set()  # keys computed from the request's clock, per URL
def same(a, b, path, diffs):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if (path == "/meta" and k in IGNORED_META) or k in CLOCK:
                continue
            if k not in a or k not in b:
                diffs.append(f"{path}/{k}: only in {'B' if k not in a else 'A'}")
            else:
                same(a[k], b[k], f"{path}/{k}", diffs)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            diffs.append(f"{path}: {len(a)} vs {len(b)} items")
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}/{i}", diffs)
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6):
            diffs.append(f"{path}: {a} vs {b}")
    elif a != b:
        diffs.append(f"{path}: {json.dumps(a)[:80]} vs {json.dumps(b)[:80]}")
urls = open(os.path.join(out, "urls.txt")).read().splitlines()
differing, statuses = 0, {}
for n, url in enumerate(urls, 1):
    sa = open(f"{out}/a/{n}.status").read().strip()
    sb = open(f"{out}/b/{n}.status").read().strip()
    statuses[sa] = statuses.get(sa, 0) + 1
    diffs = [] if sa == sb else [f"status {sa} vs {sb}"]
    CLOCK.clear()
    if "/budget-tracking" in url:
        CLOCK.update({"projected_end_of_period_cost", "days_remaining"})
    if not diffs:
        try:
            same(json.load(open(f"{out}/a/{n}.json")), json.load(open(f"{out}/b/{n}.json")), "", diffs)
        except ValueError as e:
            diffs.append(f"not JSON: {e}")
    if diffs:
        differing += 1
        print(f"DIFF {url}")
        for d in diffs[:10]:
            print(f"     {d}")
print(f"{len(urls)} requests, {len(urls) - differing} identical answers, {differing} differing; A's statuses: "
      + ", ".join(f"{k} x{v}" for k, v in sorted(statuses.items())))
sys.exit(1 if differing else 0)
EOF
