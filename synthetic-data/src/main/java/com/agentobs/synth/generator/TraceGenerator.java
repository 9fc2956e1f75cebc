package com.agentobs.synth.generator;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.OrgPlan.AgentPlan;
import com.agentobs.synth.model.Rng;
import com.agentobs.synth.model.SynthSpec;
import com.agentobs.synth.model.SynthSpec.Department;
import com.agentobs.synth.model.UserPlan;
import com.agentobs.synth.model.UserPlan.EndUser;

/**
 * The traces and their spans, streamed with two concurrent COPYs (one connection each, see
 * {@link TableCopy}: into empty tables without indexes, built afterwards). Rows are generated day by
 * day, agent by agent, each (agent, day) from its own random stream.
 */
final class TraceGenerator implements Generator {

	static final String COPY_TRACES = """
			COPY traces (trace_id, workspace_id, agent_id, timestamp, input, output, error, latency_ms, status, model,
			             model_provider, tokens_input, tokens_output, tokens_total, cost_usd, department_id, environment,
			             version, agent_version, intent_category, user_segment, sample_rate, user_id, session_id,
			             span_count, created_at, updated_at)
			FROM STDIN
			""";

	static final String COPY_SPANS = """
			COPY spans (id, workspace_id, trace_id, span_id, parent_span_id, span_type, name, started_at, ended_at,
			            latency_ms, model, model_provider, tokens_input, tokens_output, cost_usd, status, created_at,
			            updated_at)
			FROM STDIN
			""";

	private static final String[] TOOL_SPANS = { "tool.web_search", "tool.sql_query", "tool.http_request",
			"tool.code_exec", "tool.ticket_lookup", "tool.calendar" };

	private static final String[] RETRIEVAL_SPANS = { "retrieval.vector_search", "retrieval.kb_lookup",
			"retrieval.doc_fetch" };

	private static final byte[] TRACE_PREFIX = ascii("trace_");

	private static final byte[] SESSION_PREFIX = ascii("sess_");

	private static final byte[] NO_PREFIX = new byte[0];

	private static final byte[][] STATUS = { ascii("success"), ascii("error"), ascii("timeout") };

	private static final byte[][] SPAN_TYPES = { ascii("llm"), ascii("tool"), ascii("retrieval") };

	@Override
	public String name() {
		return "traces";
	}

	@Override
	public List<String> tables() {
		return List.of("traces", "spans");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		Map<String, String> rows = new LinkedHashMap<>();
		long traces = plan.totalTraces();
		rows.put("traces", "%,d (represent %,d requests)".formatted(traces, plan.representedRequests()));
		rows.put("spans", "≈ %,d".formatted(Math.round(traces * SynthSpec.SPAN_SHARE
				* (SynthSpec.SPANS_MIN + SynthSpec.SPANS_MAX) / 2.0)));
		return rows;
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		Writer writer = new Writer(context);
		try (Connection c = context.open()) {
			writer.prices = context.pricesNanoPer1k(c);
		}
		try (TableCopy traces = TableCopy.open(context, "traces", COPY_TRACES);
				TableCopy spans = TableCopy.open(context, "spans", COPY_SPANS)) {
			if (traces.bulk() || spans.bulk()) {
				context.err().println("    empty tables: loading without indexes (COPY FREEZE), building them after");
			}
			Progress progress = context.progress("traces", plan.totalTraces());
			writer.traces = traces.stream();
			writer.spans = spans.stream();
			for (int day = 0; day < plan.days(); day++) {
				for (AgentPlan agent : plan.agents()) {
					int n = plan.tracesPerAgentDay()[agent.index()][day];
					if (n > 0) {
						writer.agentDay(agent, day, n);
						progress.advance(n);
					}
				}
			}
			progress.finish();
			// both tables end their COPY, build their indexes and commit at the same time
			ExecutorService pool = Executors.newSingleThreadExecutor();
			try {
				Future<Long> spanRows = pool.submit(() -> spans.finish(context.err()));
				long traceRows = traces.finish(context.err());
				Map<String, Long> written = new LinkedHashMap<>();
				written.put("traces", traceRows);
				written.put("spans", spanRows.get());
				return written;
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

	/** Per-run constants and the two streams. */
	private static final class Writer {

		private final OrgPlan plan;

		private final long seed;

		private final long saltHi;

		private final long saltLo;

		private final double[] dayCurve;

		private final double[] flatDayCurve;

		private final double[] primaryIntentCurve;

		private final double[] statusBase;

		private final byte[][] inputs;

		private final byte[][] outputs;

		private final byte[][] intents;

		private final byte[][] errors;

		private Map<String, Long> prices;

		private CopyStream traces;

		private CopyStream spans;

		Writer(SeedContext context) {
			this.plan = context.plan();
			this.seed = plan.options().seed();
			this.saltHi = plan.workspaceId().getMostSignificantBits();
			this.saltLo = plan.workspaceId().getLeastSignificantBits();
			this.dayCurve = Rng.cumulative(SynthSpec.HOUR_WEIGHTS);
			double[] flat = new double[24];
			Department flatDepartment = SynthSpec.DEPARTMENTS.stream().filter(Department::flatDayCurve).findFirst()
				.orElse(SynthSpec.DEPARTMENTS.get(0));
			for (int h = 0; h < 24; h++) {
				flat[h] = SynthSpec.hourShare(flatDepartment, h);
			}
			this.flatDayCurve = Rng.cumulative(flat);
			this.primaryIntentCurve = Rng.cumulative(SynthSpec.PRIMARY_INTENT_WEIGHTS);
			this.statusBase = new double[] { SynthSpec.SUCCESS_WEIGHT, SynthSpec.ERROR_WEIGHT, SynthSpec.TIMEOUT_WEIGHT };
			int k = SynthSpec.INTENTS.size();
			this.inputs = new byte[k][];
			this.outputs = new byte[k][];
			this.intents = new byte[k][];
			for (int i = 0; i < k; i++) {
				String intent = SynthSpec.INTENTS.get(i);
				inputs[i] = ascii("Demo query for " + intent);
				outputs[i] = ascii("Demo response for " + intent);
				intents[i] = ascii(intent);
			}
			this.errors = SynthSpec.ERROR_KINDS.stream().map(e -> ascii("Error: " + e)).toArray(byte[][]::new);
		}

		void agentDay(AgentPlan agent, int day, int count) throws Exception {
			Rng rng = Rng.of(seed, "traces", agent.index(), day);
			Department dept = agent.department().spec();
			double[] hourCurve = dept.flatDayCurve() ? flatDayCurve : dayCurve;
			int[] primary = dept.primaryIntents().stream().mapToInt(i -> SynthSpec.index(SynthSpec.INTENTS, i)).toArray();
			long dayStart = plan.dayStartMillis(day);
			int sampleRate = plan.sampleRateOf(agent);
			byte[] agentId = ascii(agent.agentId());
			byte[] environment = ascii(agent.environment());
			UserPlan users = plan.users();
			for (int i = 0; i < count; i++) {
				int hour = rng.pickCumulative(hourCurve);
				long ts = dayStart + hour * 3_600_000L + rng.nextInt(3_600_000);
				if (!plan.options().writes(ts)) {
					continue;
				}
				int version = agent.versionIndexAt(ts);
				int intent = rng.nextDouble() < 1 - SynthSpec.OTHER_INTENT_SHARE
						? primary[rng.pickCumulative(primaryIntentCurve)] : rng.nextInt(SynthSpec.INTENTS.size());
				int segment = users.drawSegment(rng, day);
				EndUser user = users.drawUser(rng, segment, day);
				OrgPlan.Window incident = plan.incidentAt(agent, ts);
				double latencyFactor = SynthSpec.VERSION_LATENCY[version]
						* SynthSpec.ENVIRONMENT_LATENCY[agent.environmentIndex()]
						* (incident != null ? incident.latencyFactor() : 1.0);
				int latency = Math.max(1, (int) (Math.exp(SynthSpec.LATENCY_MU + SynthSpec.LATENCY_SIGMA
						* rng.nextGaussian()) * latencyFactor));
				double failFactor = agent.reliability();
				double x = rng.nextDouble() * (statusBase[0] + (statusBase[1] + statusBase[2]) * failFactor);
				int status = x < statusBase[0] ? 0 : x < statusBase[0] + statusBase[1] * failFactor ? 1 : 2;
				// an incident fails its share of the requests on top (errors, one in five a timeout)
				if (incident != null && status == 0 && rng.nextDouble() < incident.failShare()) {
					status = rng.nextDouble() < 0.8 ? 1 : 2;
				}
				int errorKind = status == 1 ? rng.nextInt(errors.length) : -1;
				List<String> models = version <= 1 ? SynthSpec.MODELS_NEW : SynthSpec.MODELS_OLD;
				String model = models.get(rng.nextInt(models.size()));
				int tokensIn = rng.between(SynthSpec.TOKENS_IN_MIN, SynthSpec.TOKENS_IN_MAX);
				int tokensOut = (int) (rng.between(SynthSpec.TOKENS_OUT_MIN, SynthSpec.TOKENS_OUT_MAX)
						* dept.outputTokenMultiplier());
				int tokensTotal = tokensIn + tokensOut;
				long costMicros = (tokensTotal * prices.get(model) / 1000 + 500) / 1000;
				long traceId = rng.nextLong();
				long session = Rng.mix(seed ^ ((long) user.index() << 32) ^ ((long) day << 8) ^ (hour / 4));
				int spanCount = rng.nextDouble() < SynthSpec.SPAN_SHARE
						? rng.between(SynthSpec.SPANS_MIN, SynthSpec.SPANS_MAX) : 0;

				traces.hexId(TRACE_PREFIX, traceId)
					.uuid(plan.workspaceId())
					.raw(agentId)
					.timestamp(ts)
					.raw(inputs[intent]);
				if (status == 0) {
					traces.raw(outputs[intent]);
				}
				else {
					traces.nul();
				}
				if (errorKind >= 0) {
					traces.raw(errors[errorKind]);
				}
				else {
					traces.nul();
				}
				traces.num(latency)
					.raw(STATUS[status])
					.text(model)
					.text(SynthSpec.MODEL_PROVIDERS.get(model))
					.num(tokensIn)
					.num(tokensOut)
					.num(tokensTotal)
					.micros(costMicros)
					.uuid(agent.department().id())
					.raw(environment)
					.text(SynthSpec.VERSIONS.get(version))
					.text(version == agent.versionIndex() ? agent.build() : SynthSpec.VERSIONS.get(version) + ".0")
					.raw(intents[intent])
					.text(SynthSpec.SEGMENTS.get(segment))
					.num(sampleRate)
					.text(user.externalId())
					.hexId(SESSION_PREFIX, session)
					.num(spanCount)
					.timestamp(ts)
					.timestamp(ts);
				traces.endRow();
				if (spanCount > 0) {
					spans(rng, traceId, ts, latency, status, spanCount, model, tokensIn, tokensOut, costMicros);
				}
			}
		}

		/** 2–5 sequential steps (llm, tool, retrieval) that fill the trace's latency; llm steps share its tokens. */
		private void spans(Rng rng, long traceId, long ts, int latency, int status, int count, String model,
				int tokensIn, int tokensOut, long costMicros) throws Exception {
			int[] types = new int[count];
			int llm = 0;
			for (int i = 0; i < count; i++) {
				types[i] = rng.nextInt(3);
				llm += types[i] == 0 ? 1 : 0;
			}
			if (llm == 0) {
				types[rng.nextInt(count)] = 0;
				llm = 1;
			}
			double[] weights = new double[count];
			double sum = 0;
			for (int i = 0; i < count; i++) {
				weights[i] = 0.2 + rng.nextDouble();
				sum += weights[i];
			}
			long start = ts;
			int usedLatency = 0;
			int llmSeen = 0;
			int inLeft = tokensIn;
			int outLeft = tokensOut;
			long costLeft = costMicros;
			for (int i = 0; i < count; i++) {
				int duration = i == count - 1 ? latency - usedLatency : (int) (latency * weights[i] / sum);
				usedLatency += duration;
				long spanId = rng.nextLong();
				java.util.UUID id = rng.uuid(saltHi, saltLo);
				int spanStatus = (i == count - 1) ? status : 0;
				spans.uuid(id)
					.uuid(plan.workspaceId())
					.hexId(TRACE_PREFIX, traceId)
					.hexId(NO_PREFIX, spanId)
					.nul()
					.raw(SPAN_TYPES[types[i]]);
				if (types[i] == 0) {
					llmSeen++;
					boolean last = llmSeen == llm;
					int in = last ? inLeft : tokensIn / llm;
					int out = last ? outLeft : tokensOut / llm;
					long cost = last ? costLeft : costMicros / llm;
					inLeft -= in;
					outLeft -= out;
					costLeft -= cost;
					spans.text("llm.chat " + model)
						.timestamp(start)
						.timestamp(start + duration)
						.num(duration)
						.text(model)
						.text(SynthSpec.MODEL_PROVIDERS.get(model))
						.num(in)
						.num(out)
						.micros(cost);
				}
				else {
					String[] names = types[i] == 1 ? TOOL_SPANS : RETRIEVAL_SPANS;
					spans.text(names[rng.nextInt(names.length)])
						.timestamp(start)
						.timestamp(start + duration)
						.num(duration)
						.nul()
						.nul()
						.nul()
						.nul()
						.nul();
				}
				spans.raw(STATUS[spanStatus]).timestamp(start).timestamp(start);
				spans.endRow();
				start += duration;
			}
		}

	}

}
