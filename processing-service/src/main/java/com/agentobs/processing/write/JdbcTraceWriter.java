package com.agentobs.processing.write;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.processing.write.WriteStages.Stage;

import org.springframework.stereotype.Component;

/**
 * Writes one workspace's share of a batch, in two steps. {@link #register} registers unknown agents
 * and end users in a short transaction of its own ({@link AgentRegistry}, {@link EndUsers}); then
 * {@link #write}, inside the batch's transaction, enriches the traces ({@link TraceEnricher}, prices
 * from {@link PriceCache}), inserts traces and spans idempotently ({@link TraceInserts}), and, under
 * the workspace's span-totals lock, adds the new traces to the user rollups, recomputes span-derived
 * totals ({@link SpanTotals}) and keeps the measure rollups' cells right ({@link RollupCells}).
 * Each stage's wall time is the timer {@code agentobs.processing.write} tagged by stage.
 * Both steps must run in a transaction that has set {@code app.workspace_id} to the workspace.
 */
@Component
public class JdbcTraceWriter {

	/** What {@link #register} found: agent registry rows by agent id, user segments by end-user id. */
	public record Registry(Map<String, AgentRegistry.Agent> agents, Map<String, String> segments) {
	}

	/** What one workspace's write did: new trace ids, hours whose rollups must be rebuilt, spans written. */
	public record Result(List<String> insertedTraceIds, Set<Instant> touchedHours, int spanCount) {
	}

	private final AgentRegistry agents;

	private final EndUsers endUsers;

	private final PriceCache prices;

	private final TraceInserts inserts;

	private final SpanTotals spanTotals;

	private final RollupCells cells;

	private final WriteStages stages;

	JdbcTraceWriter(AgentRegistry agents, EndUsers endUsers, PriceCache prices, TraceInserts inserts,
			SpanTotals spanTotals, RollupCells cells, WriteStages stages) {
		this.agents = agents;
		this.endUsers = endUsers;
		this.prices = prices;
		this.inserts = inserts;
		this.spanTotals = spanTotals;
		this.cells = cells;
		this.stages = stages;
	}

	/**
	 * The registry rows a batch's traces need, registered where missing. Idempotent, so the caller
	 * commits it in its own short transaction before the batch's: held to the batch's commit, a new
	 * end user's row lock would make concurrent consumers wait for each other's whole batch.
	 */
	public Registry register(UUID workspaceId, List<IngestTrace> traces) {
		Map<String, AgentRegistry.Agent> agentRows = this.stages.time(Stage.AGENTS,
				() -> this.agents.agents(workspaceId, traces));
		Map<String, String> segments = this.stages.time(Stage.END_USERS,
				() -> this.endUsers.segments(workspaceId, traces));
		return new Registry(agentRows, segments);
	}

	/** Must run after {@link #register} committed for the same traces. */
	public Result write(UUID workspaceId, List<IngestTrace> incoming, List<IngestSpan> looseSpans, Registry registry) {
		TraceEnricher.Enriched batch = this.stages.time(Stage.ENRICH, () -> TraceEnricher.enrich(incoming, looseSpans,
				registry.agents(), registry.segments(), this.prices.prices(workspaceId)));
		Set<Instant> hours = new TreeSet<>();
		batch.traces().forEach((t) -> hours.add(t.timestamp().truncatedTo(ChronoUnit.HOURS)));
		List<String> inserted = batch.traces().isEmpty() ? List.of()
				: this.stages.time(Stage.TRACES, () -> this.inserts.insertTraces(workspaceId, batch.traces()));
		if (!batch.spans().isEmpty()) {
			this.stages.time(Stage.SPANS, () -> this.inserts.insertSpans(workspaceId, batch.spans()));
		}
		// stored traces (not inserted by this batch) that its spans belong to: their totals may change below
		Set<String> stored = new LinkedHashSet<>();
		batch.spans().forEach((s) -> stored.add(s.span().traceId()));
		stored.removeAll(new HashSet<>(inserted));
		Set<String> recompute = new LinkedHashSet<>(inserted);
		recompute.addAll(stored);
		if (!recompute.isEmpty()) {
			this.stages.time(Stage.LOCK_WAIT, () -> this.cells.lockWorkspace(workspaceId));
			if (!inserted.isEmpty()) {
				this.stages.time(Stage.USER_ROLLUPS, () -> this.cells.addUserRollups(workspaceId, inserted));
			}
			if (!stored.isEmpty()) {
				this.stages.time(Stage.CELLS, () -> this.cells.addToCells(workspaceId, stored, -1));
			}
			this.stages.time(Stage.SPAN_TOTALS, () -> this.spanTotals.recompute(workspaceId, recompute))
				.forEach((ts) -> hours.add(ts.truncatedTo(ChronoUnit.HOURS)));
			this.stages.time(Stage.CELLS, () -> this.cells.addToCells(workspaceId, recompute, 1));
		}
		return new Result(inserted, hours, batch.spans().size());
	}

}
