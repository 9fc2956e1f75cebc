#!/usr/bin/env bash
# Anomaly-rule recall on the seeded demo (issue 22's done-when line, on real seeded data rather than the
# synthetic fixture of AnomalyRecallIT). Replays the demo workspace's own anomaly rules (the seeder's
# "Agent error-rate anomaly" and "Department error-rate anomaly", plus the "Department traffic drop" volume
# rule) hourly over the last 77 days of the demo with the product's rule preview (RulePreview, the
# evaluator's own observations, in 7-day previews), rebuilds the seeder's plan (synthetic-data OrgPlanner via
# bench/SeededIncidentWindows.java, from the seed options recorded on the workspace) to get the ~30 incident
# windows it injected (severity, department, affected agents), and prints the windows, every firing, recall
# (windows with a firing on an affected agent or their department), false alerts per agent per week, and false
# alerts at night (00-06 UTC) or on weekends. Reads only: nothing is saved, no notification is sent, no
# platform is started (so no platform flock is needed).
#
# Database: AGENTOBS_DB_URL (default jdbc:postgresql://127.0.0.1:5432/agentobs_pf_incidents). If its
# demo-org workspace does not hold a 90-day seed (or RESEED=1), the script reseeds it with
# './agentobs seed --reset --yes' (the default demo: 90 days, 100 agents, ~630k traces). The replay is
# bounded by BENCH_TIMEOUT (default 900 s).
# Knob: RECALL_DAYS (77: the first two weeks of 90 are the baseline an anomaly rule needs).
# Usage: bench/anomaly-recall-seeded.sh [> bench/results/anomaly-recall-seeded-<date>.txt]
set -euo pipefail
cd "$(dirname "$0")/.."
export AGENTOBS_DB_URL="${AGENTOBS_DB_URL:-jdbc:postgresql://127.0.0.1:5432/agentobs_pf_incidents}"
# the replay touches no Redis key, but the context connects: keep it off the platform's index
export AGENTOBS_REDIS_URL="${AGENTOBS_REDIS_URL:-redis://127.0.0.1:6379/4}"
DB_NAME="${AGENTOBS_DB_URL##*/}"
PSQL=(psql -h 127.0.0.1 -U "${AGENTOBS_DB_OWNER:-agentobs}" -d "$DB_NAME" -Atq)

days="$("${PSQL[@]}" -c "SELECT coalesce((settings->>'days')::int, 0) FROM workspaces WHERE slug = 'demo-org'" 2>/dev/null || true)"
if [[ "${days:-0}" -lt 90 || "${RESEED:-0}" == 1 ]]; then
  echo "==> $DB_NAME: reseeding (demo seed days=${days:-none}, RESEED=${RESEED:-0}): ./agentobs seed --reset --yes"
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
windows="$(awk '$1 == "window" { gsub(",", ";", $6); printf "%s%s/%s/%s/%s/%s", n++ ? "," : "", $2, $3, $4, $5, $6 }' <<<"$plan")"
# a live seed stops at the time it ran; a replay must not run past the data
seeded_until="$("${PSQL[@]}" -c "SELECT to_char(date_trunc('hour', max(hour)) AT TIME ZONE 'UTC',
  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM traces_agent_hourly WHERE workspace_id = '$ws'")"

echo "==> Replaying (load average before: $(cut -d' ' -f1-3 /proc/loadavg), nproc $(nproc))"
timeout "${BENCH_TIMEOUT:-900}" mvn -B -q -pl alert-service exec:java \
  -Dexec.mainClass=com.agentobs.alert.bench.SeededAnomalyRecall -Dexec.classpathScope=test \
  -Dexec.cleanupDaemonThreads=false -Drecall.workspace-id="$ws" -Drecall.windows="$windows" \
  -Drecall.seeded-until="$seeded_until" -Drecall.days="${RECALL_DAYS:-77}"
