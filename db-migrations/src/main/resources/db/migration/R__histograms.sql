-- Repeatable migration: the current text of every function below. Flyway re-applies it whenever this
-- file changes, after all versioned migrations of the run; edit the function here, never in a V file.
-- See db-migrations/README.md for the rules.
--
-- Latency histograms. Log buckets with growth factor 1.05: bucket 0 = [0, 1) ms, bucket b >= 1 =
-- [1.05^(b-1), 1.05^b) ms. A percentile read back at the bucket's geometric midpoint is within ±2.5 % of
-- the exact value. Two stored forms: sparse JSONB objects {"bucket": weighted count} (traces_hourly,
-- traces_daily) and parallel arrays (bucket[], count[]) (the slim rollups). Java mirror for reading:
-- com.agentobs.contracts.histogram.LatencyHistogram.

-- agentobs_latency_bucket: the bucket of a latency in ms (0 below 1 ms, NULL for NULL).
-- Why: the one bucketing rule every writer uses, so histograms of any table merge by summing per bucket.
CREATE OR REPLACE FUNCTION agentobs_latency_bucket(p_ms DOUBLE PRECISION) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT CASE WHEN p_ms < 1 THEN 0 ELSE floor(ln(p_ms) / ln(1.05))::INTEGER + 1 END
$$;

-- agentobs_bucket_value: the value a bucket stands for, its geometric midpoint in ms (rounded to 0.1).
-- Why: the read-side twin of agentobs_latency_bucket; reading at the midpoint keeps the ±2.5 % bound.
CREATE OR REPLACE FUNCTION agentobs_bucket_value(p_bucket INTEGER) RETURNS NUMERIC
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE WHEN p_bucket IS NULL THEN NULL WHEN p_bucket <= 0 THEN 0 ELSE round(power(1.05, p_bucket - 0.5)::NUMERIC, 1) END
$$;

-- agentobs_hist_accum: adds p_weight to bucket p_bucket of an array accumulator (NULL inputs add nothing).
-- Why: the state step of both histogram aggregates below.
CREATE OR REPLACE FUNCTION agentobs_hist_accum(p_state BIGINT[], p_bucket INTEGER, p_weight BIGINT) RETURNS BIGINT[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
BEGIN
    IF p_bucket IS NULL OR p_weight IS NULL THEN
        RETURN p_state;
    END IF;
    IF p_state IS NULL THEN
        p_state := '{}'::BIGINT[];
    END IF;
    p_state[p_bucket] := COALESCE(p_state[p_bucket], 0) + p_weight;
    RETURN p_state;
END
$$;

-- agentobs_hist_accum_latency: the state step of agentobs_latency_hist (one trace's latency and weight).
-- Why: weighted by sample_rate, so a histogram counts represented requests, not stored rows.
CREATE OR REPLACE FUNCTION agentobs_hist_accum_latency(p_state BIGINT[], p_latency_ms INTEGER, p_weight INTEGER)
    RETURNS BIGINT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT agentobs_hist_accum(p_state, agentobs_latency_bucket(p_latency_ms), p_weight)
$$;

-- agentobs_hist_accum_jsonb: the state step of agentobs_hist_merge (adds a stored JSONB histogram).
-- Why: merging stored histograms is summing per bucket, whatever their grain.
CREATE OR REPLACE FUNCTION agentobs_hist_accum_jsonb(p_state BIGINT[], p_hist JSONB) RETURNS BIGINT[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    r RECORD;
BEGIN
    IF p_hist IS NULL THEN
        RETURN p_state;
    END IF;
    FOR r IN SELECT key::INTEGER AS b, value::BIGINT AS c FROM jsonb_each_text(p_hist)
        LOOP
            p_state := agentobs_hist_accum(p_state, r.b, r.c);
        END LOOP;
    RETURN p_state;
END
$$;

-- agentobs_hist_final: an array accumulator as a sparse JSONB histogram (zero buckets left out).
-- Why: sparse objects keep the JSONB rollups small.
CREATE OR REPLACE FUNCTION agentobs_hist_final(p_state BIGINT[]) RETURNS JSONB
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT COALESCE(jsonb_object_agg(i::TEXT, p_state[i] ORDER BY i), '{}'::jsonb)
FROM generate_subscripts(p_state, 1) AS i
WHERE p_state[i] IS NOT NULL AND p_state[i] <> 0
$$;

-- The two aggregates over the steps above:
--   agentobs_latency_hist(latency_ms, weight)  a JSONB histogram from raw traces;
--   agentobs_hist_merge(histogram)             stored JSONB histograms merged (hourly -> daily, any range).
CREATE OR REPLACE AGGREGATE agentobs_latency_hist(INTEGER, INTEGER) (
    SFUNC = agentobs_hist_accum_latency, STYPE = BIGINT[], FINALFUNC = agentobs_hist_final);
CREATE OR REPLACE AGGREGATE agentobs_hist_merge(JSONB) (
    SFUNC = agentobs_hist_accum_jsonb, STYPE = BIGINT[], FINALFUNC = agentobs_hist_final);

-- agentobs_hist_quantile: quantile q (0..1) of a JSONB histogram, at the first bucket whose cumulative count
-- reaches q x total, read at the bucket's geometric midpoint in ms.
-- Why: the same rule as the stored percentiles, so a merged range reads like a stored row.
CREATE OR REPLACE FUNCTION agentobs_hist_quantile(p_hist JSONB, p_q DOUBLE PRECISION) RETURNS NUMERIC
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE WHEN s.b = 0 THEN 0 ELSE round(power(1.05, s.b - 0.5)::NUMERIC, 1) END
FROM (SELECT key::INTEGER AS b,
             sum(value::BIGINT) OVER (ORDER BY key::INTEGER) AS cum,
             sum(value::BIGINT) OVER ()                      AS total
      FROM jsonb_each_text(p_hist)) s
WHERE s.cum >= p_q * s.total
ORDER BY s.b
LIMIT 1
$$;

-- agentobs_hist_percentiles: p50, p90, p95, p99 of an array histogram (buckets ascending, counts), by the
-- same first-bucket-reaching-q rule.
-- Why: one walk over the cells instead of two window functions over every cell.
CREATE OR REPLACE FUNCTION agentobs_hist_percentiles(p_buckets INTEGER[], p_counts BIGINT[]) RETURNS NUMERIC[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    v_q      NUMERIC[] := ARRAY [0.50, 0.90, 0.95, 0.99];
    v_result NUMERIC[] := ARRAY [NULL, NULL, NULL, NULL]::NUMERIC[];
    v_total  NUMERIC   := 0;
    v_cum    NUMERIC   := 0;
    v_k      INTEGER   := 1;
    v_value  NUMERIC;
BEGIN
    IF p_buckets IS NULL OR cardinality(p_buckets) = 0 THEN
        RETURN v_result;
    END IF;
    IF cardinality(p_buckets) = 1 THEN
        v_value := agentobs_bucket_value(p_buckets[1]);
        RETURN ARRAY [v_value, v_value, v_value, v_value];
    END IF;
    FOR i IN 1 .. cardinality(p_counts)
        LOOP
            v_total := v_total + p_counts[i];
        END LOOP;
    FOR i IN 1 .. cardinality(p_buckets)
        LOOP
            v_cum := v_cum + p_counts[i];
            WHILE v_k <= 4 AND v_cum >= v_q[v_k] * v_total
                LOOP
                    v_result[v_k] := agentobs_bucket_value(p_buckets[i]);
                    v_k := v_k + 1;
                END LOOP;
        END LOOP;
    RETURN v_result;
END
$$;
