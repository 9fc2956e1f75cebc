package com.agentobs.processing.write;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.processing.write.TraceEnricher.EnrichedTrace;
import com.agentobs.processing.write.TraceEnricher.PricedSpan;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Inserts enriched traces and spans, idempotently: a trace or span already stored is left as it
 * is, so a replayed batch writes nothing. One statement per table, the rows as arrays.
 */
@Component
public class TraceInserts {

	/**
	 * Inserts the traces that are not stored yet and returns their ids. The unique key also holds
	 * the timestamp, so a resent trace with another timestamp is caught by the NOT EXISTS, not by ON
	 * CONFLICT. The probe is one key probe per id, with the workspace as an init-plan value
	 * ({@code (SELECT ?::uuid)}): the planner then sees an average workspace and probes by key
	 * whatever its statistics say of this one (a hash join or a workspace-index scan here reads a
	 * new tenant's whole workspace per batch). traces has no foreign keys (V015): the statement locks
	 * the batch's workspace and departments once, in a one-time filter ({@code
	 * agentobs_lock_trace_references}, SQLState 23503 when one does not exist), instead of a key check
	 * per row.
	 */
	public static final String INSERT_TRACES = """
			INSERT INTO traces (workspace_id, trace_id, agent_id, timestamp, input, output, error, latency_ms, status,
			                    model, model_provider, tokens_input, tokens_output, tokens_total, cost_usd, cost_source,
			                    department_id, environment, version, agent_version, intent_category, user_segment,
			                    sample_rate, user_id, session_id, metadata, totals_from_spans, span_count,
			                    experiment_variant_id)
			SELECT ?::uuid, u.trace_id, u.agent_id, u.ts::timestamptz, u.input, u.output, u.error, u.latency_ms, u.status,
			       u.model, u.provider, u.tokens_input, u.tokens_output, u.tokens_total, u.cost_usd, u.cost_source,
			       u.department_id::uuid, u.environment, u.version, u.agent_version, u.intent_category, u.user_segment,
			       u.sample_rate, u.user_id, u.session_id, u.metadata::jsonb, u.from_spans, u.span_count,
			       u.experiment_variant_id::uuid
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[],
			            ?::text[], ?::int[], ?::int[], ?::int[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::text[],
			            ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::int[],
			            ?::text[])
			     AS u(trace_id, agent_id, ts, input, output, error, latency_ms, status, model, provider, tokens_input,
			          tokens_output, tokens_total, cost_usd, cost_source, department_id, environment, version, agent_version,
			          intent_category, user_segment, sample_rate, user_id, session_id, metadata, from_spans, span_count,
			          experiment_variant_id)
			WHERE (SELECT agentobs_lock_trace_references(?::uuid, ?::uuid[]))
			  AND NOT EXISTS (SELECT 1 FROM traces t WHERE t.workspace_id = (SELECT ?::uuid) AND t.trace_id = u.trace_id
			                  OFFSET 0)
			ON CONFLICT DO NOTHING
			RETURNING trace_id
			""";

	static final String INSERT_SPANS = """
			INSERT INTO spans (workspace_id, trace_id, span_id, parent_span_id, span_type, name, started_at, ended_at,
			                   latency_ms, model, model_provider, tokens_input, tokens_output, cost_usd, cost_source, status,
			                   attributes)
			SELECT ?::uuid, u.trace_id, u.span_id, u.parent_span_id, u.span_type, u.name, u.started_at::timestamptz,
			       u.ended_at::timestamptz, u.latency_ms, u.model, u.provider, u.tokens_input, u.tokens_output,
			       u.cost_usd, u.cost_source, u.status, u.attributes::jsonb
			FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],
			            ?::text[], ?::text[], ?::int[], ?::int[], ?::numeric[], ?::text[], ?::text[], ?::text[])
			     AS u(trace_id, span_id, parent_span_id, span_type, name, started_at, ended_at, latency_ms, model,
			          provider, tokens_input, tokens_output, cost_usd, cost_source, status, attributes)
			ON CONFLICT (workspace_id, trace_id, span_id) DO NOTHING
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	TraceInserts(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Inserts the traces not stored yet; returns the ids it inserted. */
	List<String> insertTraces(UUID ws, List<EnrichedTrace> traces) {
		int n = traces.size();
		String[] id = new String[n], agent = new String[n], ts = new String[n], input = new String[n],
				output = new String[n], error = new String[n], status = new String[n], model = new String[n],
				provider = new String[n], dept = new String[n], env = new String[n], version = new String[n],
				agentVersion = new String[n], intent = new String[n], segment = new String[n], user = new String[n],
				session = new String[n], metadata = new String[n], variant = new String[n];
		Integer[] latency = new Integer[n], tokensIn = new Integer[n], tokensOut = new Integer[n],
				tokensTotal = new Integer[n], sampleRate = new Integer[n], spanCount = new Integer[n];
		BigDecimal[] cost = new BigDecimal[n];
		String[] costSource = new String[n];
		Boolean[] fromSpans = new Boolean[n];
		for (int i = 0; i < n; i++) {
			EnrichedTrace t = traces.get(i);
			id[i] = t.traceId();
			agent[i] = t.agentId();
			ts[i] = t.timestamp().toString();
			input[i] = t.input();
			output[i] = t.output();
			error[i] = t.error();
			latency[i] = t.latencyMs();
			status[i] = t.status();
			model[i] = t.model();
			provider[i] = t.provider();
			tokensIn[i] = t.tokensInput();
			tokensOut[i] = t.tokensOutput();
			tokensTotal[i] = t.tokensTotal();
			cost[i] = t.costUsd();
			costSource[i] = t.costSource();
			dept[i] = (t.departmentId() != null) ? t.departmentId().toString() : null;
			env[i] = t.environment();
			version[i] = t.version();
			agentVersion[i] = t.agentVersion();
			intent[i] = t.intentCategory();
			segment[i] = t.userSegment();
			sampleRate[i] = t.sampleRate();
			user[i] = t.userId();
			session[i] = t.sessionId();
			metadata[i] = this.json.writeValueAsString(t.metadata());
			variant[i] = t.experimentVariantId();
			fromSpans[i] = t.totalsFromSpans();
			spanCount[i] = t.spanCount();
		}
		return this.jdbc.sql(INSERT_TRACES)
			.params(ws.toString(), id, agent, ts, input, output, error, latency, status, model, provider, tokensIn,
					tokensOut, tokensTotal, cost, costSource, dept, env, version, agentVersion, intent, segment, sampleRate, user,
					session, metadata, fromSpans, spanCount, variant, ws.toString(),
					Arrays.stream(dept).filter(Objects::nonNull).distinct().toArray(String[]::new), ws.toString())
			.query((rs, rowNum) -> rs.getString(1))
			.list();
	}

	void insertSpans(UUID ws, List<PricedSpan> spans) {
		int n = spans.size();
		String[] traceId = new String[n], spanId = new String[n], parent = new String[n], type = new String[n],
				name = new String[n], started = new String[n], ended = new String[n], model = new String[n],
				provider = new String[n], status = new String[n], attributes = new String[n];
		Integer[] latency = new Integer[n], tokensIn = new Integer[n], tokensOut = new Integer[n];
		BigDecimal[] cost = new BigDecimal[n];
		String[] costSource = new String[n];
		for (int i = 0; i < n; i++) {
			PricedSpan p = spans.get(i);
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
			costSource[i] = p.costSource();
			status[i] = s.status();
			attributes[i] = this.json.writeValueAsString(s.attributes());
		}
		this.jdbc.sql(INSERT_SPANS)
			.params(ws.toString(), traceId, spanId, parent, type, name, started, ended, latency, model, provider,
					tokensIn, tokensOut, cost, costSource, status, attributes)
			.update();
	}

}
