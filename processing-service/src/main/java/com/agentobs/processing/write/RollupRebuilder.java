package com.agentobs.processing.write;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the hourly and daily measure rollups of the hours committed batches touched,
 * through {@code agentobs_derive_trace_rollups}, which recomputes those hours exactly
 * from their cells ({@code trace_cells_hourly}): {@link JdbcTraceWriter} adds each batch's
 * new traces to the cells, and moves traces whose totals late spans changed, so replays and
 * late spans cannot double count, and a pass costs O(cells in the hours), not O(traces).
 * (The user rollups are added per batch too; spans never change them.) Touched hours are
 * merged into contiguous ranges; rebuilds of one workspace are serialised by an advisory
 * lock so two threads cannot interleave their delete/insert of the same hour.
 */
@Component
public class RollupRebuilder {

	/**
	 * Takes one of a workspace's write locks exclusively, to commit ({@code 'rollups'} for a
	 * derivation pass, {@code 'totals'} for a batch's span totals and rollup additions; rebuilds
	 * from raw take both shared).
	 */
	static final String LOCK_WORKSPACE = "SELECT agentobs_lock_workspace(?, ?::uuid, false)";

	static final String REBUILD = "SELECT agentobs_derive_trace_rollups(?::uuid, ?::timestamptz, ?::timestamptz)";

	private static final Duration HOUR = Duration.ofHours(1);

	private final WorkspaceTransactions transactions;

	private final JdbcClient jdbc;

	RollupRebuilder(WorkspaceTransactions transactions, JdbcClient jdbc) {
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	/** {@code hours} are whole UTC hours (sorted or not). */
	public void rebuild(UUID workspaceId, Set<Instant> hours) {
		if (hours.isEmpty()) {
			return;
		}
		List<Instant[]> ranges = ranges(hours);
		this.transactions.runInWorkspace(workspaceId, () -> {
			this.jdbc.sql(LOCK_WORKSPACE).params("rollups", workspaceId.toString()).query((rs) -> {
			});
			for (Instant[] range : ranges) {
				this.jdbc.sql(REBUILD)
					.params(workspaceId.toString(), range[0].toString(), range[1].toString())
					.query((rs) -> {
					});
			}
		});
	}

	static List<Instant[]> ranges(Set<Instant> hours) {
		List<Instant> sorted = hours.stream().sorted().toList();
		List<Instant[]> ranges = new ArrayList<>();
		Instant from = sorted.get(0);
		Instant to = from.plus(HOUR);
		for (Instant hour : sorted.subList(1, sorted.size())) {
			if (hour.equals(to)) {
				to = hour.plus(HOUR);
			}
			else {
				ranges.add(new Instant[] { from, to });
				from = hour;
				to = hour.plus(HOUR);
			}
		}
		ranges.add(new Instant[] { from, to });
		return ranges;
	}

}
