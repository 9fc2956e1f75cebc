#!/usr/bin/env bash
# Anomaly-rule recall on the seeded demo (issue 22's done-when line, on real seeded data rather than the
# synthetic fixture of AnomalyRecallIT). Replays an error-rate anomaly rule grouped by agent (window 60 min,
# for 0 min, z >= 4, direction up, min volume 20: the settings AnomalyRecallIT uses) hourly over the last
# 56 days of the demo with the product's rule preview (RulePreview, the evaluator's own observations, in
# 7-day previews), rebuilds the seeder's plan (synthetic-data OrgPlanner via bench/SeededIncidentWindows.java,
# from the seed options recorded on the workspace) to get the incident windows it injected and the problem
# agents it injected them on (an incident raises only those agents' errors: x3, and latency x2),
# and prints the windows, every firing, recall, false alerts per agent per week, and false alerts at
# night (00-06 UTC) or on weekends. Reads only: nothing is saved, no notification is sent, no platform
# is started (so no platform flock is needed).
#
# Database: AGENTOBS_DB_URL (default jdbc:postgresql://127.0.0.1:5432/agentobs_pf_incidents). If its
# demo-org workspace does not hold a 90-day seed, the script reseeds it with './agentobs seed --reset --yes'
# (the default demo: 90 days, 100 agents, ~630k traces; 1 min 31 s on the quiet 2-core box, 3 min 20 s at a
# load average of ~15, plus a build if sources changed). The replay (~45 s with its build steps) is bounded
# by BENCH_TIMEOUT (default 900 s).
# Knobs (system properties of the replay): RECALL_DAYS (56), RECALL_WINDOW (60), RECALL_Z (4), RECALL_MIN_VOLUME (20).
# Usage: bench/anomaly-recall-seeded.sh [> bench/results/anomaly-recall-seeded-<date>.txt]
set -euo pipefail
cd "$(dirname "$0")/.."
export AGENTOBS_DB_URL="${AGENTOBS_DB_URL:-jdbc:postgresql://127.0.0.1:5432/agentobs_pf_incidents}"
# the replay touches no Redis key, but the context connects: keep it off the platform's index
export AGENTOBS_REDIS_URL="${AGENTOBS_REDIS_URL:-redis://127.0.0.1:6379/4}"
DB_NAME="${AGENTOBS_DB_URL##*/}"
PSQL=(psql -h 127.0.0.1 -U "${AGENTOBS_DB_OWNER:-agentobs}" -d "$DB_NAME" -Atq)

days="$("${PSQL[@]}" -c "SELECT coalesce((settings->>'days')::int, 0) FROM workspaces WHERE slug = 'demo-org'" 2>/dev/null || true)"
if [[ "${days:-0}" -lt 90 ]]; then
  echo "==> $DB_NAME holds no 90-day demo seed (days=${days:-none}): seeding it (./agentobs seed --reset --yes)"
  start=$SECONDS
  ./agentobs seed --reset --yes >&2
  echo "    seeded in $((SECONDS - start)) s"
else
  echo "==> $DB_NAME holds a ${days}-day demo seed: reusing it"
fi

echo "==> Building alert-service (test classes) and synthetic-data"
mvn -B -q install -DskipTests -pl alert-service,synthetic-data -am >&2
mvn -B -q test-compile -pl alert-service >&2
mvn -B -q dependency:build-classpath -pl synthetic-data -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$PWD/synthetic-data/target/runtime.cp" >&2

echo "==> Injected incidents (the seeder's plan, rebuilt from the options recorded on the workspace)"
read -r ws seed sdays agents users rate end_date < <("${PSQL[@]}" -F' ' -c "SELECT id, settings->>'seed',
  settings->>'days', settings->>'agents', settings->>'users', settings->>'sample_rate', settings->>'end_date'
  FROM workspaces WHERE slug = 'demo-org'")
plan="$(java -cp "synthetic-data/target/classes:$(cat synthetic-data/target/runtime.cp)" bench/SeededIncidentWindows.java \
  "$ws" "$seed" "$sdays" "$agents" "$users" "$rate" "$end_date")"
echo "$plan"
windows="$(awk '$1 == "window" { printf "%s%s/%s", n++ ? "," : "", $2, $3 }' <<<"$plan")"
problem="$(awk '$1 == "agent" { printf "%s%s", n++ ? "," : "", $2 }' <<<"$plan")"
# a live seed stops at the time it ran; a replay must not run past the data
seeded_until="$("${PSQL[@]}" -c "SELECT to_char(date_trunc('hour', max(hour)) AT TIME ZONE 'UTC',
  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM traces_agent_hourly WHERE workspace_id = '$ws'")"

echo "==> Replaying (load average before: $(cut -d' ' -f1-3 /proc/loadavg), nproc $(nproc))"
timeout "${BENCH_TIMEOUT:-900}" mvn -B -q -pl alert-service exec:java \
  -Dexec.mainClass=com.agentobs.alert.bench.SeededAnomalyRecall -Dexec.classpathScope=test \
  -Dexec.cleanupDaemonThreads=false -Drecall.workspace-id="$ws" -Drecall.windows="$windows" -Drecall.problem-agents="$problem" \
  -Drecall.seeded-until="$seeded_until" \
  -Drecall.days="${RECALL_DAYS:-56}" -Drecall.window-minutes="${RECALL_WINDOW:-60}" \
  -Drecall.z="${RECALL_Z:-4}" -Drecall.min-volume="${RECALL_MIN_VOLUME:-20}"
