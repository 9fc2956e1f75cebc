#!/usr/bin/env bash
# Benchmarks the path agents hit on every request — GET /api/v1/agents/{agent_id}/config —
# directly on guardrail-service and through the gateway (bearer token and X-API-Key), side by
# side in one run, so the gateway's added latency is measured too (issues 3 and 7).
#
# Needs: the platform running (./agentobs up) with the seeded demo workspace, wrk (apt-get install wrk).
# Usage: bench/config-read.sh [seconds=20] [connections=8] [agent_id=engineering-code-assistant-1]
set -euo pipefail
SECONDS_PER_RUN="${1:-20}"
CONNECTIONS="${2:-8}"
AGENT="${3:-}"
GATEWAY="${AGENTOBS_BASE_URL:-http://127.0.0.1:8000}"
GUARDRAIL="${AGENTOBS_GUARDRAIL_URL:-http://127.0.0.1:8005}"
EMAIL="${AGENTOBS_BENCH_EMAIL:-admin@agentobs.dev}"
PASSWORD="${AGENTOBS_BENCH_PASSWORD:-agentobs-demo}"

command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 2; }
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }

login="$(curl -sf -X POST "$GATEWAY/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}")" || { echo "login failed: is the platform up?" >&2; exit 1; }
token="$(json 'd["data"]["access_token"]' <<<"$login")"
workspace="$(json 'd["data"]["workspaces"][0]["workspace_id"]' <<<"$login")"
if [[ -z $AGENT ]]; then
  AGENT="$(curl -sf "$GATEWAY/api/v1/agents?limit=1" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
    | json 'd["data"][0]["agent_id"]')"
fi
key="$(curl -sf -X POST "$GATEWAY/api/v1/api-keys" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
  -H 'Content-Type: application/json' -d '{"name":"bench-config-read"}' | json 'd["data"]["api_key"]')"
key_id="$(curl -sf "$GATEWAY/api/v1/api-keys" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
  | json '[k["id"] for k in d["data"] if k["name"]=="bench-config-read"][-1]')"
trap 'curl -s -o /dev/null -X DELETE "$GATEWAY/api/v1/api-keys/$key_id" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace"' EXIT

path="/api/v1/agents/$AGENT/config"
echo "agent $AGENT, $SECONDS_PER_RUN s per run, $CONNECTIONS connections, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # run LABEL URL HEADER...
  local label="$1" url="$2"; shift 2
  local args=()
  for h in "$@"; do args+=(-H "$h"); done
  wrk -t2 -c"$CONNECTIONS" -d5s "${args[@]}" "$url" >/dev/null   # warm-up (JIT, pools, caches)
  local out; out="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${args[@]}" "$url")"
  printf '%-34s %10s req/s  p50 %8s  p90 %8s  p99 %8s  non-2xx %s\n' "$label" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="90%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" "$(awk '/Non-2xx/ {print $NF}' <<<"$out" | grep . || echo 0)"
}
run "direct guardrail (bearer)" "$GUARDRAIL$path" "Authorization: Bearer $token" "X-Workspace-ID: $workspace"
run "gateway (bearer)" "$GATEWAY$path" "Authorization: Bearer $token" "X-Workspace-ID: $workspace"
run "gateway (X-API-Key, agent path)" "$GATEWAY$path" "X-API-Key: $key"
