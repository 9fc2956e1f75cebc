#!/usr/bin/env bash
# What the parts of the write path's trace INSERT cost inside PostgreSQL (not part of mvn verify). One command:
#
#   bench/insert-statement-cost.sh [DATABASE]      (default agentobs; any migrated database with a workspace)
#
# Builds BENCH_ROWS (2000) trace rows of ~1 KB in a temp table, then times, each in its own transaction that is
# rolled back (nothing is kept), BENCH_REPEAT (5) rounds interleaved round-robin, medians reported:
#   A  the write path's statement (TraceInserts.INSERT_TRACES shape: NOT EXISTS probe + ON CONFLICT DO NOTHING +
#      RETURNING + the experiment-arm CASE)
#   B  A without ON CONFLICT
#   C  a plain INSERT ... SELECT of the same rows
#   D  C with the foreign-key triggers off (session_replication_role = replica): what the two FK checks per row
#      (workspace_id, department_id) cost
#   E  COPY FROM a file of the same rows (the bulk-load floor with the same indexes and FKs)
# The rows come from a temp table, so the JDBC array encoding and network of the real writer are not in these figures.
# Needs psql and a superuser over the local socket (runuser -u postgres) or PGUSER/PGPASSWORD of one.
set -euo pipefail
DB=${1:-agentobs}
ROWS=${BENCH_ROWS:-2000}
REPEAT=${BENCH_REPEAT:-5}
psql_super() {
  if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- psql -X -q -d "$DB" "$@"); else psql -X -q -d "$DB" "$@"; fi
}
ws=$(psql_super -Atc "SELECT w.id FROM workspaces w JOIN departments d ON d.workspace_id = w.id LIMIT 1")
[[ -n $ws ]] || { echo "no workspace with a department in $DB" >&2; exit 1; }
csv=$(mktemp /tmp/insert-cost.XXXXXX.csv); chmod 666 "$csv"; trap 'rm -f "$csv"' EXIT
cols="workspace_id, trace_id, agent_id, timestamp, input, output, error, latency_ms, status, model, model_provider,
      tokens_input, tokens_output, tokens_total, cost_usd, cost_source, department_id, environment, version,
      agent_version, intent_category, user_segment, sample_rate, user_id, session_id, metadata, totals_from_spans,
      span_count"
sel="u.ws, u.trace_id, u.agent_id, u.ts::timestamptz, u.input, u.output, u.error, u.latency_ms, u.status, u.model,
     u.provider, u.tokens_input, u.tokens_output, u.tokens_total, u.cost_usd, u.cost_source, u.department_id::uuid,
     u.environment, u.version, u.agent_version, u.intent_category, u.user_segment, u.sample_rate, u.user_id,
     u.session_id, u.metadata::jsonb, u.from_spans, u.span_count"
setup="
CREATE TEMP TABLE u AS
SELECT '$ws'::uuid AS ws, md5(random()::text || g) AS trace_id, 'agent-' || (g % 50) AS agent_id,
       (now() - (g || ' seconds')::interval)::text AS ts, repeat('input text ', 30) AS input,
       repeat('output text ', 40) AS output, NULL::text AS error, 800 + g % 500 AS latency_ms, 'success'::text AS status,
       'gpt-4o'::text AS model, 'openai'::text AS provider, 300 AS tokens_input, 200 AS tokens_output, 500 AS tokens_total,
       0.0123::numeric AS cost_usd, 'catalog'::text AS cost_source,
       (SELECT id FROM departments WHERE workspace_id = '$ws' LIMIT 1)::text AS department_id,
       'production'::text AS environment, 'v2.1'::text AS version, 'v2.1'::text AS agent_version,
       'support'::text AS intent_category, 'regular'::text AS user_segment, 1 AS sample_rate, 'user-' || (g % 300) AS user_id,
       'sess-' || (g % 400) AS session_id, '{\"k\":\"v\",\"n\":1}'::text AS metadata, false AS from_spans, 3 AS span_count
FROM generate_series(1, $ROWS) g;
COPY (SELECT $sel FROM u) TO '$csv' CSV;"
declare -A stmt
stmt[A]="INSERT INTO traces ($cols, experiment_variant_id) SELECT $sel,
  CASE WHEN u.metadata::jsonb ->> 'experiment_variant_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\$'
       THEN (u.metadata::jsonb ->> 'experiment_variant_id')::uuid END
  FROM u WHERE NOT EXISTS (SELECT 1 FROM traces t WHERE t.workspace_id = (SELECT '$ws'::uuid) AND t.trace_id = u.trace_id OFFSET 0)
  ON CONFLICT DO NOTHING RETURNING trace_id"
stmt[B]="INSERT INTO traces ($cols) SELECT $sel FROM u
  WHERE NOT EXISTS (SELECT 1 FROM traces t WHERE t.workspace_id = (SELECT '$ws'::uuid) AND t.trace_id = u.trace_id OFFSET 0)
  RETURNING trace_id"
stmt[C]="INSERT INTO traces ($cols) SELECT $sel FROM u"
stmt[D]="SET LOCAL session_replication_role = replica; INSERT INTO traces ($cols) SELECT $sel FROM u"
stmt[E]="COPY traces ($cols) FROM '$csv' CSV"
script="$setup"
for ((r = 1; r <= REPEAT; r++)); do
  for v in A B C D E; do
    script+="
BEGIN; SELECT clock_timestamp() AS t0 \\gset
${stmt[$v]} \\g /dev/null
SELECT '$v', round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000, 1); ROLLBACK;"
  done
done
echo "$ROWS rows x $REPEAT rounds into traces of $DB (workspace $ws); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "$script" | psql_super -At -F ' ' | awk '
  NF == 2 && $1 ~ /^[A-E]$/ { v[$1] = v[$1] " " $2 }
  END {
    split("A B C D E", order, " ")
    name["A"] = "write-path statement"; name["B"] = "without ON CONFLICT"; name["C"] = "plain INSERT SELECT"
    name["D"] = "plain, FK triggers off"; name["E"] = "COPY"
    for (i = 1; i <= 5; i++) {
      k = order[i]; n = split(substr(v[k], 2), a, " "); asort(a); med = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      if (k == "A") base = med
      printf "%s  %-24s median %8.1f ms  (%5.1f us/row, %.2f of A)\n", k, name[k], med, med * 1000 / '"$ROWS"', med / base
    }
  }'
