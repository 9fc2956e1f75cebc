#!/usr/bin/env bash
# No accepted trace is lost: sends N traces in batches of 100, kills the
# processing-service JVM with SIGKILL part-way through, keeps sending, restarts it, and checks that
# exactly N traces are stored — then replays every batch and checks the count is still N (no
# duplicates). Runs against the local platform (./agentobs up); exits non-zero on any loss.
#
# Usage: bench/crash-recovery.sh [traces=5000]
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-5000}"
INGEST="${AGENTOBS_INGESTION_URL:-http://127.0.0.1:8001}"
DB_URL="${AGENTOBS_DB_URL:-jdbc:postgresql://127.0.0.1:5432/agentobs}"
DB_NAME="${DB_URL##*/}"; DB_NAME="${DB_NAME%%\?*}"
PSQL=(psql -X -At -h 127.0.0.1 -U "${AGENTOBS_DB_OWNER_USER:-agentobs}" -d "$DB_NAME")
export PGPASSWORD="${AGENTOBS_DB_OWNER_PASSWORD:-agentobs}"

platform_login
key="$(curl -sf -X POST "$GATEWAY/api/v1/api-keys" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
  -H 'Content-Type: application/json' -d '{"name":"crash-recovery"}' | json 'd["data"]["api_key"]')"
run="$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
pid_file="$ROOT/.run/pids/processing-service.pid"
[[ -f $pid_file ]] || { echo "processing-service is not running (no $pid_file)" >&2; exit 1; }

send() { # send FROM TO: batches of 100 traces with ids trace_<run><counter>, 4 senders
  python3 - "$INGEST" "$key" "$run" "$1" "$2" <<'PY'
import json, sys, time, urllib.request, concurrent.futures, datetime
url, key, run, lo, hi = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
def batch(start):
    traces = [{"trace_id": "trace_%s%010x" % (run, i), "agent_id": "engineering-crash-test-1",
               "timestamp": (now - datetime.timedelta(seconds=i % 3600)).isoformat().replace("+00:00", "Z"),
               "input": "q%d" % i, "output": "a%d" % i, "latency_ms": 100 + i % 900, "status": "success",
               "model": "gpt-4-turbo", "tokens_input": 10, "tokens_output": 20}
              for i in range(start, min(start + 100, hi))]
    body = json.dumps({"traces": traces}).encode()
    while True:
        req = urllib.request.Request(url + "/api/v1/traces", body, {"Content-Type": "application/json", "X-API-Key": key})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                assert r.status == 202
                return
        except urllib.error.HTTPError as e:
            if e.code == 429:  # back-pressure: honour Retry-After, never drop
                time.sleep(int(e.headers.get("Retry-After", "1"))); continue
            raise
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    list(pool.map(batch, range(lo, hi, 100)))
PY
}
count() {
  "${PSQL[@]}" -c "SELECT count(*) || ' ' || count(DISTINCT trace_id) FROM traces
                   WHERE workspace_id = '$workspace' AND trace_id LIKE 'trace_${run}%'"
}
wait_for() { # wait_for N SECONDS: fails once the count has not moved for SECONDS (a slow machine is not a loss)
  local c last="" still=0
  while true; do
    c="$(count)"; [[ $c == "$1 $1" ]] && return 0
    if [[ $c == "$last" ]]; then still=$((still + 1)); else still=0; last="$c"; fi
    ((still < $2)) || break
    sleep 1
  done
  echo "stored (rows distinct): $c, expected $1, no progress for $2 s" >&2; return 1
}

third=$(( (N / 300) * 100 ))
echo "run $run: $N traces; SIGKILL processing-service after $third"
send 0 "$third"
jvm="$(cat "$pid_file")"
kill -9 "$jvm"; echo "killed processing-service (pid $jvm) with $(count | cut -d' ' -f1) of $third stored so far"
send "$third" "$N"
echo "all $N accepted (202) while processing was down; restarting it"
"$ROOT/agentobs" up >/dev/null
wait_for "$N" 180 || exit 1
echo "after the crash: exactly $N stored, no duplicates"
echo "replaying all $N traces"
send 0 "$N"
sleep 5
wait_for "$N" 60 || exit 1
echo "after the replay: still exactly $N"
