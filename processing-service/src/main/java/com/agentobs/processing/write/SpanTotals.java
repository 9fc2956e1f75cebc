package com.agentobs.processing.write;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps span-derived totals right: {@code span_count} is always the number of stored spans, and a
 * trace with {@code totals_from_spans} takes its tokens and cost from them; a trace without a model
 * or provider takes those of its earliest span that has one (and keeps following the earliest one when its
 * spans arrive in several batches: a model that came from one of its spans is not the client's). Recomputed from the spans table for
 * every trace a batch inserted or added spans to, so spans arriving before, with or after their trace,
 * and replays, give the same result.
 */
@Component
public class SpanTotals {

	/**
	 * Rewrites only traces where the stored spans change something: new traces are inserted with the
	 * totals of the spans that came with them, so in the usual case nothing is rewritten.
	 * <p>
	 * Key probes only: each id's spans are one lateral probe by (workspace_id, trace_id) ({@code OFFSET
	 * 0} keeps the planner from turning it into a join), and the traces are found by the same pair. The
	 * workspace and the ids reach the statement as init-plan values ({@code (SELECT ?::uuid)},
	 * {@code (SELECT ?::text[])}), so the planner sees an average workspace and a handful of ids and
	 * probes by key in custom and generic plans alike: with a literal workspace newer than the table's
	 * statistics, or many ids, it chose plans that read the whole workspace per batch or per id.
	 */
	public static final String RECOMPUTE_TOTALS = """
			WITH s AS MATERIALIZED (
			    SELECT ids.trace_id, agg.n, agg.tokens_input, agg.tokens_output, agg.cost, agg.model, agg.provider, agg.models,
			           agg.providers
			    FROM (SELECT DISTINCT unnest((SELECT ?::text[])) AS trace_id) ids
			    CROSS JOIN LATERAL (
			        SELECT count(*)::int AS n,
			               COALESCE(sum(sp.tokens_input), 0)::int AS tokens_input,
			               COALESCE(sum(sp.tokens_output), 0)::int AS tokens_output,
			               sum(sp.cost_usd) AS cost,
			               (array_agg(sp.model ORDER BY sp.started_at) FILTER (WHERE sp.model IS NOT NULL))[1] AS model,
			               (array_agg(sp.model_provider ORDER BY sp.started_at)
			                   FILTER (WHERE sp.model_provider IS NOT NULL))[1] AS provider,
			               array_agg(DISTINCT sp.model) FILTER (WHERE sp.model IS NOT NULL) AS models,
			               array_agg(DISTINCT sp.model_provider) FILTER (WHERE sp.model_provider IS NOT NULL) AS providers
			        FROM spans sp
			        WHERE sp.workspace_id = (SELECT ?::uuid) AND sp.trace_id = ids.trace_id OFFSET 0) agg
			    WHERE agg.n > 0)
			UPDATE traces t
			SET span_count = s.n,
			    tokens_input = CASE WHEN t.totals_from_spans THEN s.tokens_input ELSE t.tokens_input END,
			    tokens_output = CASE WHEN t.totals_from_spans THEN s.tokens_output ELSE t.tokens_output END,
			    tokens_total = CASE WHEN t.totals_from_spans THEN s.tokens_input + s.tokens_output ELSE t.tokens_total END,
			    cost_usd = CASE WHEN t.totals_from_spans THEN s.cost ELSE t.cost_usd END,
			    cost_source = CASE WHEN NOT t.totals_from_spans THEN t.cost_source
			                       WHEN s.cost IS NULL THEN 'unknown'
			                       ELSE COALESCE(NULLIF(t.cost_source, 'unknown'), 'catalog') END,
			    model = CASE WHEN t.totals_from_spans AND t.model = ANY (s.models) THEN s.model
			                 ELSE COALESCE(t.model, s.model) END,
			    model_provider = CASE WHEN t.totals_from_spans AND t.model_provider = ANY (s.providers) THEN s.provider
			                          ELSE COALESCE(t.model_provider, s.provider) END,
			    updated_at = now()
			FROM s
			WHERE t.workspace_id = (SELECT ?::uuid) AND t.trace_id = s.trace_id
			  AND (t.span_count <> s.n
			       OR (t.totals_from_spans AND (t.tokens_input, t.tokens_output, t.cost_usd)
			           IS DISTINCT FROM (s.tokens_input, s.tokens_output, s.cost))
			       OR (t.model IS NULL AND s.model IS NOT NULL)
			       OR (t.model_provider IS NULL AND s.provider IS NOT NULL)
			       OR (t.totals_from_spans AND t.model = ANY (s.models) AND t.model IS DISTINCT FROM s.model)
			       OR (t.totals_from_spans AND t.model_provider = ANY (s.providers)
			           AND t.model_provider IS DISTINCT FROM s.provider))
			RETURNING t.timestamp
			""";

	private final JdbcClient jdbc;

	SpanTotals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Recomputes the traces' totals; returns the timestamps of the traces it rewrote. Must run under
	 * the workspace's {@code 'totals'} lock ({@link RollupCells#lockWorkspace}), so each recompute sees
	 * the spans every earlier one committed.
	 */
	List<Instant> recompute(UUID ws, Collection<String> traceIds) {
		return this.jdbc.sql(RECOMPUTE_TOTALS)
			.params(traceIds.toArray(String[]::new), ws.toString(), ws.toString())
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.list();
	}

}
