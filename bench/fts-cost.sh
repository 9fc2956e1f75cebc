#!/usr/bin/env bash
# What the full-text GIN index on traces costs on inserts (not part of mvn verify). One command:
#
#   bench/fts-cost.sh
#
# Figures and their reading: docs/BENCHMARKS.md, "Ingestion end to end".
# Creates a scratch database, migrates it with the project's migration jar, and copies the real
# traces definition per variant: CREATE TABLE t_<v> (LIKE traces INCLUDING DEFAULTS INCLUDING
# CONSTRAINTS), the primary key from the real constraint definition, and the variant's indexes
# from the real index definitions of traces (pg_get_indexdef, table name rewritten), so it follows
# future migrations. LIKE copies only CHECK constraints: no FKs, RLS or triggers, so absolute rates
# are a little above the real table's. Autovacuum is disabled on the scratch tables.
#   a  all indexes of traces
#   b  all indexes except the full-text GIN (any index whose definition calls to_tsvector)
#   d  all indexes, full-text GIN with gin_pending_list_limit = 64MB; VACUUM after the COPY
#      (timed separately, plus the combined copy+vacuum rate)
#   f  tokenizing alone: SELECT count(v) FROM (SELECT <FTS index expression> v FROM t_f) s on a
#      loaded heap-only table (count(v), not count(*): the planner drops an unused column and
#      to_tsvector would never run)
#   g  all indexes except the per-column ones: keeps the primary key, the indexes whose leading
#      column is workspace_id, and the full-text GIN (today: drops the five (col, timestamp DESC)
#      btrees and the metadata GIN)
# Rows: BENCH_ROWS rows of ~800 bytes (python3, CSV under /tmp) with a realistic vocabulary:
# 3 intents whose question is repeated 6x in input, an order number, one of 200 products, a
# ticket id and 12 words from a 3,000-word vocabulary; 20 agents, 4 models, one workspace (inserted
# into workspaces), timestamps within one hour. Each variant: BENCH_REPEAT runs, interleaved
# round-robin over the variants, CHECKPOINT before every COPY, wall time of the \copy measured
# inside the psql session; medians reported, and a summary with the ratio to variant a.
# Bounded: with the defaults about 2-3 minutes on a 2-core machine; no new round starts once
# BENCH_BUDGET seconds have passed (the summary then says how many runs each median has).
# The scratch database and the CSV are removed on exit.
#
# Needs: built migration jar (mvn -B -pl db-migrations -am -DskipTests package), java,
# PostgreSQL on 127.0.0.1:5432 (superuser postgres via trust; roles agentobs/agentobs_app with
# password agentobs for the owner), psql, python3, bc.
# Env: BENCH_DB (agentobs_bench_fts; must not exist yet, it is dropped at the end),
#      BENCH_ROWS (50000), BENCH_REPEAT (3), BENCH_BUDGET seconds (300)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${BENCH_DB:-agentobs_bench_fts}
N=${BENCH_ROWS:-50000}
REPEAT=${BENCH_REPEAT:-3}
BUDGET=${BENCH_BUDGET:-300}
CSV=/tmp/bench-fts-$$.csv
export PGPASSWORD=agentobs
OWNER="psql -X -q -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -U agentobs -d $DB"
SUPER="psql -X -q -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres"
COLS='trace_id, workspace_id, agent_id, "timestamp", input, output, latency_ms, status, model, model_provider, tokens_input, tokens_output, tokens_total, cost_usd, environment, version, intent_category, user_segment, metadata'
CREATED=
cleanup() {
  rm -f "$CSV"
  if [ -n "$CREATED" ]; then $SUPER -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true; fi
}
trap cleanup EXIT
load() { uptime | sed 's/.*load/load/'; }
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
field() { echo "$2" | awk -v k="$1" '$1 == k {print $2}'; }             # field KEY TEXT
dt() { printf '%.3f\n' "$(echo "$(field "$2" "$3") - $(field "$1" "$3")" | bc)"; }  # dt FROM TO TEXT: seconds
rate() { echo "scale=0; $N / $1" | bc; }

echo "machine: $(nproc) cores, $(load), $(date -u +%FT%TZ)"
echo "server: $($SUPER -d postgres -c "SELECT 'PostgreSQL ' || current_setting('server_version') || ', ' || string_agg(name || '=' || setting || COALESCE(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'autovacuum', 'gin_pending_list_limit', 'synchronous_commit', 'fsync', 'max_wal_size', 'maintenance_work_mem', 'wal_level')")"
if [ "$($SUPER -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" = 1 ]; then
  echo "database $DB already exists (left over from a killed run?); this script drops its scratch database" \
    "at the end, so it will not reuse one: drop it (psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE $DB') or set BENCH_DB" >&2
  exit 1
fi
$SUPER -d postgres -c "CREATE DATABASE $DB OWNER agentobs"
CREATED=1
AGENTOBS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" AGENTOBS_DB_OWNER_USER=agentobs AGENTOBS_DB_OWNER_PASSWORD=agentobs \
  AGENTOBS_DB_APP_USER=agentobs_app java -XX:+UseSerialGC -jar db-migrations/target/db-migrations-exec.jar migrate \
  >/tmp/bench-fts-migrate.log 2>&1 || { cat /tmp/bench-fts-migrate.log; exit 1; }
echo "migrated $DB to $($OWNER -c "SELECT max(version) FROM flyway_schema_history WHERE success" 2>/dev/null || echo '?')"

# The real definitions, classified: pk (constraint), fts (calls to_tsvector), ws (leading column
# workspace_id), col (everything else).
echo "indexes of traces:"
$OWNER -F ' | ' -c "
SELECT CASE WHEN i.indisprimary THEN 'pk' WHEN pg_get_indexdef(i.indexrelid) ~ 'to_tsvector' THEN 'fts'
            WHEN a.attname = 'workspace_id' THEN 'ws' ELSE 'col' END, c.relname, pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
WHERE i.indrelid = 'public.traces'::regclass ORDER BY 1, 2" | sed 's/^/  /'
FTS_EXPR=$($OWNER -c "SELECT pg_get_indexdef(indexrelid, 1, true) FROM pg_index WHERE indrelid = 'public.traces'::regclass AND pg_get_indexdef(indexrelid) ~ 'to_tsvector'")
[ "$(printf '%s\n' "$FTS_EXPR" | grep -c .)" = 1 ] || { echo "expected exactly one full-text index on traces, found: $FTS_EXPR" >&2; exit 1; }
echo "full-text expression: $FTS_EXPR"

# make_table TABLE 'KINDS': fresh copy of traces with the primary key and the indexes of the given
# kinds (pk ws col fts), each real definition with its table name rewritten
make_table() {
  local t=$1 kinds
  kinds=$(tr ' ' '\n' <<<"${2:-}" | sed "s/.*/'&'/" | paste -sd,)
  $OWNER <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS $t;
CREATE TABLE $t (LIKE public.traces INCLUDING DEFAULTS INCLUDING CONSTRAINTS) WITH (autovacuum_enabled = false);
SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', '$t', '${t}_pkey', pg_get_constraintdef(oid))
FROM pg_constraint WHERE conrelid = 'public.traces'::regclass AND contype = 'p' AND 'pk' IN ($kinds) \gexec
SELECT regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX \S+ ON public\.traces ',
                      format('CREATE \1INDEX %I ON %I ', '${t}_' || c.relname, '$t'))
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
WHERE i.indrelid = 'public.traces'::regclass AND NOT i.indisprimary
  AND CASE WHEN pg_get_indexdef(i.indexrelid) ~ 'to_tsvector' THEN 'fts'
           WHEN a.attname = 'workspace_id' THEN 'ws' ELSE 'col' END IN ($kinds) \gexec
SQL
}
declare -A KINDS=([a]="pk ws col fts" [b]="pk ws col" [d]="pk ws col fts" [g]="pk ws fts")
declare -A DESC=([a]="all indexes" [b]="without the full-text GIN" [d]="full-text GIN with 64MB pending list"
  [f]="to_tsvector alone (SELECT count(v))" [g]="without per-column btrees and metadata GIN")

WS=$($OWNER -c "INSERT INTO workspaces (name, slug) VALUES ('bench-fts', 'bench-fts-$$') RETURNING id" | head -1)
python3 - "$WS" "$N" >"$CSV" <<'PY'
import csv, datetime, random, sys, uuid
ws, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(42)
syll = ["ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui", "ro", "sa", "te", "vi", "wo", "xa", "ze",
        "bri", "cla", "dre", "fla", "gro", "pla", "stu", "tri"]
vocab = set()
while len(vocab) < 3000:
    vocab.add("".join(rnd.choice(syll) for _ in range(rnd.randint(2, 4))))
vocab = sorted(vocab)
products = ["%s %s" % (rnd.choice(["Ultra", "Pro", "Mini", "Max", "Eco", "Smart", "Classic", "Turbo"]), rnd.choice(vocab).capitalize())
            for _ in range(200)]
intents = [("account", "How do I reset my password? ", "Open settings, choose security, then reset password."),
           ("orders", "Where is my order? ", "Your order has shipped and arrives in two days."),
           ("billing", "Can I get a refund for my last purchase? ", "Refunds go to the original payment method.")]
agents = ["support-bot-%d" % i for i in range(20)]
models = [("gpt-4-turbo", "openai"), ("gpt-4o-mini", "openai"), ("claude-3-5-sonnet", "anthropic"), ("gemini-1.5-pro", "google")]
segments = ["power_user", "regular", "new", "dormant"]
now = datetime.datetime.now(datetime.timezone.utc)
out = csv.writer(sys.stdout, lineterminator="\n")
for i in range(n):
    cat, q, a = intents[i % 3]
    order, product, ticket = "ORD-%07d" % rnd.randint(0, 9999999), rnd.choice(products), "TCK-%06d" % rnd.randint(0, 999999)
    words = " ".join(rnd.choice(vocab) for _ in range(12))
    inp = "%sOrder %s for %s, ticket %s. Customer notes: %s." % (q * 6, order, product, ticket, words)
    outp = "%s Regarding order %s (%s), ticket %s: %s." % (a, order, product, ticket, " ".join(rnd.choice(vocab) for _ in range(12)))
    model, provider = rnd.choice(models)
    ti, to = rnd.randint(50, 2000), rnd.randint(20, 1000)
    ts = (now - datetime.timedelta(seconds=rnd.random() * 3600)).isoformat()
    out.writerow([str(uuid.UUID(int=rnd.getrandbits(128), version=4)), ws, rnd.choice(agents), ts, inp, outp, rnd.randint(80, 4000),
                  "success" if rnd.random() < 0.95 else "error", model, provider, ti, to, ti + to, "%.6f" % (rnd.random() / 20),
                  "production", "v2.1", cat, rnd.choice(segments), '{"channel": "web"}'])
PY
echo "rows: $N, $(($(wc -c <"$CSV") / N)) bytes each ($(($(wc -c <"$CSV") / 1048576)) MB CSV), workspace $WS"

# run_copy TABLE [vacuum]: CHECKPOINT, then \copy (and VACUUM) timed inside one psql session; prints "copy_s [vacuum_s]"
run_copy() {
  $SUPER -d "$DB" -c CHECKPOINT
  local out
  out=$($OWNER <<SQL
\! date +"t0 %s.%N"
\copy $1 ($COLS) FROM '$CSV' WITH (FORMAT csv)
\! date +"t1 %s.%N"
$( [ "${2:-}" = vacuum ] && echo "VACUUM $1;" )
\! date +"t2 %s.%N"
SELECT count(*) AS n FROM $1 \gset
\echo rows :n
SQL
)
  [ "$(field rows "$out")" = "$N" ] || { echo "$1: expected $N rows, got $(field rows "$out")" >&2; exit 1; }
  if [ "${2:-}" = vacuum ]; then echo "$(dt t0 t1 "$out") $(dt t1 t2 "$out")"; else dt t0 t1 "$out"; fi
}

declare -A TIMES VAC TOTAL RUNS
START=$SECONDS
echo
echo "== COPY runs ($(load)) =="
for r in $(seq 1 "$REPEAT"); do
  if [ "$r" -gt 1 ] && [ $((SECONDS - START)) -ge "$BUDGET" ]; then
    echo "budget of $BUDGET s used up after $((r - 1)) rounds; stopping"; break
  fi
  for v in a b d g; do
    make_table "t_$v" "${KINDS[$v]}"
    if [ "$v" = d ]; then
      $OWNER <<<"SELECT format('ALTER INDEX %I SET (gin_pending_list_limit = 65536)', c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 't_d'::regclass AND pg_get_indexdef(i.indexrelid) ~ 'to_tsvector' \gexec"
      res=$(run_copy t_d vacuum); read -r c s <<<"$res"
      tot=$(printf '%.3f' "$(echo "$c + $s" | bc)")
      VAC[$v]="${VAC[$v]:-} $s"; TOTAL[$v]="${TOTAL[$v]:-} $tot"
      echo "round $r d: copy $c s ($(rate "$c") rows/s), VACUUM $s s, together $tot s ($(rate "$tot") rows/s)"
    else
      c=$(run_copy "t_$v")
      echo "round $r $v: copy $c s ($(rate "$c") rows/s)"
    fi
    TIMES[$v]="${TIMES[$v]:-} $c"; RUNS[$v]=$(( ${RUNS[$v]:-0} + 1 ))
    $OWNER -c "DROP TABLE t_$v"
  done
done

echo
echo "== f: tokenizing alone ($(load)) =="
make_table t_f
run_copy t_f >/dev/null
$OWNER -c "SELECT count(*) FROM t_f" >/dev/null  # warm the cache
for r in $(seq 1 "${RUNS[a]}"); do
  out=$($OWNER <<SQL
\! date +"t0 %s.%N"
SELECT count(v) FROM (SELECT $FTS_EXPR v FROM t_f) s;
\! date +"t1 %s.%N"
SQL
)
  s=$(dt t0 t1 "$out")
  echo "run $r f: $s s ($(rate "$s") rows/s tokenized)"
  TIMES[f]="${TIMES[f]:-} $s"; RUNS[f]=$(( ${RUNS[f]:-0} + 1 ))
done
out=$($OWNER <<SQL
\! date +"t0 %s.%N"
SELECT count(v) FROM (SELECT COALESCE(input, '') || ' ' || COALESCE(output, '') v FROM t_f) s;
\! date +"t1 %s.%N"
SELECT round(avg(length($FTS_EXPR))::numeric, 1) FROM t_f;
SQL
)
echo "for reference: the concatenation alone (no to_tsvector) $(dt t0 t1 "$out") s; $(echo "$out" | tail -1) lexemes per row"

echo
echo "== summary: $N rows, median of the runs, interleaved ($(load), $(date -u +%FT%TZ)) =="
A=$(median "${TIMES[a]}")
printf '%-2s %-50s %5s %10s %9s %8s\n' "" variant runs "median s" "rows/s" "vs a"
row() { printf '%-2s %-50s %5s %10s %9s %7.2fx\n' "$1" "$2" "$3" "$4" "$(rate "$4")" "$(echo "scale=4; $A / $4" | bc)"; }
for v in a b d g f; do
  m=$(median "${TIMES[$v]}")
  row "$v" "${DESC[$v]}$([ "$v" = d ] && echo ', copy only')" "${RUNS[$v]}" "$m"
  if [ "$v" = d ]; then
    row d "  VACUUM alone" "${RUNS[d]}" "$(median "${VAC[d]}")"
    row d "  copy + VACUUM (median of per-run sums)" "${RUNS[d]}" "$(median "${TOTAL[d]}")"
  fi
done
echo "(vs a = a's median time / the variant's, i.e. the rows/s ratio; for f, tokenizing rate relative to a's insert rate)"
echo "full-text GIN share of a's COPY time: $(echo "scale=0; 100 * ($A - $(median "${TIMES[b]}")) / $A" | bc)%; tokenizing alone is $(echo "scale=0; 100 * $(median "${TIMES[f]}") / ($A - $(median "${TIMES[b]}"))" | bc)% of that"
