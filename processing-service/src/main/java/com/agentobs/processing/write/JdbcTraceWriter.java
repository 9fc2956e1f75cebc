package com.agentobs.processing.write;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.processing.system.ProcessingProperties;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one workspace's share of a batch: {@link #register} registers unknown agents and
 * end users in a short transaction of its own, then {@link #write}, inside the batch's
 * transaction (both with {@code app.workspace_id} set), enriches each trace (department,
 * environment/version defaults, provider and cost from the price table, user segment),
 * inserts traces and spans idempotently, keeps span-derived totals right, and adds the new
 * traces to the user rollups and to the measure rollups' cells.
 *
 * <p>Totals rule: a trace that came with neither token counts nor a cost takes
 * {@code tokens_*} and {@code cost_usd} from the sum over its spans
 * ({@code totals_from_spans}); a trace with its own tokens keeps them (cost from the price
 * table when it sent none). {@code span_count} is always the number of stored spans. Both
 * are recomputed from the spans table whenever a trace's span count changes, so spans
 * arriving before, with or after their trace, and replays, give the same result.
 */
@Component
public class JdbcTraceWriter {

	private static final Logger log = LoggerFactory.getLogger(JdbcTraceWriter.class);

	static final String FIND_AGENTS = """
			SELECT agent_id, department_id, environment, version FROM agents
			WHERE workspace_id = ?::uuid AND agent_id = ANY(?::text[])
			""";

	static final String INSERT_DEPARTMENTS = """
			INSERT INTO departments (workspace_id, department_code, department_name)
			SELECT DISTINCT ?::uuid, agentobs_infer_department_code(a.id),
			       agentobs_department_name(agentobs_infer_department_code(a.id))
			FROM unnest(?::text[]) AS a(id)
			ON CONFLICT (workspace_id, department_code) DO NOTHING
			""";

	static final String INSERT_AGENTS = """
			INSERT INTO agents (workspace_id, agent_id, name, department_id, environment, version)
			SELECT ?::uuid, a.id, a.id, d.id, COALESCE(a.env, 'production'), COALESCE(a.ver, 'v1.0')
			FROM unnest(?::text[], ?::text[], ?::text[]) AS a(id, env, ver)
			LEFT JOIN departments d ON d.workspace_id = ?::uuid AND d.department_code = agentobs_infer_department_code(a.id)
			ON CONFLICT (workspace_id, agent_id) DO NOTHING
			""";

	static final String FIND_PRICES = """
			SELECT workspace_id, model, model_provider, price_per_1k_tokens_usd, price_per_1k_input_usd,
			       price_per_1k_output_usd, effective_from
			FROM model_prices WHERE workspace_id IS NULL OR workspace_id = ?::uuid
			""";

	/** How far {@code end_users.first_seen_at} / {@code last_seen_at} may be inside a user's true seen range. */
	public static final Duration SEEN_RESOLUTION = Duration.ofMinutes(15);

	/**
	 * Known end users of the batch: segment and seen range, read without locking. One probe of the
	 * unique key per id (lateral; {@code OFFSET 0} keeps the planner from flattening it into a join
	 * over the workspace's rows): as {@code external_user_id = ANY(?)}, a workspace newer than the
	 * table's statistics was read by its workspace prefix and filtered against the whole array,
	 * 84 ms for 1,700 users of 5,000 instead of 8.
	 */
	static final String FIND_END_USERS = """
			SELECT e.external_user_id, e.user_segment, e.first_seen_at, e.last_seen_at
			FROM unnest(?::text[]) AS ids(id)
			CROSS JOIN LATERAL (SELECT external_user_id, user_segment, first_seen_at, last_seen_at FROM end_users
			                    WHERE workspace_id = ?::uuid AND external_user_id = ids.id OFFSET 0) e
			""";

	/** Registers new end users and widens the seen range of known ones (only where it widens). */
	static final String UPSERT_END_USERS = """
			INSERT INTO end_users (workspace_id, external_user_id, user_segment, first_seen_at, last_seen_at)
			SELECT ?::uuid, u.id, 'new', u.first_seen::timestamptz, u.last_seen::timestamptz
			FROM unnest(?::text[], ?::text[], ?::text[]) AS u(id, first_seen, last_seen)
			ON CONFLICT (workspace_id, external_user_id) DO UPDATE
			SET first_seen_at = LEAST(end_users.first_seen_at, EXCLUDED.first_seen_at),
			    last_seen_at = GREATEST(end_users.last_seen_at, EXCLUDED.last_seen_at), updated_at = now()
			WHERE EXCLUDED.first_seen_at < end_users.first_seen_at OR EXCLUDED.last_seen_at > end_users.last_seen_at
			RETURNING external_user_id, user_segment
			""";

	/**
	 * Inserts the batch's traces that are not stored yet ({@code (workspace_id, trace_id)}: the
	 * unique key also holds the timestamp, so a resent trace with another timestamp is caught by
	 * the NOT EXISTS, not by ON CONFLICT). The probe is written as a key probe per id; see
	 * {@link #RECOMPUTE_TOTALS} for why.
	 */
	public static final String INSERT_TRACES = """
			INSERT INTO traces (workspace_id, trace_id, agent_id, timestamp, input, output, error, latency_ms, status,
			                    model, model_provider, tokens_input, tokens_output, tokens_total, cost_usd, department_id,
			                    environment, version, agent_version, intent_category, user_segment, sample_rate, user_id,
			                    session_id, metadata, totals_from_spans, span_count)
			SELECT ?::uuid, u.trace_id, u.agent_id, u.ts::timestamptz, u.input, u.output, u.error, u.latency_ms, u.status,
			       u.model, u.provider, u.tokens_input, u.tokens_output, u.tokens_total, u.cost_usd,
			       u.department_id::uuid, u.environment, u.version, u.agent_version, u.intent_category, u.user_segment,
			       u.sample_rate, u.user_id, u.session_id, u.metadata::jsonb, u.from_spans, u.span_count
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[],
			            ?::text[], ?::int[], ?::int[], ?::int[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::text[],
			            ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::int[])
			     AS u(trace_id, agent_id, ts, input, output, error, latency_ms, status, model, provider, tokens_input,
			          tokens_output, tokens_total, cost_usd, department_id, environment, version, agent_version,
			          intent_category, user_segment, sample_rate, user_id, session_id, metadata, from_spans, span_count)
			WHERE NOT EXISTS (SELECT 1 FROM traces t WHERE t.workspace_id = (SELECT ?::uuid) AND t.trace_id = u.trace_id
			                  OFFSET 0)
			ON CONFLICT DO NOTHING
			RETURNING trace_id
			""";

	static final String INSERT_SPANS = """
			INSERT INTO spans (workspace_id, trace_id, span_id, parent_span_id, span_type, name, started_at, ended_at,
			                   latency_ms, model, model_provider, tokens_input, tokens_output, cost_usd, status, attributes)
			SELECT ?::uuid, u.trace_id, u.span_id, u.parent_span_id, u.span_type, u.name, u.started_at::timestamptz,
			       u.ended_at::timestamptz, u.latency_ms, u.model, u.provider, u.tokens_input, u.tokens_output,
			       u.cost_usd, u.status, u.attributes::jsonb
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],
			            ?::text[], ?::text[], ?::int[], ?::int[], ?::numeric[], ?::text[], ?::text[])
			     AS u(trace_id, span_id, parent_span_id, span_type, name, started_at, ended_at, latency_ms, model,
			          provider, tokens_input, tokens_output, cost_usd, status, attributes)
			ON CONFLICT (workspace_id, trace_id, span_id) DO NOTHING
			""";

	/**
	 * Recomputes span_count (and span-derived totals) from the stored spans, rewriting only
	 * traces where that changes something. New traces are inserted with the totals of the
	 * spans that came with them ({@link SpanTotals}), so in the usual case (a trace and its
	 * spans in one request) nothing is rewritten; spans stored earlier or later, or a
	 * different first write of a replayed span, make the stored values differ and the row
	 * is corrected here.
	 * <p>
	 * Key probes, here and in {@link #INSERT_TRACES}: no plan may read a workspace's spans or
	 * traces whole, whatever the statistics say. Each id's spans are one lateral index probe by
	 * (workspace_id, trace_id), which the planner cannot turn into a join ({@code OFFSET 0}), and
	 * the traces are found by the same pair. The workspace id and the ids reach the statement as
	 * init-plan values ({@code (SELECT ?::uuid)}, {@code (SELECT ?::text[])}): the planner sees an
	 * average workspace and a handful of ids, so probing by key is always its cheapest plan, the
	 * same with the values known (a statement's first executions) as in the generic plan of a
	 * prepared statement (the driver's, from the sixth execution). Each literal value misled it:
	 * <ul>
	 * <li>the id of a workspace newer than the table's statistics (a new tenant in a populated
	 * table) was estimated at one row, so a hash join read the whole workspace per batch (122 ms at
	 * 20,000 traces, growing with it), or a probe that tied {@code traces_pkey} with
	 * {@code idx_traces_workspace_agent_timestamp} took the latter and filtered the workspace per
	 * id (9.9 s for 1,000 ids at 20,000 traces);</li>
	 * <li>with the workspace as an average one but 1,000 known ids, a hash join over a scan of the
	 * workspace looked cheaper than 1,000 probes;</li>
	 * <li>the traces found by a lateral row address instead, the generic plan drove the update from
	 * the row-level-security condition, one workspace scan per id (105 s per batch).</li>
	 * </ul>
	 * Earlier, a join on workspace_id alone rescanned every span of the workspace per trace: one
	 * batch ran for 79 s in the ingest benchmark.
	 */
	public static final String RECOMPUTE_TOTALS = """
			WITH s AS MATERIALIZED (
			    SELECT ids.trace_id, agg.n, agg.tokens_input, agg.tokens_output, agg.cost, agg.model, agg.provider
			    FROM (SELECT DISTINCT unnest((SELECT ?::text[])) AS trace_id) ids
			    CROSS JOIN LATERAL (
			        SELECT count(*)::int AS n,
			               COALESCE(sum(sp.tokens_input), 0)::int AS tokens_input,
			               COALESCE(sum(sp.tokens_output), 0)::int AS tokens_output,
			               sum(sp.cost_usd) AS cost,
			               (array_agg(sp.model ORDER BY sp.started_at) FILTER (WHERE sp.model IS NOT NULL))[1] AS model,
			               (array_agg(sp.model_provider ORDER BY sp.started_at)
			                   FILTER (WHERE sp.model_provider IS NOT NULL))[1] AS provider
			        FROM spans sp
			        WHERE sp.workspace_id = (SELECT ?::uuid) AND sp.trace_id = ids.trace_id OFFSET 0) agg
			    WHERE agg.n > 0)
			UPDATE traces t
			SET span_count = s.n,
			    tokens_input = CASE WHEN t.totals_from_spans THEN s.tokens_input ELSE t.tokens_input END,
			    tokens_output = CASE WHEN t.totals_from_spans THEN s.tokens_output ELSE t.tokens_output END,
			    tokens_total = CASE WHEN t.totals_from_spans THEN s.tokens_input + s.tokens_output ELSE t.tokens_total END,
			    cost_usd = CASE WHEN t.totals_from_spans THEN s.cost ELSE t.cost_usd END,
			    model = COALESCE(t.model, s.model),
			    model_provider = COALESCE(t.model_provider, s.provider),
			    updated_at = now()
			FROM s
			WHERE t.workspace_id = (SELECT ?::uuid) AND t.trace_id = s.trace_id
			  AND (t.span_count <> s.n
			       OR (t.totals_from_spans AND (t.tokens_input, t.tokens_output, t.cost_usd)
			           IS DISTINCT FROM (s.tokens_input, s.tokens_output, s.cost))
			       OR (t.model IS NULL AND s.model IS NOT NULL)
			       OR (t.model_provider IS NULL AND s.provider IS NOT NULL))
			RETURNING t.timestamp
			""";

	/**
	 * Adds the traces this transaction inserted to the user rollups (V024): they count traces per
	 * user, which spans never change, so adding each new trace once is exact, and the rollup
	 * passes need not re-read a whole day of traces for them.
	 */
	static final String ADD_USER_ROLLUPS = "SELECT agentobs_add_user_rollups(?::uuid, ?::text[])";

	/**
	 * Adds (+1) or removes (-1) traces to or from the measure rollups' cells (V025), from which
	 * the dirty-hour passes derive every measure rollup: new traces once, after their totals are
	 * final in this transaction; stored traces whose totals late spans may change, out before
	 * and back in after the recompute, so each committed trace is in exactly one cell.
	 */
	static final String ADD_TRACE_CELLS = "SELECT agentobs_add_trace_cells(?::uuid, ?::text[], ?)";

	/** What one workspace's write did: new trace ids, hours whose rollups must be rebuilt. */
	public record Result(List<String> insertedTraceIds, Set<Instant> touchedHours, int spanCount) {
	}

	record Agent(UUID departmentId, String environment, String version, long loadedAt) {
	}

	/** A span as it is stored: its cost and provider filled from the price table. */
	private record PricedSpan(IngestSpan span, String provider, BigDecimal cost) {
	}

	/** The totals RECOMPUTE_TOTALS would derive from the spans that came with a trace in this batch. */
	private static final class SpanTotals {

		int count;

		int tokensInput;

		int tokensOutput;

		BigDecimal cost;

		Instant firstModelAt;

		String model;

		Instant firstProviderAt;

		String provider;

		void add(PricedSpan p) {
			IngestSpan s = p.span();
			this.count++;
			this.tokensInput += (s.tokensInput() != null) ? s.tokensInput() : 0;
			this.tokensOutput += (s.tokensOutput() != null) ? s.tokensOutput() : 0;
			if (p.cost() != null) {
				this.cost = (this.cost != null) ? this.cost.add(p.cost()) : p.cost();
			}
			if (s.model() != null && (this.firstModelAt == null || s.startedAt().isBefore(this.firstModelAt))) {
				this.firstModelAt = s.startedAt();
				this.model = s.model();
			}
			if (p.provider() != null
					&& (this.firstProviderAt == null || s.startedAt().isBefore(this.firstProviderAt))) {
				this.firstProviderAt = s.startedAt();
				this.provider = p.provider();
			}
		}

	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final long cacheTtlMillis;

	private final Map<String, Agent> agents = new ConcurrentHashMap<>();

	private final Map<UUID, Map.Entry<Long, PriceTable>> prices = new ConcurrentHashMap<>();

	JdbcTraceWriter(JdbcClient jdbc, JsonMapper json, Clock clock, ProcessingProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.cacheTtlMillis = properties.cache().ttl().toMillis();
	}

	/**
	 * The registry rows a batch's traces need (agents and their departments, end users and their
	 * segments), registered where missing. Idempotent, so the caller commits it in its own short
	 * transaction before the batch's: held until the batch committed, the row locks of a new end
	 * user made concurrent consumers wait for each other's whole batch (0.4–1.1 s per 2,000
	 * traces in the ingest benchmark). Must run inside a transaction that has set
	 * {@code app.workspace_id} to {@code workspaceId}.
	 */
	public Registry register(UUID workspaceId, List<IngestTrace> traces) {
		long t0 = System.nanoTime();
		Map<String, Agent> agentInfo = agents(workspaceId, traces);
		long t1 = System.nanoTime();
		Map<String, String> segments = endUsers(workspaceId, traces);
		log.debug("Registered {} traces' agents in {} ms, end users in {} ms", traces.size(), (t1 - t0) / 1_000_000,
				(System.nanoTime() - t1) / 1_000_000);
		return new Registry(agentInfo, segments);
	}

	/** What {@link #register} found: agent registry rows by agent id, user segments by end-user id. */
	public record Registry(Map<String, Agent> agents, Map<String, String> segments) {
	}

	/**
	 * Must run inside a transaction that has set {@code app.workspace_id} to {@code workspaceId},
	 * after {@link #register} committed for the same traces.
	 */
	public Result write(UUID workspaceId, List<IngestTrace> incoming, List<IngestSpan> looseSpans, Registry registry) {
		Map<String, IngestTrace> traces = new LinkedHashMap<>();
		for (IngestTrace trace : incoming) {
			traces.putIfAbsent(trace.traceId(), trace);
		}
		Map<String, IngestSpan> unique = new LinkedHashMap<>();
		traces.values().forEach((t) -> t.spans().forEach((s) -> unique.putIfAbsent(t.traceId() + "/" + s.spanId(), s)));
		looseSpans.forEach((s) -> unique.putIfAbsent(s.traceId() + "/" + s.spanId(), s));

		long t0 = System.nanoTime();
		PriceTable priceTable = priceTable(workspaceId);
		List<PricedSpan> spans = new ArrayList<>(unique.size());
		Map<String, SpanTotals> spanTotals = new HashMap<>();
		for (IngestSpan s : unique.values()) {
			PriceTable.Price price = priceTable.find(s.model(), s.startedAt());
			PricedSpan priced = new PricedSpan(s,
					(s.modelProvider() != null) ? s.modelProvider() : (price != null) ? price.provider() : null,
					(s.costUsd() != null) ? s.costUsd() : PriceTable.cost(price, s.tokensInput(), s.tokensOutput(), null));
			spans.add(priced);
			spanTotals.computeIfAbsent(s.traceId(), (k) -> new SpanTotals()).add(priced);
		}
		long t2 = System.nanoTime();
		Set<Instant> hours = new TreeSet<>();
		List<String> inserted = traces.isEmpty() ? List.of()
				: insertTraces(workspaceId, traces.values(), registry.agents(), registry.segments(), priceTable,
						spanTotals, hours);
		long t3 = System.nanoTime();
		if (!spans.isEmpty()) {
			insertSpans(workspaceId, spans);
		}
		long t4 = System.nanoTime();
		// stored traces (not inserted by this batch) that its spans belong to: their totals may change below
		Set<String> stored = new LinkedHashSet<>();
		spans.forEach((s) -> stored.add(s.span().traceId()));
		stored.removeAll(new HashSet<>(inserted));
		Set<String> recompute = new LinkedHashSet<>(inserted);
		recompute.addAll(stored);
		long locked = t4;
		long t5 = t4;
		long t6 = t4;
		if (!recompute.isEmpty()) {
			// held to commit: recomputes of one workspace run one after another, each seeing every span
			// the earlier ones committed. Without it two consumers (threads or instances) writing a trace
			// and a late span of it at the same time each missed the other's uncommitted row, and the
			// trace kept a stale span count. It also keeps a stored trace from being moved between
			// cells by two transactions at once, and a rebuild from raw (which takes it shared) from
			// running beside this batch's rollup additions.
			this.jdbc.sql(RollupRebuilder.LOCK_WORKSPACE).params("totals", workspaceId.toString()).query((rs) -> {
			});
			locked = System.nanoTime();
			if (!inserted.isEmpty()) {
				this.jdbc.sql(ADD_USER_ROLLUPS)
					.params(workspaceId.toString(), inserted.toArray(String[]::new))
					.query((rs) -> {
					});
			}
			t5 = System.nanoTime();
			if (!stored.isEmpty()) {
				addTraceCells(workspaceId, stored.toArray(String[]::new), -1);
			}
			this.jdbc.sql(RECOMPUTE_TOTALS)
				.params(recompute.toArray(String[]::new), workspaceId.toString(), workspaceId.toString())
				.query((rs, n) -> rs.getTimestamp(1).toInstant())
				.list()
				.forEach((ts) -> hours.add(ts.truncatedTo(ChronoUnit.HOURS)));
			t6 = System.nanoTime();
			addTraceCells(workspaceId, recompute.toArray(String[]::new), 1);
		}
		long t7 = System.nanoTime();
		log.debug("Wrote {} traces, {} spans: prices {} ms, traces {} ms, spans {} ms, lock wait {} ms, user rollups {} ms,"
				+ " totals {} ms, cells {} ms", traces.size(), spans.size(), (t2 - t0) / 1_000_000,
				(t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, (locked - t4) / 1_000_000, (t5 - locked) / 1_000_000,
				(t6 - t5) / 1_000_000, (t7 - t6) / 1_000_000);
		return new Result(inserted, hours, spans.size());
	}

	private void addTraceCells(UUID ws, String[] traceIds, int sign) {
		this.jdbc.sql(ADD_TRACE_CELLS).params(ws.toString(), traceIds, sign).query((rs) -> {
		});
	}

	private List<String> insertTraces(UUID ws, Collection<IngestTrace> traces, Map<String, Agent> agentInfo,
			Map<String, String> segments, PriceTable priceTable, Map<String, SpanTotals> spanTotals, Set<Instant> hours) {
		int n = traces.size();
		String[] id = new String[n], agent = new String[n], ts = new String[n], input = new String[n],
				output = new String[n], error = new String[n], status = new String[n], model = new String[n],
				provider = new String[n], dept = new String[n], env = new String[n], version = new String[n],
				agentVersion = new String[n], intent = new String[n], segment = new String[n], user = new String[n],
				session = new String[n], metadata = new String[n];
		Integer[] latency = new Integer[n], tokensIn = new Integer[n], tokensOut = new Integer[n],
				tokensTotal = new Integer[n], sampleRate = new Integer[n], spanCount = new Integer[n];
		BigDecimal[] cost = new BigDecimal[n];
		Boolean[] fromSpans = new Boolean[n];
		int i = 0;
		for (IngestTrace t : traces) {
			Agent a = agentInfo.get(t.agentId());
			PriceTable.Price price = priceTable.find(t.model(), t.timestamp());
			boolean derived = t.hasNoTokensOfItsOwn() && t.costUsd() == null;
			id[i] = t.traceId();
			agent[i] = t.agentId();
			ts[i] = t.timestamp().toString();
			hours.add(t.timestamp().truncatedTo(ChronoUnit.HOURS));
			input[i] = t.input();
			output[i] = t.output();
			error[i] = t.error();
			latency[i] = t.latencyMs();
			status[i] = t.status();
			model[i] = t.model();
			provider[i] = (t.modelProvider() != null) ? t.modelProvider() : (price != null) ? price.provider() : null;
			tokensIn[i] = t.tokensInput();
			tokensOut[i] = t.tokensOutput();
			tokensTotal[i] = t.tokensTotal();
			cost[i] = (t.costUsd() != null) ? t.costUsd()
					: derived ? null : PriceTable.cost(price, t.tokensInput(), t.tokensOutput(), t.tokensTotal());
			dept[i] = (a != null && a.departmentId() != null) ? a.departmentId().toString() : null;
			env[i] = (t.environment() != null) ? t.environment() : (a != null) ? a.environment() : null;
			version[i] = (t.version() != null) ? t.version() : (a != null) ? a.version() : null;
			agentVersion[i] = (t.agentVersion() != null) ? t.agentVersion() : version[i];
			intent[i] = t.intentCategory();
			segment[i] = (t.userId() != null) ? segments.get(t.userId()) : null;
			sampleRate[i] = (t.sampleRate() != null) ? t.sampleRate() : 1;
			user[i] = t.userId();
			session[i] = t.sessionId();
			metadata[i] = this.json.writeValueAsString(t.metadata());
			fromSpans[i] = derived;
			SpanTotals st = spanTotals.get(t.traceId());
			spanCount[i] = (st != null) ? st.count : 0;
			if (st != null) {
				if (derived) {
					tokensIn[i] = st.tokensInput;
					tokensOut[i] = st.tokensOutput;
					tokensTotal[i] = st.tokensInput + st.tokensOutput;
					cost[i] = st.cost;
				}
				model[i] = (model[i] != null) ? model[i] : st.model;
				provider[i] = (provider[i] != null) ? provider[i] : st.provider;
			}
			i++;
		}
		return this.jdbc.sql(INSERT_TRACES)
			.params(ws.toString(), id, agent, ts, input, output, error, latency, status, model, provider, tokensIn,
					tokensOut, tokensTotal, cost, dept, env, version, agentVersion, intent, segment, sampleRate, user,
					session, metadata, fromSpans, spanCount, ws.toString())
			.query((rs, rowNum) -> rs.getString(1))
			.list();
	}

	private void insertSpans(UUID ws, List<PricedSpan> spans) {
		int n = spans.size();
		String[] traceId = new String[n], spanId = new String[n], parent = new String[n], type = new String[n],
				name = new String[n], started = new String[n], ended = new String[n], model = new String[n],
				provider = new String[n], status = new String[n], attributes = new String[n];
		Integer[] latency = new Integer[n], tokensIn = new Integer[n], tokensOut = new Integer[n];
		BigDecimal[] cost = new BigDecimal[n];
		int i = 0;
		for (PricedSpan p : spans) {
			IngestSpan s = p.span();
			traceId[i] = s.traceId();
			spanId[i] = s.spanId();
			parent[i] = s.parentSpanId();
			type[i] = s.spanType();
			name[i] = s.name();
			started[i] = s.startedAt().toString();
			ended[i] = (s.endedAt() != null) ? s.endedAt().toString() : null;
			latency[i] = s.latencyMs();
			model[i] = s.model();
			provider[i] = p.provider();
			tokensIn[i] = s.tokensInput();
			tokensOut[i] = s.tokensOutput();
			cost[i] = p.cost();
			status[i] = s.status();
			attributes[i] = this.json.writeValueAsString(s.attributes());
			i++;
		}
		this.jdbc.sql(INSERT_SPANS)
			.params(ws.toString(), traceId, spanId, parent, type, name, started, ended, latency, model, provider,
					tokensIn, tokensOut, cost, status, attributes)
			.update();
	}

	/** Registry rows of the batch's agents; unknown ones are registered first (department inferred from the id). */
	private Map<String, Agent> agents(UUID ws, Collection<IngestTrace> traces) {
		long now = this.clock.millis();
		Map<String, IngestTrace> firstByAgent = new TreeMap<>();
		traces.forEach((t) -> firstByAgent.putIfAbsent(t.agentId(), t));
		Map<String, Agent> found = new HashMap<>();
		List<String> missing = new ArrayList<>();
		firstByAgent.keySet().forEach((agentId) -> {
			Agent cached = this.agents.get(ws + "/" + agentId);
			if (cached != null && now - cached.loadedAt() < this.cacheTtlMillis) {
				found.put(agentId, cached);
			}
			else {
				missing.add(agentId);
			}
		});
		if (missing.isEmpty()) {
			return found;
		}
		Map<String, Agent> loaded = loadAgents(ws, missing, now);
		// only rows that existed before this transaction are cached: a rollback cannot leave stale ids behind
		loaded.forEach((agentId, agent) -> this.agents.put(ws + "/" + agentId, agent));
		List<String> unknown = missing.stream().filter((a) -> !loaded.containsKey(a)).toList();
		if (!unknown.isEmpty()) {
			String[] ids = unknown.toArray(String[]::new);
			String[] envs = unknown.stream().map((a) -> firstByAgent.get(a).environment()).toArray(String[]::new);
			String[] vers = unknown.stream().map((a) -> firstByAgent.get(a).version()).toArray(String[]::new);
			this.jdbc.sql(INSERT_DEPARTMENTS).params(ws.toString(), ids).update();
			this.jdbc.sql(INSERT_AGENTS).params(ws.toString(), ids, envs, vers, ws.toString()).update();
			loaded.putAll(loadAgents(ws, unknown, now));
		}
		found.putAll(loaded);
		return found;
	}

	private Map<String, Agent> loadAgents(UUID ws, List<String> agentIds, long now) {
		Map<String, Agent> map = new HashMap<>();
		this.jdbc.sql(FIND_AGENTS).params(ws.toString(), agentIds.toArray(String[]::new)).query((rs) -> {
			map.put(rs.getString("agent_id"), new Agent(rs.getObject("department_id", UUID.class),
					rs.getString("environment"), rs.getString("version"), now));
		});
		return map;
	}

	/**
	 * Registers the batch's new end users, widens the first/last-seen range of known ones
	 * where the batch lies outside it, and returns each user's segment. Known users are read
	 * first, so a user whose range already covers the batch costs a read, not a row lock and
	 * a rewrite (an unconditional upsert rewrote every user row of every batch). A trace widens
	 * the range only when it lies more than {@link #SEEN_RESOLUTION} outside it: live traffic is
	 * always later than the last batch (and agents' clocks and retries scatter timestamps), and
	 * rewriting every returning user's row on every batch cost more than inserting the traces
	 * (88 ms per 1,000 traces in the ingest benchmark). Cohorts (by day or week) and dormancy
	 * do not need the range closer than that.
	 */
	private Map<String, String> endUsers(UUID ws, Collection<IngestTrace> traces) {
		Map<String, Instant[]> seen = new TreeMap<>();
		for (IngestTrace t : traces) {
			if (t.userId() == null) {
				continue;
			}
			Instant[] range = seen.computeIfAbsent(t.userId(), (k) -> new Instant[] { t.timestamp(), t.timestamp() });
			range[0] = t.timestamp().isBefore(range[0]) ? t.timestamp() : range[0];
			range[1] = t.timestamp().isAfter(range[1]) ? t.timestamp() : range[1];
		}
		if (seen.isEmpty()) {
			return Map.of();
		}
		Map<String, String> segments = new HashMap<>();
		Map<String, Instant[]> change = new TreeMap<>(seen);
		this.jdbc.sql(FIND_END_USERS).params(seen.keySet().toArray(String[]::new), ws.toString()).query((rs) -> {
			String id = rs.getString(1);
			Instant[] range = seen.get(id);
			if (!range[0].isBefore(rs.getTimestamp(3).toInstant().minus(SEEN_RESOLUTION))
					&& !range[1].isAfter(rs.getTimestamp(4).toInstant().plus(SEEN_RESOLUTION))) {
				segments.put(id, rs.getString(2));
				change.remove(id);
			}
		});
		if (change.isEmpty()) {
			return segments;
		}
		RowCallbackHandler collect = (rs) -> segments.put(rs.getString(1), rs.getString(2));
		this.jdbc.sql(UPSERT_END_USERS)
			.params(ws.toString(), change.keySet().toArray(String[]::new),
					change.values().stream().map((r) -> r[0].toString()).toArray(String[]::new),
					change.values().stream().map((r) -> r[1].toString()).toArray(String[]::new))
			.query(collect);
		if (segments.size() < seen.size()) {
			// a concurrent transaction widened the range first: its row is committed, read it
			String[] unseen = seen.keySet().stream().filter((id) -> !segments.containsKey(id)).toArray(String[]::new);
			this.jdbc.sql(FIND_END_USERS).params(unseen, ws.toString()).query(collect);
		}
		return segments;
	}

	private PriceTable priceTable(UUID ws) {
		long now = this.clock.millis();
		Map.Entry<Long, PriceTable> cached = this.prices.get(ws);
		if (cached != null && now - cached.getKey() < this.cacheTtlMillis) {
			return cached.getValue();
		}
		List<PriceTable.Price> rows = this.jdbc.sql(FIND_PRICES)
			.param(ws.toString())
			.query((rs, n) -> new PriceTable.Price(rs.getObject("workspace_id", UUID.class), rs.getString("model"),
					rs.getString("model_provider"), rs.getBigDecimal("price_per_1k_tokens_usd"),
					rs.getBigDecimal("price_per_1k_input_usd"), rs.getBigDecimal("price_per_1k_output_usd"),
					rs.getTimestamp("effective_from").toInstant()))
			.list();
		PriceTable table = new PriceTable(rows);
		this.prices.put(ws, Map.entry(now, table));
		return table;
	}

}
