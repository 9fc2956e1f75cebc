package com.agentobs.processing.pricing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code cost_recomputes}, {@code cost_recompute_changes} and the traces a run re-prices. Inside a workspace
 * transaction, except {@link #claim}.
 *
 * <p>Which traces: those of the workspace in {@code [from, to)} whose model is the run's (ignoring case), whose
 * cost is not the client's, and for scope {@code unknown} whose cost is NULL. A trace whose totals are the sums
 * of its spans ({@code totals_from_spans}) is one when it has a span of the run's model that the run may
 * re-price: without a cost, or for scope {@code all} priced from a catalog ({@code cost_source}); a span stored
 * before spans recorded their cost's source keeps its cost, which may be the client's. Such a trace's cost is
 * then the sum of its spans' again.
 */
@Component
class RecomputeStore {

	/** A span of trace {@code t} the run re-prices. */
	static final String SPAN_ELIGIBLE = """
			sp.workspace_id = t.workspace_id AND sp.trace_id = t.trace_id AND lower(sp.model) = lower(:model)
			  AND (sp.cost_usd IS NULL OR (:scope = 'all' AND sp.cost_source = 'catalog'))""";

	static final String ELIGIBLE = """
			t.workspace_id = :ws AND t.timestamp >= :from AND t.timestamp < :to
			  AND CASE WHEN t.totals_from_spans THEN EXISTS (SELECT 1 FROM spans sp WHERE\s""" + SPAN_ELIGIBLE + """
			)
			           ELSE lower(t.model) = lower(:model) AND t.cost_source IS DISTINCT FROM 'client'
			                AND (:scope = 'all' OR t.cost_usd IS NULL) END""";

	private static final String COLUMNS = """
			SELECT r.id, r.action_id, r.model, r.window_from, r.window_to, r.scope, r.status, r.total_traces,
			       r.processed_traces, r.changed_traces, r.cost_before_usd, r.cost_after_usd, r.cursor_timestamp,
			       r.cursor_trace_id, r.error, r.created_at, r.started_at, r.finished_at
			FROM cost_recomputes r""";

	/** A trace of a page, with what pricing it needs. */
	record TraceRow(String traceId, Instant timestamp, String model, String provider, Integer tokensInput,
			Integer tokensOutput, Integer tokensTotal, String usageJson, BigDecimal cost, String costSource,
			boolean totalsFromSpans) {
	}

	/** A span to re-price, with what pricing it needs. */
	record SpanRow(String traceId, String spanId, Instant startedAt, String model, String provider, Integer tokensInput,
			Integer tokensOutput, String usageJson, BigDecimal cost, String costSource) {
	}

	/** A span-derived trace's totals from its stored spans: their summed cost, and the provider of the earliest. */
	record SpanSums(BigDecimal cost, boolean anyCatalog, String provider) {
	}

	record Claim(UUID id, UUID workspaceId) {
	}

	private final JdbcClient jdbc;

	RecomputeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Claim> claim(String holder, Duration lease) {
		return this.jdbc.sql("SELECT id, workspace_id FROM agentobs_claim_cost_recompute(:holder, :lease::interval)")
			.param("holder", holder)
			.param("lease", lease.toSeconds() + " seconds")
			.query((rs, i) -> new Claim(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class)))
			.optional();
	}

	long countEligible(UUID ws, String model, Instant from, Instant to, String scope) {
		return this.jdbc.sql("SELECT count(*) FROM traces t WHERE " + ELIGIBLE)
			.params(window(ws, model, from, to, scope))
			.query(Long.class)
			.single();
	}

	boolean hasActive(UUID ws) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM cost_recomputes WHERE workspace_id = :ws "
				+ "AND status IN ('queued', 'running'))")
			.param("ws", ws)
			.query(Boolean.class)
			.single();
	}

	UUID insert(UUID ws, UUID actionId, String model, Instant from, Instant to, String scope, long total,
			UUID createdBy) {
		return this.jdbc.sql("""
				INSERT INTO cost_recomputes (workspace_id, action_id, model, window_from, window_to, scope, total_traces,
				                             created_by)
				VALUES (:ws, :action, :model, :from, :to, :scope, :total, :by) RETURNING id""")
			.param("ws", ws)
			.param("action", actionId)
			.param("model", model)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("scope", scope)
			.param("total", total)
			.param("by", createdBy)
			.query(UUID.class)
			.single();
	}

	List<Recompute> list(UUID ws, int limit) {
		return this.jdbc.sql(COLUMNS + " WHERE r.workspace_id = :ws ORDER BY r.created_at DESC, r.id LIMIT :limit")
			.param("ws", ws)
			.param("limit", limit)
			.query(RecomputeStore::map)
			.list();
	}

	Optional<Recompute> find(UUID ws, UUID id) {
		return this.jdbc.sql(COLUMNS + " WHERE r.workspace_id = :ws AND r.id = :id")
			.param("ws", ws)
			.param("id", id)
			.query(RecomputeStore::map)
			.optional();
	}

	/** The run, row-locked: a page's commit and an undo serialise on it. */
	Optional<Recompute> lock(UUID ws, UUID id) {
		return this.jdbc.sql(COLUMNS + " WHERE r.workspace_id = :ws AND r.id = :id FOR UPDATE OF r")
			.param("ws", ws)
			.param("id", id)
			.query(RecomputeStore::map)
			.optional();
	}

	/** The next page after the cursor, in (timestamp, trace_id) order, row-locked. */
	List<TraceRow> page(UUID ws, Recompute run, int limit) {
		Map<String, Object> params = window(ws, run.model(), run.from(), run.to(), run.scope());
		params.put("cursor_ts", (run.cursorTimestamp() != null) ? Timestamp.from(run.cursorTimestamp()) : null);
		params.put("cursor_id", run.cursorTraceId());
		params.put("limit", limit);
		return this.jdbc.sql("""
				SELECT t.trace_id, t.timestamp, t.model, t.model_provider, t.tokens_input, t.tokens_output, t.tokens_total,
				       (t.metadata -> 'usage')::TEXT AS usage, t.cost_usd, t.cost_source, t.totals_from_spans
				FROM traces t
				WHERE\s""" + ELIGIBLE + """

				  AND (CAST(:cursor_ts AS TIMESTAMPTZ) IS NULL
				       OR (t.timestamp, t.trace_id) > (CAST(:cursor_ts AS TIMESTAMPTZ), CAST(:cursor_id AS VARCHAR)))
				ORDER BY t.timestamp, t.trace_id
				LIMIT :limit
				FOR UPDATE OF t""")
			.params(params)
			.query((rs, n) -> new TraceRow(rs.getString("trace_id"), rs.getTimestamp("timestamp").toInstant(),
					rs.getString("model"), rs.getString("model_provider"), (Integer) rs.getObject("tokens_input"),
					(Integer) rs.getObject("tokens_output"), (Integer) rs.getObject("tokens_total"), rs.getString("usage"),
					rs.getBigDecimal("cost_usd"), rs.getString("cost_source"), rs.getBoolean("totals_from_spans")))
			.list();
	}

	/**
	 * Takes the workspace's {@code totals} write lock to commit, as a processing batch does before it recomputes
	 * span-derived totals: a page's span re-pricing and re-summing and a batch's late spans then follow one
	 * another. Taken after the run's row lock and before any trace's, in the worker and the undo alike.
	 */
	void lockTotals(UUID ws) {
		this.jdbc.sql("SELECT agentobs_lock_workspace('totals', :ws, false)::TEXT")
			.param("ws", ws)
			.query(String.class)
			.list();
	}

	/** The spans the run re-prices in these span-derived traces, by trace. */
	Map<String, List<SpanRow>> spans(UUID ws, Recompute run, List<TraceRow> traces) {
		Map<String, Object> params = window(ws, run.model(), run.from(), run.to(), run.scope());
		params.put("ids", traces.stream().map(TraceRow::traceId).distinct().toArray(String[]::new));
		Map<String, List<SpanRow>> byTrace = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT sp.trace_id, sp.span_id, sp.started_at, sp.model, sp.model_provider, sp.tokens_input,
				       sp.tokens_output, (sp.attributes -> 'agentobs.usage')::TEXT AS usage, sp.cost_usd, sp.cost_source
				FROM (SELECT DISTINCT unnest(CAST(:ids AS TEXT[])) AS trace_id, CAST(:ws AS UUID) AS workspace_id) t
				JOIN spans sp ON\s""" + SPAN_ELIGIBLE + """

				ORDER BY sp.trace_id, sp.started_at, sp.span_id""")
			.params(params)
			.query((rs, n) -> new SpanRow(rs.getString("trace_id"), rs.getString("span_id"),
					rs.getTimestamp("started_at").toInstant(), rs.getString("model"), rs.getString("model_provider"),
					(Integer) rs.getObject("tokens_input"), (Integer) rs.getObject("tokens_output"), rs.getString("usage"),
					rs.getBigDecimal("cost_usd"), rs.getString("cost_source")))
			.list()
			.forEach((span) -> byTrace.computeIfAbsent(span.traceId(), (k) -> new ArrayList<>()).add(span));
		return byTrace;
	}

	/** Records a span's previous cost (first change wins) and sets its new one. */
	void repriceSpan(UUID ws, UUID runId, SpanRow s, BigDecimal cost, String source, String provider) {
		this.jdbc.sql("""
				INSERT INTO cost_recompute_span_changes (recompute_id, workspace_id, trace_id, span_id, old_cost, old_source,
				                                         old_provider, new_cost, new_source)
				VALUES (:run, :ws, :trace, :span, :old_cost, :old_source, :old_provider, :cost, :source)
				ON CONFLICT (recompute_id, trace_id, span_id) DO UPDATE SET new_cost = EXCLUDED.new_cost,
				                                                            new_source = EXCLUDED.new_source""")
			.param("run", runId)
			.param("ws", ws)
			.param("trace", s.traceId())
			.param("span", s.spanId())
			.param("old_cost", s.cost())
			.param("old_source", s.costSource())
			.param("old_provider", s.provider())
			.param("cost", cost)
			.param("source", source)
			.update();
		this.jdbc.sql("""
				UPDATE spans SET cost_usd = :cost, cost_source = :source, model_provider = :provider, updated_at = NOW()
				WHERE workspace_id = :ws AND trace_id = :trace AND span_id = :span""")
			.param("cost", cost)
			.param("source", source)
			.param("provider", provider)
			.param("ws", ws)
			.param("trace", s.traceId())
			.param("span", s.spanId())
			.update();
	}

	/** A trace's totals from its stored spans (as processing's span-totals recompute sums them). */
	SpanSums spanSums(UUID ws, String traceId) {
		return this.jdbc.sql("""
				SELECT sum(cost_usd) AS cost,
				       count(*) FILTER (WHERE cost_usd IS NOT NULL AND cost_source = 'catalog') > 0 AS any_catalog,
				       (array_agg(model_provider ORDER BY started_at) FILTER (WHERE model_provider IS NOT NULL))[1] AS provider
				FROM spans WHERE workspace_id = :ws AND trace_id = :trace""")
			.param("ws", ws)
			.param("trace", traceId)
			.query((rs, n) -> new SpanSums(rs.getBigDecimal("cost"), rs.getBoolean("any_catalog"),
					rs.getString("provider")))
			.single();
	}

	/** Records a trace's previous cost (first change wins) and sets its new one. */
	void reprice(UUID ws, UUID runId, TraceRow t, BigDecimal cost, String source, String provider) {
		this.jdbc.sql("""
				INSERT INTO cost_recompute_changes (recompute_id, workspace_id, trace_id, timestamp, old_cost, old_source,
				                                    old_provider, new_cost, new_source)
				VALUES (:run, :ws, :trace, :ts, :old_cost, :old_source, :old_provider, :cost, :source)
				ON CONFLICT (recompute_id, trace_id) DO UPDATE SET new_cost = EXCLUDED.new_cost,
				                                                   new_source = EXCLUDED.new_source""")
			.param("run", runId)
			.param("ws", ws)
			.param("trace", t.traceId())
			.param("ts", Timestamp.from(t.timestamp()))
			.param("old_cost", t.cost())
			.param("old_source", t.costSource())
			.param("old_provider", t.provider())
			.param("cost", cost)
			.param("source", source)
			.update();
		this.jdbc.sql("""
				UPDATE traces SET cost_usd = :cost, cost_source = :source, model_provider = :provider
				WHERE workspace_id = :ws AND trace_id = :trace AND timestamp = :ts""")
			.param("cost", cost)
			.param("source", source)
			.param("provider", provider)
			.param("ws", ws)
			.param("trace", t.traceId())
			.param("ts", Timestamp.from(t.timestamp()))
			.update();
	}

	void advance(UUID ws, UUID id, TraceRow last, int scanned, int changed, BigDecimal before, BigDecimal after) {
		this.jdbc.sql("""
				UPDATE cost_recomputes
				SET cursor_timestamp = COALESCE(:cursor_ts, cursor_timestamp),
				    cursor_trace_id = COALESCE(:cursor_id, cursor_trace_id),
				    processed_traces = processed_traces + :scanned, changed_traces = changed_traces + :changed,
				    cost_before_usd = cost_before_usd + :before, cost_after_usd = cost_after_usd + :after,
				    updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id""")
			.param("ws", ws)
			.param("id", id)
			.param("cursor_ts", (last != null) ? Timestamp.from(last.timestamp()) : null)
			.param("cursor_id", (last != null) ? last.traceId() : null)
			.param("scanned", scanned)
			.param("changed", changed)
			.param("before", before)
			.param("after", after)
			.update();
	}

	void setStatus(UUID ws, UUID id, String status, String error) {
		this.jdbc.sql("""
				UPDATE cost_recomputes
				SET status = :status, error = :error, leased_until = NULL, lease_holder = NULL, updated_at = NOW(),
				    finished_at = CASE WHEN :status IN ('done', 'failed', 'rolled_back') THEN NOW() END
				WHERE workspace_id = :ws AND id = :id""")
			.param("ws", ws)
			.param("id", id)
			.param("status", status)
			.param("error", error)
			.update();
	}

	/**
	 * Undo: every span and trace the run changed and that still has the run's cost gets its previous one back; a
	 * span-derived trace that no longer had the run's cost (a late span re-summed it) is summed from its restored
	 * spans. Returns the traces restored or re-summed.
	 */
	int restore(UUID ws, UUID id) {
		this.jdbc.sql("""
				UPDATE spans sp SET cost_usd = c.old_cost, cost_source = c.old_source, model_provider = c.old_provider,
				                    updated_at = NOW()
				FROM cost_recompute_span_changes c
				WHERE c.recompute_id = :id AND c.workspace_id = :ws AND sp.workspace_id = :ws
				  AND sp.trace_id = c.trace_id AND sp.span_id = c.span_id
				  AND sp.cost_usd IS NOT DISTINCT FROM c.new_cost""")
			.param("ws", ws)
			.param("id", id)
			.update();
		int restored = restoreTraces(ws, id);
		return restored + this.jdbc.sql("""
				UPDATE traces t SET cost_usd = s.cost,
				                    cost_source = CASE WHEN s.cost IS NULL THEN 'unknown' ELSE t.cost_source END
				FROM (SELECT sp.trace_id, sum(sp.cost_usd) AS cost
				      FROM spans sp
				      WHERE sp.workspace_id = :ws
				        AND sp.trace_id IN (SELECT c.trace_id FROM cost_recompute_span_changes c
				                            WHERE c.recompute_id = :id AND c.workspace_id = :ws)
				      GROUP BY sp.trace_id) s
				WHERE t.workspace_id = :ws AND t.trace_id = s.trace_id AND t.totals_from_spans
				  AND t.cost_usd IS DISTINCT FROM s.cost""")
			.param("ws", ws)
			.param("id", id)
			.update();
	}

	private int restoreTraces(UUID ws, UUID id) {
		return this.jdbc.sql("""
				UPDATE traces t SET cost_usd = c.old_cost, cost_source = c.old_source, model_provider = c.old_provider
				FROM cost_recompute_changes c
				WHERE c.recompute_id = :id AND c.workspace_id = :ws AND t.workspace_id = :ws
				  AND t.trace_id = c.trace_id AND t.timestamp = c.timestamp
				  AND t.cost_usd IS NOT DISTINCT FROM c.new_cost""")
			.param("ws", ws)
			.param("id", id)
			.update();
	}

	/**
	 * Rebuilds every rollup of the whole UTC days the window touches from the raw traces (hourly and daily,
	 * measures and users), so the Cost tab's totals follow the new costs.
	 */
	void rebuildRollups(UUID ws, Instant from, Instant to) {
		this.jdbc.sql("""
				SELECT agentobs_rebuild_rollups(:ws, date_trunc('day', CAST(:from AS TIMESTAMPTZ), 'UTC'),
				    date_trunc('day', CAST(:to AS TIMESTAMPTZ) - INTERVAL '1 microsecond', 'UTC') + INTERVAL '1 day')::TEXT""")
			.param("ws", ws)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(String.class)
			.list();
	}

	private static Map<String, Object> window(UUID ws, String model, Instant from, Instant to, String scope) {
		Map<String, Object> params = new HashMap<>();
		params.put("ws", ws);
		params.put("model", model);
		params.put("from", Timestamp.from(from));
		params.put("to", Timestamp.from(to));
		params.put("scope", scope);
		return params;
	}

	private static Recompute map(ResultSet rs, int n) throws SQLException {
		Timestamp cursor = rs.getTimestamp("cursor_timestamp");
		Timestamp started = rs.getTimestamp("started_at");
		Timestamp finished = rs.getTimestamp("finished_at");
		return new Recompute(rs.getObject("id", UUID.class), rs.getObject("action_id", UUID.class),
				rs.getString("model"), rs.getTimestamp("window_from").toInstant(),
				rs.getTimestamp("window_to").toInstant(), rs.getString("scope"), rs.getString("status"),
				rs.getLong("total_traces"), rs.getLong("processed_traces"), rs.getLong("changed_traces"),
				rs.getBigDecimal("cost_before_usd"), rs.getBigDecimal("cost_after_usd"),
				(cursor != null) ? cursor.toInstant() : null, rs.getString("cursor_trace_id"), rs.getString("error"),
				rs.getTimestamp("created_at").toInstant(), (started != null) ? started.toInstant() : null,
				(finished != null) ? finished.toInstant() : null);
	}

}
