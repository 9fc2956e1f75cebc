package com.agentobs.processing.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Trace search in PostgreSQL: {@code trace_search} (one {@code tsvector} per trace, GIN-indexed)
 * and {@code trace_search_progress} (V070). All workspaces of one call share one transaction.
 */
@Component
class PostgresTraceSearchIndex implements TraceSearchIndex {

	static final String SET_WORKSPACE = "SELECT set_config('app.workspace_id', ?, true)";

	/**
	 * The documents of the given traces, read by key: one probe of {@code traces_pkey} per id
	 * ({@code OFFSET 0} keeps the planner from turning the probes into a join over the workspace).
	 * The document's expression is the one the search query matches against.
	 */
	static final String INDEX = """
			INSERT INTO trace_search (workspace_id, trace_id, timestamp, document)
			SELECT t.workspace_id, t.trace_id, t.timestamp,
			       to_tsvector('simple', COALESCE(t.input, '') || ' ' || COALESCE(t.output, ''))
			FROM (SELECT DISTINCT unnest((SELECT ?::text[])) AS id) ids
			CROSS JOIN LATERAL (SELECT workspace_id, trace_id, timestamp, input, output FROM traces
			                    WHERE workspace_id = (SELECT ?::uuid) AND trace_id = ids.id LIMIT 1 OFFSET 0) t
			ON CONFLICT (workspace_id, trace_id) DO NOTHING
			""";

	/** Owner's rights (R__trace_search.sql): the progress of every workspace moves at once. */
	static final String ADVANCE = "SELECT agentobs_advance_trace_search(?)";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	PostgresTraceSearchIndex(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public int index(Map<UUID, ? extends Collection<String>> traceIdsByWorkspace) {
		Integer indexed = this.transactions.execute((status) -> {
			int n = 0;
			// workspaces in a fixed order, so concurrent indexers take row locks in the same order
			for (Map.Entry<UUID, ? extends Collection<String>> entry : new TreeMap<>(traceIdsByWorkspace).entrySet()) {
				String ws = entry.getKey().toString();
				this.jdbc.sql(SET_WORKSPACE).param(ws).query((rs) -> {
				});
				n += this.jdbc.sql(INDEX).params(entry.getValue().toArray(String[]::new), ws).update();
			}
			return n;
		});
		return (indexed != null) ? indexed : 0;
	}

	@Override
	public void advance(Instant through) {
		this.jdbc.sql(ADVANCE).param(Timestamp.from(through)).query((rs) -> {
		});
	}

}
