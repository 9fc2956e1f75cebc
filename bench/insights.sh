#!/usr/bin/env bash
# Latency of offline insights (gemini-service GET /api/v1/insights) per tab on a seeded workspace:
# p50/p95/max cold (data_version:{ws} bumped before every request, so the fact sheet is rebuilt from
# the rollups and the cards rewritten) and cached (the same request again). Sequential requests from
# curl; the service runs from its jar with no LLM key (offline provider, no network). BENCH_WARMUP rounds
# (default 20) over all tabs run first and are discarded; the measured rounds then visit the tabs in turn
# (BENCH_TABS sets their order), so every tab is warmed and measured alike.
#
#   BENCH_DB=agentobs_pf_biz BENCH_SLUG=demo-org bench/insights.sh [requests-per-tab]
#
# Env: AGENTOBS_REDIS_URL (db 11), BENCH_JAR. Needs psql, redis-cli, openssl, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-40}
DB=${BENCH_DB:-agentobs_pf_biz}
SLUG=${BENCH_SLUG:-demo-org}
REDIS_URL=${AGENTOBS_REDIS_URL:-redis://127.0.0.1:6379/11}
REDIS_DB=${REDIS_URL##*/}
PSQL="psql -h 127.0.0.1 -U ${AGENTOBS_DB_OWNER_USER:-agentobs} -d $DB -v ON_ERROR_STOP=1 -qAt"
export PGPASSWORD=${AGENTOBS_DB_OWNER_PASSWORD:-agentobs}
PORT=$((20000 + RANDOM % 20000))
JAR=${BENCH_JAR:-gemini-service/target/gemini-service.jar}
KEY=common-contracts/src/test/resources/agentobs-test-jwt-private.pem
PUB=$(pwd)/common-contracts/src/test/resources/agentobs-test-jwt-public.pem
WS=$($PSQL -c "SELECT id FROM workspaces WHERE slug = '$SLUG'")
[ -n "$WS" ] || { echo "no workspace with slug $SLUG in $DB" >&2; exit 1; }
echo "workspace $SLUG ($WS) in $DB: $($PSQL -c "SELECT count(*) FROM traces WHERE workspace_id = '$WS'") traces; $(nproc) cores; $(date -u +%FT%TZ)"

b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
hdr=$(printf '{"alg":"RS256","kid":"agentobs-test","typ":"JWT"}' | b64)
clm=$(printf '{"iss":"agentobs","sub":"%s","iat":%d,"exp":%d,"typ":"user","workspaces":{"%s":"viewer"},"permissions":[]}' \
  "$(cat /proc/sys/kernel/random/uuid)" "$now" "$((now + 7200))" "$WS" | b64)
TOKEN="$hdr.$clm.$(printf '%s.%s' "$hdr" "$clm" | openssl dgst -sha256 -sign "$KEY" | b64)"

AGENTOBS_GEMINI_PORT=$PORT AGENTOBS_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB AGENTOBS_REDIS_URL=$REDIS_URL \
AGENTOBS_SECURITY_PUBLIC_KEY_LOCATION=file:$PUB AGENTOBS_LOG_FORMAT= AGENTOBS_GEMINI_API_KEY= \
  setsid java -Xms128m -Xmx384m -jar "$JAR" --server.address=127.0.0.1 > /tmp/bench-insights-$PORT.log 2>&1 &
SVC=$!
trap 'kill $SVC 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done

get() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1"; }
stats() { sort -n | awk '{a[NR]=$1} END {p=int(NR*0.95+0.999); if (p>NR) p=NR; printf "p50 %.1f ms  p95 %.1f ms  max %.1f ms  (n=%d)", a[int((NR+1)/2)]*1000, a[p]*1000, a[NR]*1000, NR}'; }

TABS=(${BENCH_TABS:-home usage cost performance business quality safety incidents experiments configuration automations})
WARMUP=${BENCH_WARMUP:-20}

# One round: for each tab, bump the data version, then the cold request and the cached one.
round() {
  local tab path code t
  for tab in "${TABS[@]}"; do
    path="/api/v1/insights?tab=$tab&range=7d"
    redis-cli -n "$REDIS_DB" INCR "data_version:$WS" >/dev/null
    read -r code t < <(get "$path"); [ "$code" = 200 ] || { echo "$tab: HTTP $code" >&2; exit 1; }
    COLD[$tab]+="$t"$'\n'
    read -r code t < <(get "$path"); CACHED[$tab]+="$t"$'\n'
  done
}

# Warm-up rounds over every tab first (JIT, connection pools), discarded; then the measured rounds, each
# visiting every tab in turn, so no tab is measured earlier in the JVM's warm-up or host's load than another.
declare -A COLD CACHED
for _ in $(seq 1 "$WARMUP"); do round; done
COLD=(); CACHED=()
for _ in $(seq 1 "$N"); do round; done
for tab in "${TABS[@]}"; do
  printf '%-12s cold:   %s\n' "$tab" "$(printf '%s' "${COLD[$tab]}" | stats)"
  printf '%-12s cached: %s\n' "$tab" "$(printf '%s' "${CACHED[$tab]}" | stats)"
done
