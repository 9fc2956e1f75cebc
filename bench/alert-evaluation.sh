#!/usr/bin/env bash
# Measures rule-evaluation passes of a running alert-service on the seeded demo: waits for N passes of
# the scheduled evaluator (the instance holding the lease) and prints, from its Prometheus timers, the mean
# and max pass time, the mean time per rule and the rules per pass, with the load average beside them.
# A pass reads each rule's windows from traces_agent_hourly plus at most two partial hours of raw traces.
#
# Needs: alert-service running with the demo seeded (./agentobs up), curl, python3. Start it with a short
# interval to get passes quickly, e.g. AGENTOBS_ALERT_EVALUATION_INTERVAL=10s.
# Usage: bench/alert-evaluation.sh [passes=5]
set -euo pipefail
PASSES="${1:-5}"
ALERT="${AGENTOBS_ALERT_URL:-http://127.0.0.1:8006}"

scrape() {
  curl -fsS "$ALERT/actuator/prometheus" | python3 -c '
import sys
m = {}
for line in sys.stdin:
    if line.startswith("#"):
        continue
    name, _, value = line.rpartition(" ")
    key = name.split("{")[0]
    if key.startswith("agentobs_alert_evaluation_"):
        m[key] = float(value)
print(int(m.get("agentobs_alert_evaluation_pass_seconds_count", 0)),
      m.get("agentobs_alert_evaluation_pass_seconds_sum", 0.0),
      m.get("agentobs_alert_evaluation_pass_seconds_max", 0.0),
      int(m.get("agentobs_alert_evaluation_rule_seconds_count", 0)),
      m.get("agentobs_alert_evaluation_rule_seconds_sum", 0.0))'
}

read -r c0 s0 _ r0 rs0 < <(scrape)
echo "waiting for $PASSES evaluation passes on $ALERT (now at $c0)…"
while :; do
  read -r c1 s1 max r1 rs1 < <(scrape)
  (( c1 - c0 >= PASSES )) && break
  sleep 2
done
python3 - "$c0" "$s0" "$r0" "$rs0" "$c1" "$s1" "$max" "$r1" "$rs1" <<'PY'
import os, sys
c0, s0, r0, rs0, c1, s1, mx, r1, rs1 = map(float, sys.argv[1:])
passes, rules = c1 - c0, r1 - r0
print(f"passes: {passes:.0f}   mean pass: {1000 * (s1 - s0) / passes:.0f} ms   max pass (recent): {1000 * mx:.0f} ms")
print(f"rules per pass: {rules / passes:.1f}   mean per rule: {1000 * (rs1 - rs0) / max(rules, 1):.1f} ms")
print(f"load average: {os.getloadavg()[0]:.2f} (nproc {os.cpu_count()})")
PY
