-- Repeatable migration: the current text of every function below. Flyway re-applies it whenever this
-- file changes, after all versioned migrations of the run; edit the function here, never in a V file.
-- See db-migrations/README.md for the rules.
--
-- The per-batch writers. trace_cells_hourly holds sums per (hour, ten dimensions, latency bucket), from
-- which every measure rollup is grouped; the user rollups (user_activity_daily, users_hourly, users_daily)
-- count traces per user. Processing adds each batch's newly inserted traces in the batch's own transaction
-- (ids from INSERT ... RETURNING, so a replayed trace is never counted twice). Late spans can change a
-- stored trace's tokens, cost and model: processing subtracts its cells (p_sign = -1) before the span-totals
-- update and adds them back after, under the workspace's 'totals' lock, so a cell always equals the grouping
-- of the committed traces. Both upserts take a WHERE condition on traces t ($1 = workspace, $2/$3 = a time
-- range, $4 = trace ids or row addresses) spliced into one statement, so each caller's statement is planned
-- for its own filter; rows are upserted in key order, so concurrent writers lock shared rows in one order.

-- agentobs_trace_tids: the row addresses of a workspace's traces by id, one key probe per id (lateral; OFFSET 0
-- keeps the planner from flattening it into a join).
-- Why: the additions then select their traces by TID scan, whatever the planner knows about the workspace.
CREATE OR REPLACE FUNCTION agentobs_trace_tids(p_workspace_id UUID, p_trace_ids TEXT[]) RETURNS TID[]
    LANGUAGE sql STABLE AS
$$
SELECT ARRAY(SELECT p.ctid
             FROM unnest(p_trace_ids) AS ids(id)
             CROSS JOIN LATERAL (SELECT ctid FROM traces p
                                 WHERE p.workspace_id = p_workspace_id AND p.trace_id = ids.id OFFSET 0) p);
$$;

-- agentobs_upsert_trace_cells: THE one writer of trace_cells_hourly: adds p_sign x the traces p_source selects.
-- The workspace is an init-plan value ((SELECT $1)), not a literal.
-- Why: given as a literal, a workspace absent from the statistics was estimated at one row and read through
-- its index instead of the batch's row addresses, growing with the workspace.
CREATE OR REPLACE FUNCTION agentobs_upsert_trace_cells(p_source TEXT, p_sign INTEGER, p_workspace_id UUID,
        p_from TIMESTAMPTZ, p_to TIMESTAMPTZ, p_trace_ids TEXT[])
    RETURNS VOID
    LANGUAGE plpgsql VOLATILE SET jit = off AS
$$
BEGIN
    EXECUTE format($sql$
        INSERT INTO trace_cells_hourly AS c (hour, workspace_id, agent_id, department_id, environment, version,
                                             intent_category, user_segment, model, model_provider, bucket, n, success,
                                             error, timeout, rate_limit, server_error, latency_sum, cost, tokens_in,
                                             tokens_out, tokens)
        SELECT date_trunc('hour', t.timestamp, 'UTC'), $1, t.agent_id, t.department_id, t.environment, t.version,
               t.intent_category, t.user_segment, t.model, t.model_provider, agentobs_latency_bucket(t.latency_ms),
               $5 * sum(t.sample_rate)::BIGINT,
               $5 * COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'success'), 0)::BIGINT,
               $5 * COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'error'), 0)::BIGINT,
               $5 * COALESCE(sum(t.sample_rate) FILTER (WHERE t.status = 'timeout'), 0)::BIGINT,
               $5 * COALESCE(sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'rate_limit'), 0)::BIGINT,
               $5 * COALESCE(sum(t.sample_rate) FILTER (WHERE agentobs_error_kind(t.status, t.error) = 'server_error'), 0)::BIGINT,
               $5 * sum(t.sample_rate::NUMERIC * COALESCE(t.latency_ms, 0)),
               $5 * sum(t.sample_rate * COALESCE(t.cost_usd, 0)),
               $5 * sum(t.sample_rate::BIGINT * COALESCE(t.tokens_input, 0)),
               $5 * sum(t.sample_rate::BIGINT * COALESCE(t.tokens_output, 0)),
               $5 * sum(t.sample_rate::BIGINT * COALESCE(t.tokens_total, COALESCE(t.tokens_input, 0) + COALESCE(t.tokens_output, 0)))
        FROM traces t
        WHERE t.workspace_id = (SELECT $1) AND %s
        GROUP BY 1, 3, 4, 5, 6, 7, 8, 9, 10, 11
        ORDER BY 1, 3, 4, 5, 6, 7, 8, 9, 10, 11
        ON CONFLICT ON CONSTRAINT trace_cells_hourly_key DO UPDATE
            SET n = c.n + EXCLUDED.n, success = c.success + EXCLUDED.success, error = c.error + EXCLUDED.error,
                timeout = c.timeout + EXCLUDED.timeout, rate_limit = c.rate_limit + EXCLUDED.rate_limit,
                server_error = c.server_error + EXCLUDED.server_error,
                latency_sum = c.latency_sum + EXCLUDED.latency_sum, cost = c.cost + EXCLUDED.cost,
                tokens_in = c.tokens_in + EXCLUDED.tokens_in, tokens_out = c.tokens_out + EXCLUDED.tokens_out,
                tokens = c.tokens + EXCLUDED.tokens
        $sql$, p_source)
        USING p_workspace_id, p_from, p_to, p_trace_ids, p_sign;
END
$$;

-- agentobs_add_trace_cells: adds (p_sign = 1) or removes (p_sign = -1) traces by id; to add, the ids must be
-- traces this transaction inserted, or removed earlier in it. The addresses are looked up once, as the
-- upsert's argument.
-- Why: a stable function in the condition would be evaluated again at every planning and per row.
CREATE OR REPLACE FUNCTION agentobs_add_trace_cells(p_workspace_id UUID, p_trace_ids TEXT[], p_sign INTEGER)
    RETURNS VOID
    LANGUAGE sql VOLATILE AS
$$
SELECT agentobs_upsert_trace_cells('t.ctid = ANY ($4::TID[])', p_sign, p_workspace_id, NULL, NULL,
                                   agentobs_trace_tids(p_workspace_id, p_trace_ids)::TEXT[]);
$$;

-- agentobs_upsert_user_rollups: THE one writer of the user rollups: adds the traces p_source selects, per
-- (hour, user, agent grain), to user_activity_daily, users_hourly and users_daily. One statement, no
-- temporary table; the workspace is an init-plan value ((SELECT $1)).
-- Why: a temporary table per batch would churn the catalogs; the init plan keeps a new tenant on TID scans.
CREATE OR REPLACE FUNCTION agentobs_upsert_user_rollups(p_source TEXT, p_workspace_id UUID, p_from TIMESTAMPTZ,
        p_to TIMESTAMPTZ, p_trace_ids TEXT[])
    RETURNS VOID
    LANGUAGE plpgsql VOLATILE SET jit = off AS
$$
BEGIN
    EXECUTE format($sql$
        WITH batch AS MATERIALIZED (
            SELECT date_trunc('hour', t.timestamp, 'UTC') AS hour, t.user_id, t.agent_id, t.department_id,
                   t.environment, t.version, count(*) AS n, min(t.timestamp) AS first_at, max(t.timestamp) AS last_at
            FROM traces t
            WHERE t.workspace_id = (SELECT $1) AND t.user_id IS NOT NULL AND %s
            GROUP BY 1, 2, 3, 4, 5, 6),
        activity AS (
            INSERT INTO user_activity_daily AS a (day, workspace_id, user_id, agent_id, department_id, environment,
                                                  version, trace_count, first_at, last_at)
            SELECT date_trunc('day', u.hour, 'UTC'), $1, u.user_id, u.agent_id, u.department_id, u.environment,
                   u.version, sum(u.n), min(u.first_at), max(u.last_at)
            FROM batch u
            GROUP BY 1, 3, 4, 5, 6, 7
            ORDER BY 1, 3, 4, 5, 6, 7
            ON CONFLICT ON CONSTRAINT user_activity_daily_dims_key DO UPDATE
                SET trace_count = a.trace_count + EXCLUDED.trace_count,
                    first_at = LEAST(a.first_at, EXCLUDED.first_at),
                    last_at = GREATEST(a.last_at, EXCLUDED.last_at)),
        hourly AS (
            INSERT INTO users_hourly AS h (hour, workspace_id, user_id, trace_count)
            SELECT u.hour, $1, u.user_id, sum(u.n)
            FROM batch u
            GROUP BY 1, 3
            ORDER BY 1, 3
            ON CONFLICT ON CONSTRAINT users_hourly_key DO UPDATE SET trace_count = h.trace_count + EXCLUDED.trace_count)
        INSERT INTO users_daily AS d (day, workspace_id, user_id, trace_count)
        SELECT date_trunc('day', u.hour, 'UTC'), $1, u.user_id, sum(u.n)
        FROM batch u
        GROUP BY 1, 3
        ORDER BY 1, 3
        ON CONFLICT ON CONSTRAINT users_daily_key DO UPDATE SET trace_count = d.trace_count + EXCLUDED.trace_count
        $sql$, p_source)
        USING p_workspace_id, p_from, p_to, p_trace_ids;
END
$$;

-- agentobs_add_user_rollups: adds traces inserted in the caller's transaction to the user rollups by id.
-- Why: user rollups only grow (late spans never change a trace's user, agent or time), so a batch adds, never
-- rebuilds.
CREATE OR REPLACE FUNCTION agentobs_add_user_rollups(p_workspace_id UUID, p_trace_ids TEXT[]) RETURNS VOID
    LANGUAGE sql VOLATILE AS
$$
SELECT agentobs_upsert_user_rollups('t.ctid = ANY ($4::TID[])', p_workspace_id, NULL, NULL,
                                    agentobs_trace_tids(p_workspace_id, p_trace_ids)::TEXT[]);
$$;

-- agentobs_rebuild_user_rollups: the user rollups of the touched UTC days from raw: the days' rows deleted,
-- then every trace of the days added through agentobs_upsert_user_rollups.
-- Why: the repair path writes with the same writer as the per-batch path.
CREATE OR REPLACE FUNCTION agentobs_rebuild_user_rollups(p_workspace_id UUID, p_from TIMESTAMPTZ, p_to TIMESTAMPTZ)
    RETURNS VOID
    LANGUAGE plpgsql VOLATILE SET work_mem = '64MB' AS
$$
DECLARE
    v_day_from  TIMESTAMPTZ := date_trunc('day', p_from, 'UTC');
    v_day_to    TIMESTAMPTZ := date_trunc('day', p_to - INTERVAL '1 microsecond', 'UTC') + INTERVAL '1 day';
BEGIN
    DELETE FROM user_activity_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    DELETE FROM users_hourly WHERE workspace_id = p_workspace_id AND hour >= v_day_from AND hour < v_day_to;
    DELETE FROM users_daily WHERE workspace_id = p_workspace_id AND day >= v_day_from AND day < v_day_to;
    PERFORM agentobs_upsert_user_rollups('t.timestamp >= $2 AND t.timestamp < $3', p_workspace_id, v_day_from,
                                         v_day_to, NULL);
END
$$;
