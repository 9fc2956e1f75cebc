package com.agentobs.processing.write;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A batch's additions to the rollups, in the batch's transaction: new traces to the user rollups
 * (which count traces per user, which spans never change, so adding each new trace once is exact)
 * and to the measure rollups' cells, from which the dirty-hour passes derive every measure rollup.
 * Each committed trace is in exactly one cell: a stored trace whose totals late spans may change is
 * taken out before the recompute and put back after it.
 */
@Component
class RollupCells {

	/**
	 * Takes the workspace's {@code 'totals'} write lock, held to commit: recomputes of one workspace
	 * run one after another, each seeing every span the earlier ones committed (two consumers writing
	 * a trace and a late span of it at once would each miss the other's row); no stored trace moves
	 * between cells in two transactions at once; and a rebuild from raw, which takes it shared, never
	 * runs beside a batch's additions.
	 */
	static final String LOCK_TOTALS = "SELECT agentobs_lock_workspace('totals', ?::uuid, false)";

	static final String ADD_USER_ROLLUPS = "SELECT agentobs_add_user_rollups(?::uuid, ?::text[])";

	/** Adds ({@code +1}) or removes ({@code -1}) traces to or from their cells. */
	static final String ADD_TRACE_CELLS = "SELECT agentobs_add_trace_cells(?::uuid, ?::text[], ?)";

	private final JdbcClient jdbc;

	RollupCells(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void lockWorkspace(UUID ws) {
		this.jdbc.sql(LOCK_TOTALS).param(ws.toString()).query((rs) -> {
		});
	}

	void addUserRollups(UUID ws, Collection<String> insertedTraceIds) {
		this.jdbc.sql(ADD_USER_ROLLUPS).params(ws.toString(), insertedTraceIds.toArray(String[]::new)).query((rs) -> {
		});
	}

	void addToCells(UUID ws, Collection<String> traceIds, int sign) {
		this.jdbc.sql(ADD_TRACE_CELLS).params(ws.toString(), traceIds.toArray(String[]::new), sign).query((rs) -> {
		});
	}

}
