#!/usr/bin/env bash
# End-to-end ingest benchmark (not part of mvn verify). One command:
#
#   bench/ingest.sh
#
# Creates and migrates the benchmark database if needed, starts processing-service and
# ingestion-service from their jars on free ports (C2 JIT and a 1 GB heap, not the
# platform's C1-only start-up options), then for native JSON, OTLP/HTTP protobuf and OTLP/gRPC
# (bench/ingest_load.py for the first two, bench/OtlpGrpcLoad.java for gRPC; same batches, same output):
#   1. max:   BENCH_REQUESTS batches of BENCH_BATCH traces from BENCH_CONCURRENCY senders,
#             as fast as they are answered; end-to-end rate = traces / time until every
#             trace is committed in PostgreSQL;
#   2. paced: the same number of requests paced at BENCH_PACE_FRACTION (0.8) of that end-to-end
#             rate (open loop), for the ingest API's p50/p99 at that rate (the target: p99 < 50 ms
#             at 80 % of the end-to-end rate), and whether processing keeps up.
#   3. search: after the paced run, the p95 of the time from a batch's commit until its traces
#      are searchable (processing's timer agentobs.processing.search.lag, over the paced run's
#      traces) and how far trace_search_progress.indexed_through trails the clock.
# Then a plain COPY of the same number of ~800-byte rows into the same table (same
# indexes) as the physical limit, and the ratio. Because the machine is shared, it also
# prints the CPU time each part used per 1,000 traces (ingestion JVM, processing JVM,
# their PostgreSQL backends, PostgreSQL's WAL writer/checkpointer/background writer, Redis, the load
# generator, the COPY backend): those figures depend
# far less on other load than wall-clock rates do.
#
# Needs: built jars (mvn -B -pl db-migrations,ingestion-service,processing-service -am
# -DskipTests package), PostgreSQL (superuser postgres via trust), Redis, psql, python3, bc, unzip.
# BENCH_MODES ("json otlp grpc") picks the formats.
# Env: BENCH_DB (agentobs_bench_ingest), BENCH_REDIS_DB (11), BENCH_REQUESTS (200),
#      BENCH_BATCH (100), BENCH_CONCURRENCY (4), BENCH_MAX_BACKLOG (20000),
#      BENCH_JAVA_OPTS (-Xms1g -Xmx1g -XX:+UseParallelGC), BENCH_TIMEOUT seconds per wait (300),
#      BENCH_WARMUP_REQUESTS (200 per format), BENCH_PACE_FRACTION (0.8: the paced run's share of the
#      measured end-to-end rate), BENCH_ROLLUP_INTERVAL (service default; e.g. 1h
#      to measure the commit path without rollup passes), BENCH_JFR=1 (JFR CPU profile of
#      both services over the measured runs, written to /tmp/bench-*.jfr), BENCH_PREFILL (0; N = first
#      N traces of another workspace and an ANALYZE, so the benchmark's workspace is a new tenant in a
#      populated table, one the planner's statistics do not know)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-agentobs_bench_ingest}
REDIS_DB=${BENCH_REDIS_DB:-11}
REQUESTS=${BENCH_REQUESTS:-200}
BATCH=${BENCH_BATCH:-100}
CONC=${BENCH_CONCURRENCY:-4}
JOPTS=${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}
TIMEOUT=${BENCH_TIMEOUT:-300}
PACE=${BENCH_PACE_FRACTION:-0.8}
PACE_PCT=$(echo "$PACE * 100 / 1" | bc)
N=$((REQUESTS * BATCH))
export PGPASSWORD=agentobs
OWNER="psql -X -q -t -A -h 127.0.0.1 -U agentobs -d $DB"
SUPER="psql -X -q -t -A -h 127.0.0.1 -U postgres"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'), $(date -u +%FT%TZ)"
if [ "$($SUPER -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  $SUPER -d postgres -c "CREATE DATABASE $DB OWNER agentobs"
fi
AGENTOBS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" AGENTOBS_DB_OWNER_USER=agentobs AGENTOBS_DB_OWNER_PASSWORD=agentobs \
  AGENTOBS_DB_APP_USER=agentobs_app java -XX:+UseSerialGC -jar db-migrations/target/db-migrations-exec.jar migrate \
  >/tmp/bench-ingest-migrate.log 2>&1 || { cat /tmp/bench-ingest-migrate.log; exit 1; }

redis-cli -n "$REDIS_DB" DEL traces:ingest traces:processed traces:written traces:unindexed rollups:dirty >/dev/null
slug="bench-$(date +%s)"
if [ "${BENCH_PREFILL:-0}" -gt 0 ]; then  # the benchmark's workspace as a new tenant in a populated table
  t0=$(date +%s.%N)
  $OWNER <<SQL >/dev/null
INSERT INTO workspaces (name, slug) VALUES ('$slug-prefill', '$slug-prefill');
INSERT INTO traces (workspace_id, trace_id, agent_id, timestamp, input, output, latency_ms, status, model, model_provider,
                    tokens_input, tokens_output, tokens_total, cost_usd, environment, version, intent_category, user_id,
                    session_id, metadata)
SELECT w.id, 'prefill-' || g, 'support-bot-' || g % 10, now() - (g % 86400) * INTERVAL '1 second',
       'How do I reset my password? ' || g, 'Open settings, choose security, then reset password. ' || g,
       80 + g % 4000, 'success', 'gpt-4-turbo', 'openai', 500, 300, 800, 0.012, 'production', 'v2.1', 'billing',
       'user-' || g % 5000, 's-' || g % 50000, '{"channel": "web"}'
FROM workspaces w, generate_series(1, ${BENCH_PREFILL}) g WHERE w.slug = '$slug-prefill';
SELECT agentobs_analyze_planned('public.traces'::regclass);
SQL
  echo "prefilled $BENCH_PREFILL traces of another workspace and analysed traces in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi
WS=$($OWNER -c "INSERT INTO workspaces (name, slug) VALUES ('$slug', '$slug') RETURNING id" | head -1)
KEY="ao_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HASH=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)
$OWNER -c "INSERT INTO api_keys (workspace_id, name, key_prefix, key_hash) VALUES ('$WS', 'bench', 'ao_bench', '$HASH')" >/dev/null

COMMON_ENV=(AGENTOBS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" AGENTOBS_REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
  AGENTOBS_LOG_FORMAT= JAVA_TOOL_OPTIONS="$JOPTS")
PPORT=$(free_port); IPORT=$(free_port); GPORT=$(free_port)
MODES=${BENCH_MODES:-json otlp grpc}
if [[ " $MODES " == *" grpc "* ]]; then
  # the generator's classpath: the gRPC and OTLP-proto jars the ingestion service itself ships
  rm -rf /tmp/bench-grpc-load && mkdir -p /tmp/bench-grpc-load/lib
  (cd /tmp/bench-grpc-load/lib && unzip -q -j "$OLDPWD/ingestion-service/target/ingestion-service.jar" 'BOOT-INF/lib/*.jar')
  GRPC_CP="/tmp/bench-grpc-load/lib/*"
  javac -nowarn -cp "$GRPC_CP" -d /tmp/bench-grpc-load bench/OtlpGrpcLoad.java
fi
# load MODE ARGS...: one bounded load run in the given format; prints the generator's JSON line
load() {
  local mode=$1; shift
  if [ "$mode" = grpc ]; then
    java -XX:+UseSerialGC -cp "$GRPC_CP:/tmp/bench-grpc-load" OtlpGrpcLoad --port "$GPORT" --key "$KEY" "$@"
  else
    python3 bench/ingest_load.py --port "$IPORT" --key "$KEY" --mode "$mode" "$@"
  fi
}
env "${COMMON_ENV[@]}" ${BENCH_ROLLUP_INTERVAL:+AGENTOBS_PROCESSING_ROLLUP_INTERVAL=$BENCH_ROLLUP_INTERVAL} AGENTOBS_PROCESSING_PORT=$PPORT SERVER_ADDRESS=127.0.0.1 setsid java -jar processing-service/target/processing-service.jar \
  >/tmp/bench-processing.log 2>&1 & PPID_=$!; PIDS+=($PPID_)
env "${COMMON_ENV[@]}" AGENTOBS_INGESTION_PORT=$IPORT AGENTOBS_INGEST_GRPC_PORT=$GPORT SERVER_ADDRESS=127.0.0.1 AGENTOBS_INGEST_MAX_BACKLOG=${BENCH_MAX_BACKLOG:-20000} \
  setsid java -jar ingestion-service/target/ingestion-service.jar >/tmp/bench-ingestion.log 2>&1 & IPID=$!; PIDS+=($IPID)
for port in $PPORT $IPORT; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break; sleep 1; done
done
echo "services up (processing :$PPORT, ingestion :$IPORT, OTLP/gRPC :$GPORT, JVM options: $JOPTS), workspace $WS"

count() { $OWNER -c "SELECT count(*) FROM traces WHERE workspace_id = '$WS'"; }
# Waits until the workspace has $1 committed traces. Polls processing's own committed-traces counter
# (one Python process, 20 ms apart) instead of a psql connection and a count(*) ten times a second,
# which took a fifth of a core from the system under test; then confirms with one count(*).
inserted() { python3 - "$PPORT" "$1" "$TIMEOUT" <<'PY'
import re, sys, time, urllib.request
port, want, timeout = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
deadline = time.time() + timeout
while True:
    text = urllib.request.urlopen("http://127.0.0.1:%s/actuator/prometheus" % port).read().decode()
    m = re.search(r"^agentobs_processing_traces_inserted_total(?:\{[^}]*\})? ([0-9.eE+]+)$", text, re.M)
    have = float(m.group(1)) if m else 0.0
    if want < 0 or have >= want or time.time() > deadline:
        print(int(have)); break
    time.sleep(0.02)
PY
}
wait_count() {  # expected; fails after TIMEOUT
  inserted $(( $(inserted -1) + $1 - $(count) )) >/dev/null
  local deadline=$((SECONDS + TIMEOUT))
  while [ "$(count)" -lt "$1" ]; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for $1 committed traces (have $(count))"; exit 1; }
    sleep 0.1
  done
}
# CPU seconds (user+system) of a set of pids, from /proc/<pid>/task/*/stat, leaving out JIT
# compiler threads (their warm-up work is not per-trace cost)
cpu() { python3 - "$@" <<'PY'
import glob, os, sys
total = 0
for pid in sys.argv[1:]:
    for stat in glob.glob("/proc/%s/task/*/stat" % pid):
        try:
            text = open(stat).read()
        except OSError:
            continue
        name, rest = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
        if "Compiler" not in name:
            total += int(rest[11]) + int(rest[12])
print("%.2f" % (total / os.sysconf("SC_CLK_TCK")))
PY
}
backends() { $SUPER -d postgres -c "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid() AND backend_type = 'client backend'"; }
jvm() { pgrep -P "$1" java || echo "$1"; }   # setsid java: the pid is java itself
# the server processes no client session owns: WAL writer, checkpointer, background writer
pg_background() { $SUPER -d postgres -c "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE backend_type IN ('walwriter', 'checkpointer', 'background writer')"; }
REDIS_PID=$(pgrep -x redis-server | head -1 || true)
# machine-wide idle and busy jiffies (/proc/stat), for how much of the two cores went unused
machine() { awk '/^cpu / {print $5 + $6, $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
cpus() { echo "$(cpu "$(jvm $IPID)") $(cpu "$(jvm $PPID_)") $(cpu $(backends)) $(cpu $(pg_background)) $(cpu ${REDIS_PID:-0}) $(machine)"; }
per1k() { echo "scale=0; ($2 - $1) * 1000000 / $N" | bc; }   # cpu-seconds delta -> ms per 1,000 traces
metrics() { curl -sf "http://127.0.0.1:$PPORT/actuator/prometheus" > "$1"; }
# p95 of the search lag between two scrapes of processing's metrics, from the timer's histogram buckets
search_p95() { python3 - "$1" "$2" <<'PY'
import re, sys
def buckets(path):
    out = {}
    for line in open(path):
        m = re.match(r'agentobs_processing_search_lag_seconds_bucket\{.*le="([^"]+)".*\} ([0-9.eE+]+)', line)
        if m:
            out[float("inf") if m.group(1) == "+Inf" else float(m.group(1))] = float(m.group(2))
    return out
before, after = buckets(sys.argv[1]), buckets(sys.argv[2])
delta = sorted((le, after[le] - before.get(le, 0.0)) for le in after)
total = delta[-1][1] if delta else 0
if total <= 0:
    print("n/a"); sys.exit()
prev_le, prev_n = 0.0, 0.0
for le, n in delta:
    if n >= 0.95 * total:
        if le == float("inf"):
            print("> %.1f" % prev_le); break
        frac = (0.95 * total - prev_n) / (n - prev_n) if n > prev_n else 1.0
        print("%.2f" % (prev_le + frac * (le - prev_le))); break
    prev_le, prev_n = le, n
PY
}
searchable() { $OWNER -c "SELECT count(*) FROM trace_search WHERE workspace_id = '$WS'"; }

# warm-up (JIT, connection pools, agent and user registry), not reported
WARM=${BENCH_WARMUP_REQUESTS:-200}
for mode in $MODES; do load "$mode" --requests "$WARM" --batch "$BATCH" --run warm >/dev/null; done
wait_count $(($(wc -w <<<"$MODES") * WARM * BATCH))
if [ -n "${BENCH_JFR:-}" ]; then  # CPU profile of both services over the measured runs
  for p in $(jvm $IPID) $(jvm $PPID_); do jcmd "$p" JFR.start name=bench settings=profile >/dev/null; done
fi

SUMMARY=()
for mode in $MODES; do
  base=$(count)
  read -r i0 p0 b0 g0 r0 idle0 busy0 <<<"$(cpus)"
  start=$(date +%s.%N)
  load "$mode" --requests "$REQUESTS" --batch "$BATCH" --concurrency "$CONC" --run "max-$mode" >/tmp/bench-$mode-max.json
  accepted=$(date +%s.%N)
  wait_count $((base + N))
  end=$(date +%s.%N)
  read -r i1 p1 b1 g1 r1 idle1 busy1 <<<"$(cpus)"
  rate=$(echo "$N / ($end - $start)" | bc)
  gen=$(python3 -c "import json; print(json.load(open('/tmp/bench-$mode-max.json'))['generator_cpu_s'])")
  echo "$mode max: $(cat /tmp/bench-$mode-max.json)"
  echo "$mode max: $N traces accepted in $(echo "$accepted - $start" | bc) s, committed in $(echo "$end - $start" | bc) s = $rate traces/s end to end"
  cpuline="ingestion $(per1k "$i0" "$i1") ms, processing $(per1k "$p0" "$p1") ms, postgres backends $(per1k "$b0" "$b1") ms, postgres background $(per1k "$g0" "$g1") ms, redis $(per1k "$r0" "$r1") ms, generator $(per1k 0 "$gen") ms"
  echo "$mode CPU per 1,000 traces: $cpuline"
  echo "$mode machine: $(echo "scale=1; 100 * ($idle1 - $idle0) / ($idle1 - $idle0 + $busy1 - $busy0)" | bc) % idle (iowait included), all processes $(echo "scale=0; ($busy1 - $busy0) * 1000000 / $(getconf CLK_TCK) / $N" | bc) ms busy per 1,000 traces"
  # paced at PACE of the measured end-to-end rate: API latency at that rate, and does processing keep up?
  paced=$(echo "$rate * $PACE / 1" | bc)
  base=$(count)
  metrics /tmp/bench-$mode-metrics-before.txt
  load "$mode" --requests "$REQUESTS" --batch "$BATCH" --concurrency $((CONC * 2)) --rate "$paced" --run "paced-$mode" \
    >/tmp/bench-$mode-paced.json
  sent=$(date +%s.%N)
  wait_count $((base + N))
  lag=$(echo "$(date +%s.%N) - $sent" | bc)
  deadline=$((SECONDS + TIMEOUT))
  while [ "$(searchable)" -lt "$((base + N))" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  metrics /tmp/bench-$mode-metrics-after.txt
  search=$(search_p95 /tmp/bench-$mode-metrics-before.txt /tmp/bench-$mode-metrics-after.txt)
  behind=$($OWNER -c "SELECT round(extract(epoch FROM now() - indexed_through)::numeric, 1) FROM trace_search_progress WHERE workspace_id = '$WS'")
  echo "$mode search: lag p95 $search s from commit to searchable over the paced run; indexed_through $behind s behind now"

  echo "$mode paced at $PACE_PCT % = $paced traces/s: $(cat /tmp/bench-$mode-paced.json)"
  pct=$(python3 -c "import json; d=json.load(open('/tmp/bench-$mode-paced.json')); print(d['p50_ms'], '/', d['p99_ms'], 'ms')")
  echo "$mode paced: last trace committed $lag s after the last request was answered"
  SUMMARY+=("$mode: $rate traces/s end to end; API p50/p99 paced at $PACE_PCT % = $paced traces/s $pct; commit lag after the last request $lag s; search lag p95 $search s; CPU/1k traces: $cpuline")
done

if [ -n "${BENCH_JFR:-}" ]; then
  jcmd "$(jvm $IPID)" JFR.dump name=bench filename=/tmp/bench-ingestion.jfr >/dev/null
  jcmd "$(jvm $PPID_)" JFR.dump name=bench filename=/tmp/bench-processing.jfr >/dev/null
  echo "JFR recordings: /tmp/bench-ingestion.jfr /tmp/bench-processing.jfr"
fi
rolled() { $OWNER -c "SELECT COALESCE(sum(trace_count), 0) FROM traces_hourly WHERE workspace_id = '$WS'"; }
start=$(date +%s.%N); total=$(count)
for _ in $(seq 1 $((TIMEOUT * 5))); do [ "$(rolled)" -ge "$total" ] && break; sleep 0.2; done
echo "rollups caught up $(echo "$(date +%s.%N) - $start" | bc) s after the last commit: $(rolled) in traces_hourly, $total rows in traces"
metrics /tmp/bench-processing-metrics.txt
cleanup; PIDS=()
# where processing's wall time went (its stage timers), warm-up included
python3 - /tmp/bench-processing-metrics.txt <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def value(pattern):
    m = re.search(pattern, text, re.M)
    return float(m.group(1)) if m else 0.0
traces = value(r"^agentobs_processing_traces_inserted_total(?:\{[^}]*\})? ([0-9.eE+]+)$")
stages = re.findall(r'^agentobs_processing_write_seconds_sum\{[^}]*stage="([a-z_]+)"[^}]*\} ([0-9.eE+]+)$', text, re.M)
rollup_s = value(r"^agentobs_processing_rollups_rebuild_seconds_sum(?:\{[^}]*\})? ([0-9.eE+]+)$")
passes = value(r"^agentobs_processing_rollups_rebuild_seconds_count(?:\{[^}]*\})? ([0-9.eE+]+)$")
if traces:
    print("processing wall time per 1,000 traces (all consumer threads): " + ", ".join(
        "%s %d ms" % (k, float(v) * 1e6 / traces) for k, v in stages))
    print("rollup thread: %d workspace passes, %d ms in all = %d ms per 1,000 traces" % (
        passes, rollup_s * 1000, rollup_s * 1e6 / traces))
PY

# Physical limit: COPY of the same number of rows (same sizes as the JSON traces), same table, same indexes,
# first from one session (one core's worth), then split over two concurrent sessions (both cores, as the
# pipeline's two consumers use them).
copy_csv() {  # copy_csv WORKSPACE FILE: N rows of the JSON traces' sizes
python3 - "$1" "$N" > "$2" <<'PY'
import sys, random, datetime
ws, n = sys.argv[1], int(sys.argv[2])
now = datetime.datetime.now(datetime.timezone.utc)
for i in range(n):
    ts = (now - datetime.timedelta(seconds=random.randint(0, 3600))).isoformat()
    print("%s,copy-%d,support-bot-%d,%s,%s,%s,%d,success,gpt-4-turbo,openai,%d,%d,%d,0.012000,production,v2.1,billing,user-%d,s-%d,\"{\"\"channel\"\": \"\"web\"\"}\"" % (
        ws, i, i % 10, ts, "\"" + "How do I reset my password? " * 6 + "\"", "\"" + "Open settings, choose security, then reset password. " * 6 + "\"",
        random.randint(80, 4000), 500, 300, 800, random.randint(1, 5000), random.randint(1, 50000)))
PY
}
copy_one() {  # copy_one FILE: prints "t0 T", "t1 T", "cpu0/cpu1 C" (the backend's CPU jiffies around the COPY)
{ cat <<'SQL'
SELECT pg_backend_pid() AS pid \gset
\setenv BPID :pid
\! awk '{print "cpu0", $14 + $15}' /proc/$BPID/stat
\! date +"t0 %s.%N"
SQL
  echo "\\copy traces (workspace_id, trace_id, agent_id, timestamp, input, output, latency_ms, status, model, model_provider, tokens_input, tokens_output, tokens_total, cost_usd, environment, version, intent_category, user_id, session_id, metadata) FROM '$1' WITH (FORMAT csv)"
  cat <<'SQL'
\! date +"t1 %s.%N"
\! awk '{print "cpu1", $14 + $15}' /proc/$BPID/stat
SQL
} | psql -X -q -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -U agentobs -d "$DB"
}
copy_run() {  # copy_run STREAMS: N rows in STREAMS concurrent sessions; sets copy_rate, copy_cpu
  local ws streams=$1 out
  ws=$($OWNER -c "INSERT INTO workspaces (name, slug) VALUES ('$slug-copy$streams', '$slug-copy$streams') RETURNING id" | head -1)
  copy_csv "$ws" /tmp/bench-copy.csv
  echo "COPY rows: $N, $(($(wc -c </tmp/bench-copy.csv) / N)) bytes each; $(uptime | sed 's/.*load/load/')"
  rm -f /tmp/bench-copy.part.*
  split -n "l/$streams" -d /tmp/bench-copy.csv /tmp/bench-copy.part.
  for f in /tmp/bench-copy.part.*; do copy_one "$f" >"$f.out" & done
  wait
  out=$(cat /tmp/bench-copy.part.*.out)
  [ "$(echo "$out" | grep -c '^t1 ')" = "$streams" ] || { echo "COPY failed: $out"; exit 1; }
  local t0 t1 cpu copy_s
  t0=$(echo "$out" | awk '$1 == "t0" {print $2}' | sort -n | head -1)
  t1=$(echo "$out" | awk '$1 == "t1" {print $2}' | sort -n | tail -1)
  cpu=$(echo "$out" | awk '$1 == "cpu0" {c -= $2} $1 == "cpu1" {c += $2} END {print c}')
  copy_s=$(echo "$t1 - $t0" | bc)
  copy_rate=$(echo "$N / $copy_s" | bc)
  copy_cpu=$(echo "scale=0; $cpu * 1000000 / $(getconf CLK_TCK) / $N" | bc)
  $OWNER -c "DELETE FROM workspaces WHERE id = '$ws'" >/dev/null
  rm -f /tmp/bench-copy.part.*
  echo "COPY baseline, $streams session(s): $N rows in $copy_s s = $copy_rate rows/s; COPY backends' CPU $copy_cpu ms per 1,000 rows"
}
copy_run 2; copy2_rate=$copy_rate
copy_run 1

echo
echo "== summary ($(uptime | sed 's/.*load/load/')) =="
for line in "${SUMMARY[@]}"; do echo "$line"; done
for line in "${SUMMARY[@]}"; do
  r=${line#*: }; r=${r%% *}
  echo "${line%%:*} end to end / two-session COPY: $(echo "scale=2; $r / $copy2_rate" | bc) (target >= 0.5; $copy2_rate rows/s); / one-session COPY: $(echo "scale=2; $r / $copy_rate" | bc) ($copy_rate rows/s)"
done
