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
# Then two more phases on the same service:
#  - lag: BENCH_LAG_TRACES more traces (another hour) published at BENCH_LAG_RATE traces/s in entries of
#    BENCH_LAG_BATCH, each entry's publish time recorded; lag = evaluation committed_at - publish time,
#    reported as p50 / p95 / max (the part of "ingest to stored score" this service owns: processing's
#    own lag is in the processing benchmark).
#  - backfill: a disabled heuristic rule on a second rubric is backfilled over the first hour's N traces
#    (the run queued by the same INSERT the evaluation.backfill action does, at the API's maximum rate
#    2000/s); time until done, then a second run over the same window must write 0 rows.
#
# Needs: built jars (mvn -B -pl db-migrations,evaluation-service -am -DskipTests package), PostgreSQL
# (superuser postgres via trust), Redis, psql, python3, bc.
# Env: BENCH_DB (agentobs_bench_eval), BENCH_REDIS_DB (12), BENCH_TRACES (10000), BENCH_BATCH (100),
#      BENCH_RULES (1), BENCH_JAVA_OPTS (-Xms512m -Xmx512m -XX:+UseParallelGC), BENCH_TIMEOUT seconds (300),
#      BENCH_LAG_TRACES (3000), BENCH_LAG_RATE (50), BENCH_LAG_BATCH (10), BENCH_BACKFILL_RATE (2000)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-agentobs_bench_eval}
REDIS_DB=${BENCH_REDIS_DB:-12}
N=${BENCH_TRACES:-10000}
BATCH=${BENCH_BATCH:-100}
RULES=${BENCH_RULES:-1}
JOPTS=${BENCH_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
TIMEOUT=${BENCH_TIMEOUT:-300}
LAG_N=${BENCH_LAG_TRACES:-3000}
LAG_RATE=${BENCH_LAG_RATE:-50}
LAG_BATCH=${BENCH_LAG_BATCH:-10}
BF_RATE=${BENCH_BACKFILL_RATE:-2000}
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
-- the lag phase's traces, an hour earlier
INSERT INTO traces (workspace_id, trace_id, agent_id, timestamp, input, output, latency_ms, status, environment, version,
                    intent_category, department_id)
SELECT '$WS', 'lag-' || g, 'support-bot-' || g % 10, date_trunc('hour', now()) - interval '2 hours' + (g % 3600) * interval '1 second',
       'Where is my order? ' || g, 'Your order ships tomorrow; the tracking link follows by email. ' || g,
       80 + g % 4000, 'success', 'production', 'v2.1', 'orders', (SELECT id FROM departments WHERE workspace_id = '$WS')
FROM generate_series(1, $LAG_N) g;
-- the backfill phase's rule: disabled, so only a backfill scores with it
INSERT INTO rubrics (workspace_id, name) VALUES ('$WS', 'Backfill bench');
INSERT INTO rubric_versions (workspace_id, rubric_id, version, criteria)
SELECT '$WS', id, 1, '[{"key":"overall","weight":1,"check":"overall"}]' FROM rubrics
WHERE workspace_id = '$WS' AND name = 'Backfill bench';
INSERT INTO evaluator_rules (workspace_id, name, rubric_id, evaluator, sampling_rate, is_enabled)
SELECT '$WS', 'backfill bench', id, 'heuristic', 1, false FROM rubrics WHERE workspace_id = '$WS' AND name = 'Backfill bench';
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
count() { $OWNER -c "SELECT count(*) FROM evaluations WHERE workspace_id = '$WS' AND trace_id LIKE 'ev-%' AND backfill_id IS NULL"; }
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

# ---------------------------------------------------------------- lag at a steady rate
lagfile=$(mktemp)
python3 - "$WS" "$LAG_N" "$LAG_BATCH" "$LAG_RATE" "$REDIS_DB" "$lagfile" <<'PY'
import json, subprocess, sys, time, datetime
ws, n, batch, rate, db, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
now = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
frm = (now - datetime.timedelta(hours=2)).isoformat().replace('+00:00', 'Z')
to = (now - datetime.timedelta(hours=1)).isoformat().replace('+00:00', 'Z')
cli = subprocess.Popen(['redis-cli', '-n', db], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
start = time.time()
with open(out, 'w') as f:
    for k, i in enumerate(range(1, n + 1, batch)):
        due = start + k * batch / rate
        time.sleep(max(0, due - time.time()))
        ids = ['lag-%d' % g for g in range(i, min(n, i + batch - 1) + 1)]
        payload = json.dumps({"workspace_id": ws, "trace_ids": ids, "span_count": 0, "from": frm, "to": to,
                              "processed_at": to}).replace('"', '\\"')
        cli.stdin.write('XADD traces:processed * workspace_id %s payload "%s"\n' % (ws, payload))
        cli.stdin.flush()
        t = time.time()
        for trace in ids:
            f.write('%s,%.3f\n' % (trace, t))
cli.stdin.close(); cli.wait()
print('published %d traces at %.1f traces/s' % (n, n / (time.time() - start)))
PY
deadline=$(( $(date +%s) + TIMEOUT ))
lagcount() { $OWNER -c "SELECT count(*) FROM evaluations WHERE workspace_id = '$WS' AND trace_id LIKE 'lag-%'"; }
until [ "$(lagcount)" -ge "$((LAG_N * RULES))" ] || [ "$(date +%s)" -gt "$deadline" ]; do sleep 0.5; done
$OWNER -F, -c "SELECT trace_id, extract(epoch FROM max(created_at)) FROM evaluations WHERE workspace_id = '$WS'
               AND trace_id LIKE 'lag-%' GROUP BY trace_id" > "$lagfile.db"
python3 - "$lagfile" "$lagfile.db" <<'PY'
import sys
pub = dict(l.strip().split(',') for l in open(sys.argv[1]) if l.strip())
lags = sorted(float(t) - float(pub[k]) for k, t in (l.strip().split(',') for l in open(sys.argv[2]) if l.strip()) if k in pub)
q = lambda p: lags[min(len(lags) - 1, int(p * len(lags)))]
print('lag publish -> stored score over %d traces: p50 %.2f s, p95 %.2f s, max %.2f s' % (len(lags), q(0.5), q(0.95), lags[-1]))
PY
rm -f "$lagfile" "$lagfile.db"

# ---------------------------------------------------------------- backfill
RULE=$($OWNER -c "SELECT id FROM evaluator_rules WHERE workspace_id = '$WS' AND name = 'backfill bench'")
backfill() {  # queues a run over the first hour; prints its id
  $OWNER -c "INSERT INTO evaluation_backfills (workspace_id, rule_id, window_from, window_to, rate_per_second, total_traces)
             SELECT '$WS', '$RULE', date_trunc('hour', now()) - interval '1 hour', date_trunc('hour', now()), $BF_RATE,
                    (SELECT count(*) FROM traces WHERE workspace_id = '$WS' AND timestamp >= date_trunc('hour', now()) - interval '1 hour'
                       AND timestamp < date_trunc('hour', now()))
             RETURNING id" | head -1
}
await_done() {
  local id=$1 deadline=$(( $(date +%s) + TIMEOUT ))
  until [ "$($OWNER -c "SELECT status FROM evaluation_backfills WHERE id = '$id'")" = done ] || [ "$(date +%s)" -gt "$deadline" ]; do sleep 0.2; done
}
t0=$(date +%s.%N); B1=$(backfill); await_done "$B1"; t1=$(date +%s.%N)
read -r total processed written <<<"$($OWNER -F' ' -c "SELECT total_traces, processed_traces, written_count FROM evaluation_backfills WHERE id = '$B1'")"
echo "backfill: $processed of $total traces scanned, $written evaluations written in $(echo "$t1 - $t0" | bc) s at most $BF_RATE traces/s"
B2=$(backfill); await_done "$B2"
echo "backfill rerun over the same window: $($OWNER -c "SELECT written_count FROM evaluation_backfills WHERE id = '$B2'") evaluations written; rows of the rule: $($OWNER -c "SELECT count(*) FROM evaluations e JOIN evaluator_rules r ON r.rubric_id = e.rubric_id WHERE r.id = '$RULE'")"
echo "machine after: $(uptime | sed 's/.*load/load/')"
