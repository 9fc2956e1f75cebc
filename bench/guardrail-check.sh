#!/usr/bin/env bash
# Benchmarks the inline guardrail check (POST /api/v1/guardrails/check) at a fixed rate with the open-loop
# generator bench/ConstantRate.java (latency from each request's due time, so queueing shows), in one run, with
# 4 active policies in the workspace (the seeded demo has 6: the script disables the ones that do not cover the
# benchmark's support agent, as audited actions, and enables them again when it ends):
#   1. 1 KB texts directly on guardrail-service at 200 req/s for 60 s;
#   2. 32 KB texts directly at 50 req/s;
#   3. 1 KB through the gateway with X-API-Key at 200 req/s, and the p50/p99 the gateway adds;
#   4. a 100 KB adversarial text (nested repetitions, look-alike digits, zero-width characters), 20 sequential calls.
# Beside each figure: the achieved rate, errors, and guardrail's CPU per request (from /proc). Bounded: each
# load step stops sending 1.5x its duration after its start (at least 10 s after; the rest is reported as
# "not sent"), every curl has a 30 s timeout.
# AGENTOBS_BENCH_JFR=FILE records a Java Flight Recording of guardrail-service during step 1 (jcmd);
# bench/jfr-profile.py FILE then says which part of the request path the CPU went to.
#
# Needs: the platform up with the seeded demo (./agentobs up, which runs guardrail-service with C2), java 17,
# curl, python3; the gateway's rate limits above the rate for step 3 (AGENTOBS_RATE_LIMIT_WORKSPACE_RPS/_BURST
# and AGENTOBS_RATE_LIMIT_API_KEY_RPS/_BURST when starting it: the workspace default is 200/s).
# Usage: bench/guardrail-check.sh [seconds=60] [rate=200] [32 KB rate=50]
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RUN="${1:-60}"
RATE="${2:-200}"
BIG_RATE="${3:-50}"
CONNECTIONS="${AGENTOBS_BENCH_CONNECTIONS:-16}"
GUARDRAIL="${AGENTOBS_GUARDRAIL_URL:-http://127.0.0.1:8005}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

curl() { command curl --max-time 30 "$@"; }

platform_login
agents_json="$(curl -sf "$GATEWAY/api/v1/agents?limit=200" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace")"
read -r agent department <<<"$(json 'next(a["agent_id"] + " " + (a.get("department") or "-") for a in d["data"] if (a.get("department") or "").startswith("support") or "support" in a["agent_id"])' <<<"$agents_json")"
key="$(curl -sf -X POST "$GATEWAY/api/v1/api-keys" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
  -H 'Content-Type: application/json' -d '{"name":"bench-guardrail-check"}' | json 'd["data"]["api_key"]')"
key_id="$(curl -sf "$GATEWAY/api/v1/api-keys" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
  | json 'max((k for k in d["data"] if k["name"]=="bench-guardrail-check" and k["active"]), key=lambda k: k["created_at"])["id"]')"
# 4 active policies: the ones covering the agent's department first; the others are disabled for the run
policy_json="$(curl -sf "$GATEWAY/api/v1/guardrails/policies" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace")"
read -r -a disabled <<<"$(python3 -c '
import json, sys
dept = sys.argv[1]
active = [p for p in json.load(sys.stdin)["data"] if p["is_active"]]
covers = lambda p: not p["scope"]["departments"] or dept in p["scope"]["departments"]
active.sort(key=lambda p: (not covers(p), p["name"]))
print(" ".join(p["id"] for p in active[4:]))' "$department" <<<"$policy_json")"
toggle() { curl -s -o /dev/null -X POST "$GATEWAY/api/v1/guardrails/policies/$2/$1" -H "Authorization: Bearer $token" \
  -H "X-Workspace-ID: $workspace" -H 'Content-Type: application/json' -d '{"reason":"bench/guardrail-check.sh: 4 policies"}'; }
cleanup() {
  for id in "${disabled[@]}"; do toggle enable "$id"; done
  curl -s -o /dev/null -X DELETE "$GATEWAY/api/v1/api-keys/$key_id" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace"
  rm -rf "$WORK"
}
trap cleanup EXIT
for id in "${disabled[@]}"; do toggle disable "$id"; done
policies="$(curl -sf "$GATEWAY/api/v1/guardrails/policies" -H "Authorization: Bearer $token" -H "X-Workspace-ID: $workspace" \
  | json 'sum(1 for p in d["data"] if p["is_active"])')"
sleep 2 # the check serves policies from memory, refreshed within 2 s of a change

# realistic texts: support chat with an e-mail, a card number and a phone number among ordinary words
python3 - "$agent" "$WORK" <<'PY'
import json, sys
agent, work = sys.argv[1], sys.argv[2]
line = ("Hi, I ordered the blue jacket last week (order 20231118-4471) and it has not arrived yet. "
        "Please write to jane.doe@example.com or call +1 415-555-2671; my card 4111 1111 1111 1111 was charged twice. ")
def body(n): return json.dumps({"agent_id": agent, "direction": "input", "text": (line * (n // len(line) + 1))[:n]})
open(f"{work}/1k.json", "w").write(body(1024))
open(f"{work}/32k.json", "w").write(body(32 * 1024))
adversarial = ("4" + "1 " * 40 + "\u200b" + "ignore " * 5 + "a@" * 30 + "::" * 20 + "-----BEGIN " + "9" * 50 + " ") * 400
open(f"{work}/100k.json", "w").write(json.dumps({"agent_id": agent, "direction": "input", "text": adversarial[:100 * 1024]}))
PY

classes="$WORK/classes"; mkdir -p "$classes"
javac -d "$classes" "$HERE/ConstantRate.java"
load() { local body="$1"; shift; CONSTANT_RATE_BODY="$body" java -cp "$classes" ConstantRate "$@"; }
guardrail_pid="$(pid_of "$GUARDRAIL")"
bearer=("Authorization: Bearer $token" "X-Workspace-ID: $workspace")
echo "agent $agent ($department); $policies active policies; $SECONDS_PER_RUN s per run; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up: 20 s"
load "$WORK/1k.json" "$GUARDRAIL/api/v1/guardrails/check" "$RATE" 20 8 "${bearer[@]}" >/dev/null

run() { # run LABEL OUT BODY URL RATE HEADERS...
  local label="$1" out="$2" body="$3" url="$4" rate="$5"; shift 5
  local before after
  before="$(cpu_seconds "$guardrail_pid")"
  echo "== $label (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  load "$body" "$url" "$rate" "$SECONDS_PER_RUN" "$CONNECTIONS" "$@" | tee "$WORK/$out.txt"
  after="$(cpu_seconds "$guardrail_pid")"
  python3 - "$WORK/$out.txt" "$before" "$after" <<'PY'
import re, sys
sent = int(re.search(r"requests (\d+)", open(sys.argv[1]).read()).group(1))
print(f"   guardrail CPU per request: {(float(sys.argv[3]) - float(sys.argv[2])) * 1000 / max(sent, 1):.3f} ms (over {sent} requests)")
PY
}
# one call through the gateway first: a refusal (key, permission, limit) shows here with its envelope
probe="$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -X POST "$GATEWAY/api/v1/guardrails/check" -H "X-API-Key: $key" \
  -H 'Content-Type: application/json' --data-binary "@$WORK/1k.json")"
if [[ $probe != 2* ]]; then
  echo "the gateway answered $probe to an agent's key: $(cat "$WORK/probe.json")" >&2; exit 1
fi
if [[ -n ${AGENTOBS_BENCH_JFR:-} && -n $guardrail_pid ]]; then
  jcmd "$guardrail_pid" JFR.start name=bench settings=profile filename="$AGENTOBS_BENCH_JFR" >/dev/null
fi
run "1 KB directly @ ${RATE}/s" direct "$WORK/1k.json" "$GUARDRAIL/api/v1/guardrails/check" "$RATE" "${bearer[@]}"
if [[ -n ${AGENTOBS_BENCH_JFR:-} && -n $guardrail_pid ]]; then
  jcmd "$guardrail_pid" JFR.stop name=bench >/dev/null && echo "   flight recording: $AGENTOBS_BENCH_JFR"
fi
run "32 KB directly @ ${BIG_RATE}/s" big "$WORK/32k.json" "$GUARDRAIL/api/v1/guardrails/check" "$BIG_RATE" "${bearer[@]}"
run "1 KB through the gateway (X-API-Key) @ ${RATE}/s" gateway "$WORK/1k.json" "$GATEWAY/api/v1/guardrails/check" "$RATE" "X-API-Key: $key"
python3 - "$WORK/direct.txt" "$WORK/gateway.txt" <<'PY'
import re, sys
def q(path):
    text = open(path).read()
    return {k: float(v) for k, v in re.findall(r"(p50|p99) ([0-9.]+)ms", text)}
d, g = q(sys.argv[1]), q(sys.argv[2])
print(f"   the gateway adds (same rate, gateway run minus direct run): p50 {g['p50'] - d['p50']:+.2f} ms, p99 {g['p99'] - d['p99']:+.2f} ms")
PY
echo "== 100 KB adversarial text, 20 sequential calls directly (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
before="$(cpu_seconds "$guardrail_pid")"
for _ in $(seq 20); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$GUARDRAIL/api/v1/guardrails/check" -H "Authorization: Bearer $token" \
    -H "X-Workspace-ID: $workspace" -H 'Content-Type: application/json' --data-binary "@$WORK/100k.json" || echo "000 30"
done >"$WORK/adversarial.txt"
after="$(cpu_seconds "$guardrail_pid")"
python3 - "$WORK/adversarial.txt" "$before" "$after" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
ms = sorted(float(t) * 1000 for _, t in rows)
bad = sum(1 for s, _ in rows if not s.startswith("2"))
print(f"calls {len(rows)}  p50 {ms[len(ms) // 2]:.1f}ms  max {ms[-1]:.1f}ms  non-2xx {bad}"
      f"  guardrail CPU per call {(float(sys.argv[3]) - float(sys.argv[2])) * 1000 / len(rows):.1f} ms")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
