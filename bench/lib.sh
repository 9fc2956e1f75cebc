# Shared by the benchmarks that drive a running platform; source it after `set -euo pipefail`.
# GATEWAY, EMAIL and PASSWORD default to the local demo (AGENTOBS_BASE_URL, AGENTOBS_BENCH_EMAIL/_PASSWORD).
GATEWAY="${AGENTOBS_BASE_URL:-http://127.0.0.1:8000}"
EMAIL="${AGENTOBS_BENCH_EMAIL:-admin@agentobs.dev}"
PASSWORD="${AGENTOBS_BENCH_PASSWORD:-agentobs-demo}"

# json EXPR: evaluates a Python expression over the JSON on stdin (bound to d) and prints it
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
# pid_of URL-or-port: the pid listening on that port, empty when none
pid_of() { local port="${1##*:}"; port="${port%%/*}"; ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
# cpu_seconds PID: user + system CPU seconds of the process so far (0 when it is gone)
cpu_seconds() { [[ -n $1 && -r /proc/$1/stat ]] && awk '{printf "%.2f", ($14+$15)/100}' "/proc/$1/stat" || echo 0; }

# platform_login: signs in through the gateway and sets token and workspace (the first workspace of the user)
platform_login() {
  local login
  login="$(command curl -sf --max-time 30 -X POST "$GATEWAY/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}")" || { echo "login failed: is the platform up?" >&2; exit 1; }
  token="$(json 'd["data"]["access_token"]' <<<"$login")"
  workspace="$(json 'd["data"]["workspaces"][0]["workspace_id"]' <<<"$login")"
}
