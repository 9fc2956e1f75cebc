#!/usr/bin/env bash
# End-to-end ingest benchmark (not part of mvn verify): starts processing-service and
# ingestion-service from their jars on free ports, drives a bounded load of batches of
# 100 traces over HTTP (native JSON, then OTLP protobuf), waits until every trace is
# committed in PostgreSQL, and reports traces/s end to end and the ingest API's p50/p99.
# Then measures a plain COPY of the same number of rows into the same table (same
# indexes) as the physical limit of this machine.
#
# Needs: built jars (mvn -B -o -pl ingestion-service,processing-service -am -DskipTests package),
# a migrated database, psql, python3.
# Env: BENCH_DB (default agentobs_test_ingest), BENCH_REDIS_DB (1), BENCH_REQUESTS (300),
#      BENCH_BATCH (100), BENCH_CONCURRENCY (4), BENCH_MAX_BACKLOG (20000)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-agentobs_test_ingest}
REDIS_DB=${BENCH_REDIS_DB:-1}
REQUESTS=${BENCH_REQUESTS:-300}
BATCH=${BENCH_BATCH:-100}
CONC=${BENCH_CONCURRENCY:-4}
N=$((REQUESTS * BATCH))
OWNER="psql -X -q -t -A -h 127.0.0.1 -U agentobs -d $DB"
export PGPASSWORD=agentobs
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

redis-cli -n "$REDIS_DB" DEL traces:ingest traces:processed >/dev/null
slug="bench-$(date +%s)"
WS=$($OWNER -c "INSERT INTO workspaces (name, slug) VALUES ('$slug', '$slug') RETURNING id" | head -1)
KEY="ao_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HASH=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)
$OWNER -c "INSERT INTO api_keys (workspace_id, name, key_prefix, key_hash) VALUES ('$WS', 'bench', 'ao_bench', '$HASH')" >/dev/null

COMMON_ENV=(AGENTOBS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" AGENTOBS_REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
  AGENTOBS_LOG_FORMAT= JAVA_TOOL_OPTIONS="-Xmx512m")
PPORT=$(free_port); IPORT=$(free_port)
env "${COMMON_ENV[@]}" AGENTOBS_PROCESSING_PORT=$PPORT setsid java -jar processing-service/target/processing-service.jar \
  >/tmp/bench-processing.log 2>&1 & PIDS+=($!)
env "${COMMON_ENV[@]}" AGENTOBS_INGESTION_PORT=$IPORT AGENTOBS_INGEST_MAX_BACKLOG=${BENCH_MAX_BACKLOG:-20000} \
  setsid java -jar ingestion-service/target/ingestion-service.jar >/tmp/bench-ingestion.log 2>&1 & PIDS+=($!)
for port in $PPORT $IPORT; do
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break; sleep 1; done
done
echo "services up (processing :$PPORT, ingestion :$IPORT), workspace $WS"

count() { $OWNER -c "SELECT count(*) FROM traces WHERE workspace_id = '$WS'"; }
run() {  # mode, expected total after the run
  local mode=$1 expect=$2 start end
  start=$(date +%s.%N)
  python3 bench/ingest_load.py --port "$IPORT" --key "$KEY" --mode "$mode" --requests "$REQUESTS" --batch "$BATCH" \
    --concurrency "$CONC" | tee /tmp/bench-$mode.json
  while [ "$(count)" -lt "$expect" ]; do sleep 0.2; done
  end=$(date +%s.%N)
  echo "$mode end-to-end: $N traces committed in $(echo "$end - $start" | bc) s = $(echo "$N / ($end - $start)" | bc) traces/s"
}
# warm-up (JIT, connection pools), not reported
python3 bench/ingest_load.py --port "$IPORT" --key "$KEY" --mode json --requests 50 --batch "$BATCH" --run warm >/dev/null
while [ "$(count)" -lt $((50 * BATCH)) ]; do sleep 0.2; done
base=$(count)
run json $((base + N))
run otlp $((base + 2 * N))
rolled() { $OWNER -c "SELECT COALESCE(sum(trace_count), 0) FROM traces_hourly WHERE workspace_id = '$WS'"; }
start=$(date +%s.%N)
for _ in $(seq 1 600); do [ "$(rolled)" -ge "$(count)" ] && break; sleep 0.2; done
echo "rollups caught up $(echo "$(date +%s.%N) - $start" | bc) s after the last commit: $(rolled) in traces_hourly, $(count) rows in traces"

# Physical limit: COPY of the same number of rows, same table, same indexes.
CWS=$($OWNER -c "INSERT INTO workspaces (name, slug) VALUES ('$slug-copy', '$slug-copy') RETURNING id" | head -1)
python3 - "$CWS" "$N" > /tmp/bench-copy.csv <<'PY'
import sys, random, datetime
ws, n = sys.argv[1], int(sys.argv[2])
now = datetime.datetime.now(datetime.timezone.utc)
for i in range(n):
    ts = (now - datetime.timedelta(seconds=random.randint(0, 3600))).isoformat()
    print("%s,copy-%d,support-bot-%d,%s,%s,%s,%d,success,gpt-4-turbo,openai,%d,%d,%d,0.012000,production,v2.1,billing,user-%d,s-%d,{}" % (
        ws, i, i % 10, ts, "\"" + "How do I reset my password? " * 6 + "\"", "\"" + "Open settings, choose security, then reset password. " * 6 + "\"",
        random.randint(80, 4000), 500, 300, 800, random.randint(1, 5000), random.randint(1, 50000)))
PY
start=$(date +%s.%N)
$OWNER -c "\\copy traces (workspace_id, trace_id, agent_id, timestamp, input, output, latency_ms, status, model, model_provider, tokens_input, tokens_output, tokens_total, cost_usd, environment, version, intent_category, user_id, session_id, metadata) FROM '/tmp/bench-copy.csv' WITH (FORMAT csv)"
end=$(date +%s.%N)
echo "COPY baseline: $N rows in $(echo "$end - $start" | bc) s = $(echo "$N / ($end - $start)" | bc) rows/s"
