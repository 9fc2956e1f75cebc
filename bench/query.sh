#!/usr/bin/env bash
# Benchmark of the query-service read APIs: p50/p95/p99 per endpoint, cold (cache disabled)
# and warm (cache primed), under concurrent load from a second process (xargs -P curl).
#
#   bench/query.sh [traces] [concurrency] [requests-per-endpoint]
#   BENCH_WS=<uuid> KEEP=1 bench/query.sh ...   # reuse an already seeded workspace, keep it
#   BENCH_FILTER='segments|intent' bench/query.sh ...   # only the matching endpoints
#
# Seeds a fresh workspace (10 departments, 100 agents, N traces over 90 days, rollups rebuilt
# by agentobs_rebuild_rollups) into $BENCH_DB_URL as the owner, starts the built jar
# (query-service/target/query-service.jar) on a random port with the test JWT key, signs a
# viewer token with openssl, and prints one line per endpoint and mode. Needs psql, curl,
# openssl, redis on localhost. The workspace is deleted at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-500000}; CONC=${2:-4}; REQS=${3:-200}
DB=${BENCH_DB:-agentobs_test_query}
PSQL="psql -h 127.0.0.1 -U ${AGENTOBS_DB_OWNER_USER:-agentobs} -d $DB -v ON_ERROR_STOP=1 -qAt"
export PGPASSWORD=${AGENTOBS_DB_OWNER_PASSWORD:-agentobs}
WS=${BENCH_WS:-$(cat /proc/sys/kernel/random/uuid)}
PORT=$((20000 + RANDOM % 20000))
JAR=${BENCH_JAR:-query-service/target/query-service.jar}  # BENCH_JAR: bench a copy while rebuilding
KEY=common-contracts/src/test/resources/agentobs-test-jwt-private.pem
PUB=$(pwd)/common-contracts/src/test/resources/agentobs-test-jwt-public.pem

if [ -z "${BENCH_WS:-}" ]; then
echo "seeding workspace $WS with $N traces over 90 days into $DB ..." >&2
t0=$(date +%s)
$PSQL <<SQL
INSERT INTO workspaces (id, name, slug) VALUES ('$WS', 'bench', 'bench-' || substr('$WS', 1, 8));
INSERT INTO departments (workspace_id, department_code, department_name, budget_monthly_usd)
SELECT '$WS', c, agentobs_department_name(c), 2000 FROM unnest(ARRAY['engineering','sales','support','marketing','finance','hr','operations','product','data','legal']) c;
INSERT INTO environments (workspace_id, environment_name, environment_type)
VALUES ('$WS','production','prod'), ('$WS','staging','staging'), ('$WS','development','dev');
INSERT INTO agents (workspace_id, agent_id, name, department_id, environment, version, model, model_provider)
SELECT '$WS', d.department_code || '-agent-' || i, d.department_code || ' agent ' || i, d.id,
       CASE WHEN i <= 7 THEN 'production' WHEN i <= 9 THEN 'staging' ELSE 'development' END,
       (ARRAY['v2.1','v2.1','v2.1','v2.1','v2.0','v2.0','v2.0','v1.9','v1.9','v1.8'])[i],
       (ARRAY['gpt-4-turbo','claude-3-sonnet','gemini-pro'])[1 + i % 3], (ARRAY['openai','anthropic','google'])[1 + i % 3]
FROM departments d CROSS JOIN generate_series(1, 10) i WHERE d.workspace_id = '$WS';
SELECT setseed(0.7);
WITH a AS (SELECT row_number() OVER (ORDER BY agent_id) - 1 AS idx, * FROM agents WHERE workspace_id = '$WS')
INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp, input, output, error, latency_ms, status, model,
                    model_provider, tokens_input, tokens_output, tokens_total, cost_usd, department_id, environment,
                    version, agent_version, intent_category, user_segment, sample_rate, user_id)
SELECT 'trace_' || substr(md5('$WS' || g), 1, 16), '$WS', a.agent_id,
       now() - make_interval(secs => floor(s.r2 * 90 * 86400)), 'question ' || g, 'answer ' || g,
       CASE WHEN s.r < 0.02 THEN 'upstream 500' WHEN s.r < 0.03 THEN 'rate limit (429)' WHEN s.r < 0.035 THEN 'timed out' END,
       (exp(4.5 + s.r3 * 3.2))::INT, CASE WHEN s.r < 0.03 THEN 'error' WHEN s.r < 0.035 THEN 'timeout' ELSE 'success' END,
       a.model, a.model_provider, 200 + g % 500, 100 + g % 400, 300 + g % 500 + g % 400,
       round(((300 + g % 500 + g % 400) * 0.00001 * (1 + g % 5))::NUMERIC, 6), a.department_id, a.environment,
       a.version, a.version, (ARRAY['code_generation','data_analysis','customer_support','summarization','qa'])[1 + g % 5],
       (ARRAY['regular','regular','regular','power_user','new'])[1 + g % 5], 1, 'user-' || (g % 500)
FROM generate_series(1, $N) g JOIN a ON a.idx = g % 100
CROSS JOIN LATERAL (SELECT random() AS r, random() AS r2, random() AS r3 WHERE g IS NOT NULL) s;
SELECT agentobs_rebuild_rollups('$WS', now() - interval '91 days', now() + interval '1 hour');
ANALYZE traces; ANALYZE traces_hourly; ANALYZE traces_daily; ANALYZE traces_agent_hourly; ANALYZE user_activity_daily;
SQL
echo "seeded in $(( $(date +%s) - t0 )) s" >&2
fi

b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
HDR=$(printf '{"alg":"RS256","kid":"agentobs-test","typ":"JWT"}' | b64)
CLM=$(printf '{"iss":"agentobs","sub":"%s","iat":%d,"exp":%d,"typ":"user","workspaces":{"%s":"viewer"},"permissions":[]}' \
  "$(cat /proc/sys/kernel/random/uuid)" "$now" "$((now + 3600))" "$WS" | b64)
SIG=$(printf '%s.%s' "$HDR" "$CLM" | openssl dgst -sha256 -sign "$KEY" | b64)
TOKEN="$HDR.$CLM.$SIG"

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

start_service() { # $1 = cache enabled
  AGENTOBS_QUERY_PORT=$PORT AGENTOBS_QUERY_CACHE_ENABLED=$1 \
  AGENTOBS_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB AGENTOBS_REDIS_URL=${AGENTOBS_REDIS_URL:-redis://127.0.0.1:6379/2} \
  AGENTOBS_SECURITY_PUBLIC_KEY_LOCATION=file:$PUB AGENTOBS_LOG_FORMAT= \
  setsid java -Xmx512m -jar "$JAR" > /tmp/bench-query-$PORT.log 2>&1 &
  SVC=$!
  for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "service did not start; see /tmp/bench-query-$PORT.log" >&2; exit 1
}
stop_service() { kill "$SVC" 2>/dev/null || true; wait "$SVC" 2>/dev/null || true; }
cleanup() {
  stop_service
  if [ "${KEEP:-0}" != 1 ]; then $PSQL -c "DELETE FROM workspaces WHERE id = '$WS'"; fi
}
trap cleanup EXIT

measure() { # $1 mode, $2 path: REQS requests at CONC concurrency, prints p50/p95/p99 ms
  seq "$REQS" | xargs -P "$CONC" -I{} curl -s -o /dev/null -w '%{time_total}\n' \
    -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$2" | sort -n | awk -v m="$1" -v p="$2" '
    { v[NR] = $1 * 1000 } END { printf "%-5s p50=%6.1f p95=%6.1f p99=%6.1f ms  %s\n", m, v[int(NR*.5)], v[int(NR*.95)], v[int(NR*.99)], p }'
}

echo "== cold (cache disabled: every request reads PostgreSQL), $CONC concurrent, $REQS req/endpoint =="
start_service false
for e in "${ENDPOINTS[@]}"; do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$e"; done
for e in "${ENDPOINTS[@]}"; do measure cold "$e"; done
stop_service
echo "== warm (cache primed), $CONC concurrent, $REQS req/endpoint =="
start_service true
for e in "${ENDPOINTS[@]}"; do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$e"; done
for e in "${ENDPOINTS[@]}"; do measure warm "$e"; done
curl -s "http://127.0.0.1:$PORT/actuator/prometheus" | grep -E '^agentobs_query_cache' || true
