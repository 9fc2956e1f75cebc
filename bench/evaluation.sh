#!/usr/bin/env bash
# Online evaluation throughput (not part of mvn verify). One command:
#
#   bench/evaluation.sh
#
# Creates and migrates the benchmark database if needed, writes BENCH_TRACES traces of a new workspace
# (one SQL statement), BENCH_RULES rubrics with a heuristic rule each at 100 % sampling, starts
# evaluation-service from its jar on a free port, then publishes the traces to traces:processed as
# entries of BENCH_BATCH trace ids (the shape processing-service publishes) and measures the time until
# every (trace, rule) evaluation is committed: evaluations/s end to end, and the service JVM's CPU
# seconds per 1,000 evaluations (less sensitive to other load on a shared machine). Then it publishes the
# same entries again (a redelivery or a rerun) and checks that no row was added.
#
# Needs: built jars (mvn -B -pl db-migrations,evaluation-service -am -DskipTests package), PostgreSQL
# (superuser postgres via trust), Redis, psql, python3, bc.
# Env: BENCH_DB (agentobs_bench_eval), BENCH_REDIS_DB (12), BENCH_TRACES (10000), BENCH_BATCH (100),
#      BENCH_RULES (1), BENCH_JAVA_OPTS (-Xms512m -Xmx512m -XX:+UseParallelGC), BENCH_TIMEOUT seconds (300)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-agentobs_bench_eval}
REDIS_DB=${BENCH_REDIS_DB:-12}
N=${BENCH_TRACES:-10000}
BATCH=${BENCH_BATCH:-100}
RULES=${BENCH_RULES:-1}
JOPTS=${BENCH_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
TIMEOUT=${BENCH_TIMEOUT:-300}
export PGPASSWORD=agentobs
OWNER="psql -X -q -t -A -h 127.0.0.1 -U agentobs -d $DB"
SUPER="psql -X -q -t -A -h 127.0.0.1 -U postgres"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'), $(date -u +%FT%TZ)"
if [ "$($SUPER -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  $SUPER -d postgres -c "CREATE DATABASE $DB OWNER agentobs"
fi
AGENTOBS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" AGENTOBS_DB_OWNER_USER=agentobs AGENTOBS_DB_OWNER_PASSWORD=agentobs \
  AGENTOBS_DB_APP_USER=agentobs_app java -XX:+UseSerialGC -jar db-migrations/target/db-migrations-exec.jar migrate \
  >/tmp/bench-eval-migrate.log 2>&1 || { cat /tmp/bench-eval-migrate.log; exit 1; }
redis-cli -n "$REDIS_DB" DEL traces:processed >/dev/null

slug="bench-eval-$(date +%s)"
WS=$($OWNER -c "INSERT INTO workspaces (name, slug) VALUES ('$slug', '$slug') RETURNING id" | head -1)
$OWNER <<SQL >/dev/null
INSERT INTO departments (workspace_id, department_code, department_name) VALUES ('$WS', 'support', 'Support');
INSERT INTO traces (workspace_id, trace_id, agent_id, timestamp, input, output, latency_ms, status, environment, version,
                    intent_category, department_id)
SELECT '$WS', 'ev-' || g, 'support-bot-' || g % 10, date_trunc('hour', now()) - interval '1 hour' + (g % 3600) * interval '1 second',
       'How do I reset my password? ' || g,
       CASE WHEN g % 7 = 0 THEN 'I am sorry, but I cannot help with that.'
            WHEN g % 11 = 0 THEN '{"steps": ["open settings", "choose security"]}'
            ELSE 'Open settings, choose security, then reset your password with the link we email you. ' || g END,
       80 + g % 4000, CASE WHEN g % 50 = 0 THEN 'error' ELSE 'success' END, 'production', 'v2.1', 'account',
       (SELECT id FROM departments WHERE workspace_id = '$WS')
FROM generate_series(1, $N) g;
INSERT INTO rubrics (workspace_id, name) SELECT '$WS', 'Bench ' || r FROM generate_series(1, $RULES) r;
INSERT INTO rubric_versions (workspace_id, rubric_id, version, criteria)
SELECT '$WS', id, 1,
       '[{"key":"relevance","weight":0.4,"check":"overall"},{"key":"completeness","weight":0.3,"check":"length"},
         {"key":"tone","weight":0.2,"check":"refusal"},{"key":"format","weight":0.1,"check":"format"}]'
FROM rubrics WHERE workspace_id = '$WS';
-- one rubric per rule: a result is unique per (trace, rubric version, evaluator), so two heuristic rules on one
-- rubric would write one row
INSERT INTO evaluator_rules (workspace_id, name, rubric_id, evaluator, sampling_rate)
SELECT '$WS', 'bench ' || name, id, 'heuristic', 1
FROM rubrics WHERE workspace_id = '$WS';
SQL
echo "workspace $WS: $N traces, $RULES rule(s)"

PORT=$(free_port)
env AGENTOBS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" AGENTOBS_REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB" \
  AGENTOBS_LOG_FORMAT= JAVA_TOOL_OPTIONS="$JOPTS" AGENTOBS_EVALUATION_PORT=$PORT SERVER_ADDRESS=127.0.0.1 \
  setsid java -jar evaluation-service/target/evaluation-service.jar >/tmp/bench-evaluation.log 2>&1 & PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
echo "evaluation-service up on :$PORT (JVM options: $JOPTS)"

publish() {  # all traces as entries of BATCH ids, through one redis-cli pipe
  python3 - "$WS" "$N" "$BATCH" <<'PY' | redis-cli -n "$REDIS_DB" >/dev/null
import json, sys, datetime
ws, n, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
now = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
frm = (now - datetime.timedelta(hours=1)).isoformat().replace('+00:00', 'Z')
to = now.isoformat().replace('+00:00', 'Z')
for i in range(1, n + 1, batch):
    ids = ['ev-%d' % g for g in range(i, min(n, i + batch - 1) + 1)]
    payload = json.dumps({"workspace_id": ws, "trace_ids": ids, "span_count": 0, "from": frm, "to": to,
                          "processed_at": to}).replace('"', '\\"')
    print('XADD traces:processed * workspace_id %s payload "%s"' % (ws, payload))
PY
}
count() { $OWNER -c "SELECT count(*) FROM evaluations WHERE workspace_id = '$WS'"; }
cpu() { awk '{print ($14 + $15) / 100}' "/proc/$PID/stat"; }
want=$((N * RULES))
cpu0=$(cpu); t0=$(date +%s.%N)
publish
deadline=$(( $(date +%s) + TIMEOUT ))
until [ "$(count)" -ge "$want" ] || [ "$(date +%s)" -gt "$deadline" ]; do sleep 0.2; done
t1=$(date +%s.%N); cpu1=$(cpu)
got=$(count)
secs=$(echo "$t1 - $t0" | bc)
echo "evaluations: $got of $want in ${secs} s = $(echo "scale=0; $got / $secs" | bc) evaluations/s end to end"
echo "evaluation-service CPU: $(echo "scale=2; ($cpu1 - $cpu0) * 1000 / $got" | bc) s per 1,000 evaluations ($(echo "scale=0; $got / ($cpu1 - $cpu0)" | bc) evaluations per CPU-second)"
publish
sleep 5
until [ "$(redis-cli -n "$REDIS_DB" XPENDING traces:processed evaluators | head -1)" = 0 ]; do sleep 0.5; done
echo "after republishing every entry: $(count) rows (duplicates added: $(( $(count) - got )))"
echo "rollup check: Σ score_count = $($OWNER -c "SELECT sum(score_count) FROM evaluation_rollups_hourly WHERE workspace_id = '$WS'")"
