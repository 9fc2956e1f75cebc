#!/usr/bin/env bash
# Benchmark of the query-service read APIs on a workspace seeded by the synthetic-data seeder:
# p50/p95/p99 per endpoint, cold (cache disabled: every request reads PostgreSQL) and warm
# (cache primed), then the cache hit rate under a dashboard-like request mix. The load comes
# from a second process: wrk (no fork per request), bench/query-wrk.lua rotating three viewer
# tokens; the service runs from its jar with C2 (no -XX:TieredStopAtLevel=1).
#
#   BENCH_DB=agentobs_bench_query BENCH_SLUG=bench-5m bench/query.sh [seconds-per-endpoint] [connections]
#   BENCH_FILTER='segments|intent' bench/query.sh ...   # only the matching endpoints
#
# Seed first, e.g.:
#   AGENTOBS_DB_URL=jdbc:postgresql://127.0.0.1:5432/agentobs_bench_query ./agentobs seed --workspace bench-5m --volume-scale 9.4 --yes
# Env: MIX_SECONDS (60) length of the mix run; BUMP_SECONDS (0 = never) INCR data_version:{ws} that
# often during the mix, as processing does after committed batches; AGENTOBS_REDIS_URL (db 12);
# BENCH_JAR; BENCH_JAR_BASE=<jar> instead runs a cold A/B of that jar against BENCH_JAR (same load).
# Needs psql, wrk, redis-cli, openssl, curl. Prints one line per endpoint and mode.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-8}; CONC=${2:-4}
MIX_SECONDS=${MIX_SECONDS:-60}; BUMP_SECONDS=${BUMP_SECONDS:-0}
DB=${BENCH_DB:-agentobs_bench_query}
SLUG=${BENCH_SLUG:?set BENCH_SLUG to the seeded workspace slug}
REDIS_URL=${AGENTOBS_REDIS_URL:-redis://127.0.0.1:6379/12}
REDIS_DB=${REDIS_URL##*/}
PSQL="psql -h 127.0.0.1 -U ${AGENTOBS_DB_OWNER_USER:-agentobs} -d $DB -v ON_ERROR_STOP=1 -qAt"
export PGPASSWORD=${AGENTOBS_DB_OWNER_PASSWORD:-agentobs}
PORT=$((20000 + RANDOM % 20000))
JAR=${BENCH_JAR:-query-service/target/query-service.jar}
KEY=common-contracts/src/test/resources/agentobs-test-jwt-private.pem
PUB=$(pwd)/common-contracts/src/test/resources/agentobs-test-jwt-public.pem
WS=$($PSQL -c "SELECT id FROM workspaces WHERE slug = '$SLUG'")
[ -n "$WS" ] || { echo "no workspace with slug $SLUG in $DB" >&2; exit 1; }
TRACES=$($PSQL -c "SELECT count(*) FROM traces WHERE workspace_id = '$WS'")
echo "workspace $SLUG ($WS) in $DB: $TRACES stored traces; $(nproc) cores; $(date -u +%FT%TZ)"

b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
token() {
  local now hdr clm sig; now=$(date +%s)
  hdr=$(printf '{"alg":"RS256","kid":"agentobs-test","typ":"JWT"}' | b64)
  clm=$(printf '{"iss":"agentobs","sub":"%s","iat":%d,"exp":%d,"typ":"user","workspaces":{"%s":"viewer"},"permissions":[]}' \
    "$(cat /proc/sys/kernel/random/uuid)" "$now" "$((now + 7200))" "$WS" | b64)
  sig=$(printf '%s.%s' "$hdr" "$clm" | openssl dgst -sha256 -sign "$KEY" | b64)
  printf '%s.%s.%s' "$hdr" "$clm" "$sig"
}
export BENCH_TOKENS="$(token) $(token) $(token)"
FIRST_TOKEN=${BENCH_TOKENS%% *}

ENDPOINTS=(
  "/api/v1/metrics/home-kpis?range=24h"
  "/api/v1/metrics/home-kpis?range=7d&department=engineering"
  "/api/v1/fleet/health-heatmap?range=7d"
  "/api/v1/slo/compliance-dashboard"
  "/api/v1/usage/overview?range=30d"
  "/api/v1/usage/intent-distribution?range=30d"
  "/api/v1/cost/by-department?range=30d"
  "/api/v1/cost/provider-comparison?range=30d"
  "/api/v1/cost/budget-tracking"
  "/api/v1/performance/overview?range=24h"
  "/api/v1/performance/overview?range=30d&version=v2.1"
  "/api/v1/performance/latency-heatmap?range=24h"
  "/api/v1/performance/environment-parity"
  "/api/v1/agents?range=24h"
  "/api/v1/traces?range=24h&limit=50"
  "/api/v1/usage/user-segments?range=30d"
  "/api/v1/usage/version-adoption?range=90d"
  "/api/v1/usage/hourly-pattern?range=30d"
  "/api/v1/cost/by-intent?range=30d"
  "/api/v1/cost/token-usage?range=30d"
)
# BENCH_FILTER: only the endpoints matching this extended regex (e.g. 'user-segments|by-intent')
if [ -n "${BENCH_FILTER:-}" ]; then
  mapfile -t ENDPOINTS < <(printf '%s\n' "${ENDPOINTS[@]}" | grep -E "$BENCH_FILTER")
fi

SVC=
start_service() { # $1 = cache enabled
  AGENTOBS_QUERY_PORT=$PORT AGENTOBS_QUERY_CACHE_ENABLED=$1 \
  AGENTOBS_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB AGENTOBS_REDIS_URL=$REDIS_URL \
  AGENTOBS_SECURITY_PUBLIC_KEY_LOCATION=file:$PUB AGENTOBS_LOG_FORMAT= \
  setsid java -Xms256m -Xmx512m -jar "$JAR" --server.address=127.0.0.1 > /tmp/bench-query-$PORT.log 2>&1 &
  SVC=$!
  for _ in $(seq 1 ${BENCH_START_SECONDS:-300}); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "service did not start; see /tmp/bench-query-$PORT.log" >&2; exit 1
}
stop_service() { if [ -n "$SVC" ]; then kill "$SVC" 2>/dev/null || true; wait "$SVC" 2>/dev/null || true; SVC=; fi; }
BUMPER=; BASE_SVC=
cleanup() {
  stop_service
  if [ -n "$BASE_SVC" ]; then kill "$BASE_SVC" 2>/dev/null || true; fi
  if [ -n "$BUMPER" ]; then kill "$BUMPER" 2>/dev/null || true; fi
}
trap cleanup EXIT

run_wrk() { # $1 seconds, $2 connections, $3 path (empty: mix); prints the lua summary line
  BENCH_PATH="$3" wrk -t1 -c"$2" -d"$1s" --timeout 10s -s bench/query-wrk.lua "http://127.0.0.1:$PORT" | grep '^n='
}
warm_up() { # C2 compiles the hot paths; not recorded
  for e in "${ENDPOINTS[@]}"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $FIRST_TOKEN" "http://127.0.0.1:$PORT$e")
    [ "$code" = 200 ] || { echo "$e answered $code" >&2; exit 1; }
  done
  for e in "${ENDPOINTS[@]}"; do run_wrk 2 1 "$e" >/dev/null; done
}
measure_all() { # $1 mode
  for e in "${ENDPOINTS[@]}"; do printf '%-5s %-58s %s\n' "$1" "$e" "$(run_wrk "$DUR" "$CONC" "$e")"; done
}
cache_counts() { # prints "hits misses"
  curl -s "http://127.0.0.1:$PORT/actuator/prometheus" | awk '
    /^agentobs_query_cache_requests_total\{.*result="hit"/ { h = $NF } /^agentobs_query_cache_requests_total\{.*result="miss"/ { m = $NF }
    END { printf "%d %d\n", h, m }'
}

if [ -n "${BENCH_JAR_BASE:-}" ]; then
  # A/B on a shared machine: the base jar and $JAR side by side (cache disabled), endpoint by
  # endpoint, alternating base/new twice, so both see the same background load.
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== cold A/B: base $BENCH_JAR_BASE vs $JAR, $CONC connections, 2 x ${DUR}s each per endpoint =="
  NEW_PORT=$PORT; JAR_NEW=$JAR
  PORT=$((NEW_PORT + 1)); JAR=$BENCH_JAR_BASE; start_service false; warm_up; BASE_SVC=$SVC; SVC=
  PORT=$NEW_PORT; JAR=$JAR_NEW; start_service false; warm_up
  for e in "${ENDPOINTS[@]}"; do
    for round in 1 2; do
      printf 'base  %-58s %s\n' "$e" "$(PORT=$((NEW_PORT + 1)) run_wrk "$DUR" "$CONC" "$e")"
      printf 'new   %-58s %s\n' "$e" "$(run_wrk "$DUR" "$CONC" "$e")"
    done
  done
  kill "$BASE_SVC" 2>/dev/null || true; BASE_SVC=
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== cold (cache disabled), $CONC connections, ${DUR}s per endpoint =="
start_service false
warm_up
measure_all cold
stop_service
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== warm (cache primed), $CONC connections, ${DUR}s per endpoint =="
start_service true
warm_up
measure_all warm
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# The dashboard's request mix: a tab load fires its panels at once; viewers mostly stay on the
# default filters, some pick a department or environment; 24h/7d/30d ranges.
MIX=$(mktemp)
DEPTS=$($PSQL -c "SELECT department_code FROM departments WHERE workspace_id = '$WS' ORDER BY 1")
{
  for r in 24h 7d 30d; do
    w=$([ $r = 24h ] && echo 5 || ([ $r = 7d ] && echo 3 || echo 2))
    for f in "" $(for d in $DEPTS; do printf '&department=%s ' "$d"; done) "&environment=production" "&environment=staging"; do
      fw=$([ -z "$f" ] && echo 20 || echo 1)
      for p in "/api/v1/metrics/home-kpis" "/api/v1/fleet/health-heatmap" "/api/v1/slo/compliance-dashboard" \
               "/api/v1/usage/overview" "/api/v1/cost/by-department" "/api/v1/cost/provider-comparison" \
               "/api/v1/performance/overview" "/api/v1/performance/latency-heatmap" "/api/v1/agents"; do
        echo "$((w * fw)) $p?range=$r$f"
      done
    done
  done
  echo "40 /api/v1/activity?limit=10"
  echo "20 /api/v1/departments?limit=1000"
  echo "20 /api/v1/cost/budget-tracking"
} > "$MIX"
echo "== dashboard mix: $(wc -l < "$MIX") URLs, $CONC connections, ${MIX_SECONDS}s, data_version bump every ${BUMP_SECONDS}s (0 = none), cache started empty =="
redis-cli -u "$REDIS_URL" --scan --pattern "*:$WS:*" | xargs -r -n 500 redis-cli -u "$REDIS_URL" DEL >/dev/null
read -r h0 m0 < <(cache_counts)
if [ "$BUMP_SECONDS" != 0 ]; then
  ( while sleep "$BUMP_SECONDS"; do redis-cli -u "$REDIS_URL" INCR "data_version:$WS" >/dev/null; done ) &
  BUMPER=$!
fi
printf 'mix   %-58s %s\n' "(weighted, $(wc -l < "$MIX") URLs)" "$(BENCH_MIX=$MIX run_wrk "$MIX_SECONDS" "$CONC" "")"
if [ -n "$BUMPER" ]; then kill "$BUMPER" 2>/dev/null || true; BUMPER=; fi
read -r h1 m1 < <(cache_counts)
awk -v h=$((h1 - h0)) -v m=$((m1 - m0)) 'BEGIN { printf "cache hit rate under the mix: %.1f %% (%d hits, %d misses)\n", (h + m) ? 100 * h / (h + m) : 0, h, m }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$MIX"
