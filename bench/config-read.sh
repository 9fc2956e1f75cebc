#!/usr/bin/env bash
# Benchmarks the path agents hit on every request — GET /api/v1/agents/{agent_id}/config — at fixed
# rates with an open-loop load generator (bench/ConstantRate.java: latency counted from each request's
# due time, so queueing shows), in one run:
#   1. directly on guardrail-service at the issue-7 rate (default 2,000 req/s);
#   2. at the issue-3 rate (default 500 req/s): directly, through the gateway with a bearer token, and
#      through the gateway with X-API-Key — and prints what the gateway adds (p50/p99).
# Beside each figure: achieved rate, the CPU time each server process spent per request (from
# /proc, so the cost is visible even when a busy machine inflates latency), and the load average.
#
# Needs: gateway and guardrail running (./agentobs up, or your own jars on other ports) with the seeded
# demo workspace, java 17, curl, python3. Start the gateway with rate limits above the test rates
# (AGENTOBS_RATE_LIMIT_WORKSPACE_RPS/_BURST, AGENTOBS_RATE_LIMIT_API_KEY_RPS/_BURST), otherwise most
# requests are answered 429 (which is the limiter working).
# Usage: bench/config-read.sh [seconds=20] [config_rate=2000] [gateway_rate=500] [agent_id]
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RUN="${1:-20}"
CONFIG_RATE="${2:-2000}"
GATEWAY_RATE="${3:-500}"
AGENT="${4:-}"
CONNECTIONS="${AGENTOBS_BENCH_CONNECTIONS:-32}"
WARMUP="${AGENTOBS_BENCH_WARMUP_SECONDS:-30}"
GUARDRAIL="${AGENTOBS_GUARDRAIL_URL:-http://127.0.0.1:8005}"
HERE="$(cd "$(dirname "$0")" && pwd)"

platform_login
if [[ -z $AGENT ]]; then
  AGENT="$(curl -sf "$GATEWAY/api/v1/agents?limit=1" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
    | json 'd["data"][0]["agent_id"]')" || { echo "cannot list agents (query-service down?): pass agent_id" >&2; exit 1; }
fi
key="$(curl -sf -X POST "$GATEWAY/api/v1/api-keys" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
  -H 'Content-Type: application/json' -d '{"name":"bench-config-read"}' | json 'd["data"]["api_key"]')"
key_id="$(curl -sf "$GATEWAY/api/v1/api-keys" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
  | json 'max((k for k in d["data"] if k["name"]=="bench-config-read" and k["active"]), key=lambda k: k["created_at"])["id"]')"
trap 'curl -s -o /dev/null -X DELETE "$GATEWAY/api/v1/api-keys/$key_id" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace"' EXIT

path="/api/v1/agents/$AGENT/config"
gateway_pid="$(pid_of "$GATEWAY")"
guardrail_pid="$(pid_of "$GUARDRAIL")"
bearer=("Authorization: Bearer $token" "X-Workspace-ID: $workspace")
echo "agent $AGENT; $SECONDS_PER_RUN s per run, $CONNECTIONS connections, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# compile the generator once (java single-file launch would recompile on every run)
classes="$(mktemp -d)"
javac -d "$classes" "$HERE/ConstantRate.java"
load() { java -cp "$classes" ConstantRate "$@"; }

echo "warm-up: $WARMUP s through the gateway (JIT, pools, caches)"
load "$GATEWAY$path" 300 "$WARMUP" 8 "${bearer[@]}" >/dev/null
load "$GATEWAY$path" 300 "$((WARMUP / 2))" 8 "X-API-Key: $key" >/dev/null
load "$GUARDRAIL$path" 1000 "$((WARMUP / 2))" 8 "${bearer[@]}" >/dev/null

declare -A P50 P99
run() { # run LABEL RATE URL HEADER...
  local label="$1" rate="$2" url="$3"; shift 3
  local gw0 gr0 out
  gw0="$(cpu_seconds "$gateway_pid")"; gr0="$(cpu_seconds "$guardrail_pid")"
  out="$(load "$url" "$rate" "$SECONDS_PER_RUN" "$CONNECTIONS" "$@")"
  local requests; requests="$(awk '{for (i=1;i<=NF;i++) if ($i=="requests") print $(i+1)}' <<<"$out")"
  local cost
  cost="$(python3 -c "import sys; n=max(1,int('$requests')); print('cpu/request: guardrail %.2f ms, gateway %.2f ms' % ((float('$(cpu_seconds "$guardrail_pid")')-$gr0)*1000/n, (float('$(cpu_seconds "$gateway_pid")')-$gw0)*1000/n))")"
  printf '%-32s %s\n%-32s %s; load %s\n' "$label" "$out" "" "$cost" "$(cut -d' ' -f1 /proc/loadavg)"
  P50[$label]="$(grep -o 'p50 [0-9.]*' <<<"$out" | cut -d' ' -f2)"
  P99[$label]="$(grep -o 'p99 [0-9.]*' <<<"$out" | cut -d' ' -f2)"
}
run "direct guardrail @$CONFIG_RATE" "$CONFIG_RATE" "$GUARDRAIL$path" "${bearer[@]}"
run "direct guardrail @$GATEWAY_RATE" "$GATEWAY_RATE" "$GUARDRAIL$path" "${bearer[@]}"
run "gateway bearer @$GATEWAY_RATE" "$GATEWAY_RATE" "$GATEWAY$path" "${bearer[@]}"
run "gateway X-API-Key @$GATEWAY_RATE" "$GATEWAY_RATE" "$GATEWAY$path" "X-API-Key: $key"
direct="direct guardrail @$GATEWAY_RATE"
for via in "gateway bearer @$GATEWAY_RATE" "gateway X-API-Key @$GATEWAY_RATE"; do
  python3 -c "print('%-32s adds p50 %+.2f ms, p99 %+.2f ms over direct' % ('$via', ${P50[$via]} - ${P50[$direct]}, ${P99[$via]} - ${P99[$direct]}))"
done
rm -rf "$classes"
