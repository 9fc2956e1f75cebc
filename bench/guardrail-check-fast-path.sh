#!/usr/bin/env bash
# The inline check's fast path against the normal path on one running guardrail-service: 1 KB texts directly
# at a fixed rate (open-loop bench/ConstantRate.java), alternating back to back
#   fast:   the agent's usual request, answered by the fast path ahead of the security chain and the dispatcher;
#   normal: the same request with "Accept: application/json, */*", which the fast path leaves to the
#           security chain, the dispatcher and the controller (same answer);
# ROUNDS times each, and guardrail's CPU per request (from /proc) beside each run. The seeded demo's support
# agent and its active policies; a run stops sending 1.5x its duration after its start.
# Needs: the platform up with the seeded demo (./agentobs up), java 17, curl, python3.
# Usage: bench/guardrail-check-fast-path.sh [seconds=30] [rate=100] [rounds=2]
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RUN="${1:-30}"
RATE="${2:-100}"
ROUNDS="${3:-2}"
GUARDRAIL="${AGENTOBS_GUARDRAIL_URL:-http://127.0.0.1:8005}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT


platform_login
agent="$(curl -sf --max-time 30 "$GATEWAY/api/v1/agents?limit=200" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
  | json 'next(a["agent_id"] for a in d["data"] if (a.get("department") or "").startswith("support") or "support" in a["agent_id"])')"
python3 - "$agent" "$WORK" <<'PY'
import json, sys
agent, work = sys.argv[1], sys.argv[2]
line = ("Hi, I ordered the blue jacket last week (order 20231118-4471) and it has not arrived yet. "
        "Please write to jane.doe@example.com or call +1 415-555-2671; my card 4111 1111 1111 1111 was charged twice. ")
open(f"{work}/1k.json", "w").write(json.dumps({"agent_id": agent, "direction": "input", "text": (line * 10)[:1024]}))
PY
classes="$WORK/classes"; mkdir -p "$classes"
javac -d "$classes" "$HERE/ConstantRate.java"
load() { CONSTANT_RATE_BODY="$WORK/1k.json" java -cp "$classes" ConstantRate "$@"; }
url="$GUARDRAIL/api/v1/guardrails/check"
fast=("Authorization: Bearer $token" "X-Workspace-ID: $workspace")
normal=("${fast[@]}" "Accept: application/json, */*")
pid="$(pid_of "$GUARDRAIL")"
echo "agent $agent; $SECONDS_PER_RUN s per run at $RATE/s; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up: 15 s each"
load "$url" "$RATE" 15 8 "${fast[@]}" >/dev/null
load "$url" "$RATE" 15 8 "${normal[@]}" >/dev/null
run() { # run LABEL HEADERS...
  local label="$1"; shift
  local before after
  before="$(cpu_seconds "$pid")"
  echo "== $label (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  load "$url" "$RATE" "$SECONDS_PER_RUN" 8 "$@" | tee "$WORK/out.txt"
  after="$(cpu_seconds "$pid")"
  python3 - "$WORK/out.txt" "$before" "$after" <<'PY'
import re, sys
sent = int(re.search(r"requests (\d+)", open(sys.argv[1]).read()).group(1))
print(f"   guardrail CPU per request: {(float(sys.argv[3]) - float(sys.argv[2])) * 1000 / max(sent, 1):.3f} ms (over {sent} requests)")
PY
}
for round in $(seq "$ROUNDS"); do
  run "round $round: fast path" "${fast[@]}"
  run "round $round: normal path" "${normal[@]}"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
