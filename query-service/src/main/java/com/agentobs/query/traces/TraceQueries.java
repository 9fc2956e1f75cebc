package com.agentobs.query.traces;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.query.fleetdata.Fleet;
import com.agentobs.query.fleetdata.Tiers;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.system.View;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Trace search and drill-down over raw traces; full text ({@code q}) matches through the
 * {@code trace_search} table and the answer's meta says how recent a trace it can find. Sorting
 * is keyset-friendly: every order ends with {@code trace_id}, and {@code next_cursor} encodes
 * the last row's sort value and id, so paging continues past the 10,000-row offset limit
 * without duplicates or gaps.
 */
@Service
class TraceQueries {

	static final List<String> SORTS = List.of("-timestamp", "timestamp", "-latency_ms", "latency_ms", "-cost_usd",
			"cost_usd");

	static final List<String> STATUSES = List.of("success", "error", "timeout");

	private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");

	private static final String SELECT_COLUMNS = """
			SELECT t.trace_id, t.agent_id, t.timestamp, t.status, t.latency_ms, t.model, t.model_provider,
			       t.tokens_total, t.cost_usd, d.department_code, t.environment, t.version, t.intent_category,
			       t.user_id, t.sample_rate, left(t.input, 200) AS input_preview, left(t.output, 200) AS output_preview,
			       t.error""";

	private static final String FROM_TRACES = """
			FROM traces t
			LEFT JOIN departments d ON d.id = t.department_id AND d.workspace_id = t.workspace_id
			WHERE t.workspace_id = :ws AND t.timestamp >= :from AND t.timestamp < :to""";

	/**
	 * Full text through the search table that processing fills behind the write path (no index on
	 * {@code traces} for it): a trace matches once indexed, see {@link #SELECT_SEARCH_COVERAGE}.
	 */
	private static final String FULL_TEXT = " " + """
			AND EXISTS (SELECT 1 FROM trace_search s
			            WHERE s.workspace_id = t.workspace_id AND s.trace_id = t.trace_id
			              AND s.document @@ plainto_tsquery('simple', :q))""";

	/** Every trace committed before {@code indexed_through} is searchable; lag = now − that. */
	private static final String SELECT_SEARCH_COVERAGE = """
			SELECT indexed_through, GREATEST(0, EXTRACT(EPOCH FROM (clock_timestamp() - indexed_through))) AS lag
			FROM trace_search_progress
			WHERE workspace_id = :ws
			""";

	private static final String SELECT_DETAIL = """
			SELECT t.*, d.department_code, left(t.input, 200) AS input_preview, left(t.output, 200) AS output_preview
			FROM traces t
			LEFT JOIN departments d ON d.id = t.department_id AND d.workspace_id = t.workspace_id
			WHERE t.workspace_id = :ws AND t.trace_id = :id
			ORDER BY t.timestamp DESC
			LIMIT 1
			""";

	private static final String SELECT_SPANS = """
			SELECT span_id, parent_span_id, span_type, name, started_at, ended_at, latency_ms, model, tokens_input,
			       tokens_output, cost_usd, status
			FROM spans
			WHERE workspace_id = :ws AND trace_id = :id
			ORDER BY started_at, span_id
			""";

	/** Scored results only: an evaluation that errored has no score to show. */
	private static final String SELECT_SCORES = """
			SELECT e.evaluator, r.name AS rubric_name, e.rubric_version, e.score, e.label, e.criteria_scores::text
			       AS criteria_scores, e.reasoning, e.created_at
			FROM evaluations e
			LEFT JOIN rubrics r ON r.id = e.rubric_id AND r.workspace_id = e.workspace_id
			WHERE e.workspace_id = :ws AND e.trace_id = :id AND e.status = 'scored'
			ORDER BY e.created_at, e.evaluator
			""";

	private static final String SELECT_VIOLATIONS = """
			SELECT v.violation_type, v.severity, v.action_taken, p.name AS policy_name, v.confidence,
			       v.is_false_positive, v.detected_at, v.details::text AS details
			FROM guardrail_violations v
			LEFT JOIN guardrail_policies p ON p.id = v.policy_id AND p.workspace_id = v.workspace_id
			WHERE v.workspace_id = :ws AND v.trace_id = :id
			ORDER BY v.detected_at, v.violation_type
			""";

	private final JdbcClient jdbc;

	private final Fleet fleet;

	private final JsonMapper mapper;

	TraceQueries(JdbcClient jdbc, Fleet fleet, JsonMapper mapper) {
		this.jdbc = jdbc;
		this.fleet = fleet;
		this.mapper = mapper;
	}

	/** Search parameters beyond the standard filters. */
	record Search(String status, String model, String intentCategory, String q, String sort) {

		Search {
			sort = (sort == null || sort.isBlank()) ? "-timestamp" : sort.strip();
			if (!SORTS.contains(sort)) {
				throw ApiException.validation("sort", "must be one of " + SORTS, SORTS);
			}
			if (status != null && !STATUSES.contains(status)) {
				throw ApiException.validation("status", "must be one of " + STATUSES, STATUSES);
			}
			if (model != null && !TOKEN.matcher(model).matches()) {
				throw ApiException.validation("model", "must be a model name such as 'gpt-4-turbo'");
			}
			if (intentCategory != null && !TOKEN.matcher(intentCategory).matches()) {
				throw ApiException.validation("intent_category", "must be an intent such as 'code_generation'");
			}
			if (q != null && (q.isBlank() || q.length() > 200)) {
				throw ApiException.validation("q", "must be 1 to 200 characters");
			}
		}

	}

	View search(StandardFilters f, Search s) {
		Scope scope = this.fleet.scope(f);
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder where = new StringBuilder(FROM_TRACES);
		where.append(filters(scope, s, params));
		params.put("from", Tiers.at(f.from()));
		params.put("to", Tiers.at(f.to()));
		long total = bind("SELECT count(*) " + where, params).query(Long.class).single();

		boolean desc = s.sort().startsWith("-");
		String column = s.sort().replace("-", "");
		String sortExpr = switch (column) {
			case "latency_ms" -> "COALESCE(t.latency_ms, -1)";
			case "cost_usd" -> "COALESCE(t.cost_usd, -1)";
			default -> "t.timestamp";
		};
		StringBuilder sql = new StringBuilder(SELECT_COLUMNS).append(", ").append(sortExpr).append(" AS sort_value\n")
			.append(where);
		if (f.cursor() != null) {
			Cursor c = Cursor.decode(f.cursor(), s.sort());
			sql.append(" AND (").append(sortExpr).append(", t.trace_id) ").append(desc ? "<" : ">")
				.append(" (:cursor_value, :cursor_id)");
			params.put("cursor_value", column.equals("timestamp") ? Tiers.at(c.timestamp()) : c.number());
			params.put("cursor_id", c.traceId());
		}
		String dir = desc ? " DESC" : " ASC";
		sql.append("\nORDER BY ").append(sortExpr).append(dir).append(", t.trace_id").append(dir);
		sql.append("\nLIMIT :limit_plus_one");
		params.put("limit_plus_one", f.limit() + 1);
		if (f.cursor() == null) {
			sql.append(" OFFSET :offset");
			params.put("offset", f.offset());
		}
		List<Object[]> sortValues = new ArrayList<>();
		List<TraceResponses.TraceSummary> rows = bind(sql.toString(), params).query((rs, i) -> {
			sortValues.add(new Object[] { rs.getObject("sort_value"), rs.getString("trace_id") });
			return summary(rs);
		}).list();
		String next = null;
		if (rows.size() > f.limit()) {
			rows = rows.subList(0, f.limit());
			Object[] last = sortValues.get(f.limit() - 1);
			next = Cursor.encode(s.sort(), last[0], (String) last[1]);
		}
		View.Paging paging = (f.cursor() != null) ? View.Paging.cursor(total, f.limit(), next)
				: new View.Paging(total, f.page(), f.limit(), next != null, next);
		return new View(List.copyOf(rows), paging, (s.q() != null) ? searchCoverage(f) : Map.of());
	}

	/**
	 * How far full-text search reaches, for {@code meta}: {@code search_indexed_through} (every trace
	 * committed before it is searchable) and {@code search_lag_seconds} at the time of the answer;
	 * a workspace the indexer has not reached yet says so in {@code search_note}.
	 */
	private Map<String, Object> searchCoverage(StandardFilters f) {
		Map<String, Object> meta = new LinkedHashMap<>();
		this.jdbc.sql(SELECT_SEARCH_COVERAGE).param("ws", f.workspaceId()).query((rs) -> {
			meta.put("search_indexed_through", rs.getObject("indexed_through", OffsetDateTime.class).toInstant());
			meta.put("search_lag_seconds", rs.getBigDecimal("lag").setScale(1, java.math.RoundingMode.HALF_UP));
		});
		if (meta.isEmpty()) {
			meta.put("search_note", "full-text search has not indexed this workspace yet");
		}
		return meta;
	}

	View detail(StandardFilters f, String traceId) {
		if (!TRACE_ID.matcher(traceId).matches()) {
			throw ApiException.validation("trace_id", "must be a trace id such as 'trace_0123456789abcdef'");
		}
		List<TraceResponses.TraceDetail> found = this.jdbc.sql(SELECT_DETAIL)
			.param("ws", f.workspaceId())
			.param("id", traceId)
			.query((rs, i) -> detail(rs, f))
			.list();
		if (found.isEmpty()) {
			throw ApiException.notFound("trace", traceId);
		}
		return View.of(found.get(0));
	}

	private TraceResponses.TraceDetail detail(ResultSet rs, StandardFilters f) throws SQLException {
		TraceResponses.TraceSummary summary = summary(rs);
		Instant start = summary.timestamp();
		List<TraceResponses.SpanRow> spans = this.jdbc.sql(SELECT_SPANS)
			.param("ws", f.workspaceId())
			.param("id", summary.traceId())
			.query((s, i) -> {
				Instant started = s.getObject("started_at", OffsetDateTime.class).toInstant();
				OffsetDateTime ended = s.getObject("ended_at", OffsetDateTime.class);
				return new TraceResponses.SpanRow(s.getString("span_id"), s.getString("parent_span_id"),
						s.getString("span_type"), s.getString("name"), started,
						(ended != null) ? ended.toInstant() : null, ChronoUnit.MILLIS.between(start, started),
						(Integer) s.getObject("latency_ms"), s.getString("model"), (Integer) s.getObject("tokens_input"),
						(Integer) s.getObject("tokens_output"), s.getBigDecimal("cost_usd"), s.getString("status"));
			})
			.list();
		BigDecimal spansCost = spans.stream()
			.map(TraceResponses.SpanRow::costUsd)
			.filter(java.util.Objects::nonNull)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		Map<String, BigDecimal> byModel = new LinkedHashMap<>();
		spans.stream()
			.filter((sp) -> sp.model() != null && sp.costUsd() != null)
			.forEach((sp) -> byModel.merge(sp.model(), sp.costUsd(), BigDecimal::add));
		if (byModel.isEmpty() && summary.model() != null && summary.costUsd() != null) {
			byModel.put(summary.model(), summary.costUsd());
		}
		List<TraceResponses.Score> scores = this.jdbc.sql(SELECT_SCORES)
			.param("ws", f.workspaceId())
			.param("id", summary.traceId())
			.query((e, i) -> new TraceResponses.Score(e.getString("evaluator"), e.getString("rubric_name"),
					e.getInt("rubric_version"), e.getBigDecimal("score"), e.getString("label"),
					json(e.getString("criteria_scores")), e.getString("reasoning"),
					e.getObject("created_at", OffsetDateTime.class).toInstant()))
			.list();
		List<TraceResponses.ViolationRow> violations = this.jdbc.sql(SELECT_VIOLATIONS)
			.param("ws", f.workspaceId())
			.param("id", summary.traceId())
			.query((v, i) -> new TraceResponses.ViolationRow(v.getString("violation_type"), v.getString("severity"),
					v.getString("action_taken"), v.getString("policy_name"), v.getBigDecimal("confidence"),
					v.getBoolean("is_false_positive"), v.getObject("detected_at", OffsetDateTime.class).toInstant(),
					json(v.getString("details"))))
			.list();
		return new TraceResponses.TraceDetail(summary, rs.getString("input"), rs.getString("output"),
				json(rs.getString("metadata")), rs.getString("session_id"), rs.getString("agent_version"),
				rs.getString("user_segment"), (Integer) rs.getObject("tokens_input"),
				(Integer) rs.getObject("tokens_output"), spans,
				new TraceResponses.Costs(summary.costUsd(), spansCost, byModel), scores, violations, Map.of());
	}

	private Map<String, Object> json(String object) {
		return (object != null) ? this.mapper.readValue(object, new TypeReference<Map<String, Object>>() {
		}) : Map.of();
	}

	private static TraceResponses.TraceSummary summary(ResultSet rs) throws SQLException {
		return new TraceResponses.TraceSummary(rs.getString("trace_id"), rs.getString("agent_id"),
				rs.getObject("timestamp", OffsetDateTime.class).toInstant(), rs.getString("status"),
				(Integer) rs.getObject("latency_ms"), rs.getString("model"), rs.getString("model_provider"),
				(Integer) rs.getObject("tokens_total"), rs.getBigDecimal("cost_usd"), rs.getString("department_code"),
				rs.getString("environment"), rs.getString("version"), rs.getString("intent_category"),
				rs.getString("user_id"), rs.getInt("sample_rate"), rs.getString("input_preview"),
				rs.getString("output_preview"), rs.getString("error"));
	}

	private static String filters(Scope scope, Search s, Map<String, Object> params) {
		StringBuilder sql = new StringBuilder(scope.sqlFilters("t", params));
		if (s.status() != null) {
			sql.append(" AND t.status = :status");
			params.put("status", s.status());
		}
		if (s.model() != null) {
			sql.append(" AND t.model = :model");
			params.put("model", s.model());
		}
		if (s.intentCategory() != null) {
			sql.append(" AND t.intent_category = :intent");
			params.put("intent", s.intentCategory());
		}
		if (s.q() != null) {
			sql.append(FULL_TEXT);
			params.put("q", s.q());
		}
		return sql.toString();
	}

	private JdbcClient.StatementSpec bind(String sql, Map<String, Object> params) {
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql);
		for (Map.Entry<String, Object> p : params.entrySet()) {
			spec = spec.param(p.getKey(), p.getValue());
		}
		return spec;
	}

	/** Opaque cursor: base64url of {@code sort|value|trace_id}; timestamps as epoch microseconds. */
	record Cursor(String sort, String value, String traceId) {

		static String encode(String sort, Object value, String traceId) {
			String v;
			if (value instanceof java.sql.Timestamp ts) {
				Instant i = ts.toInstant();
				v = Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, i));
			}
			else if (value instanceof OffsetDateTime odt) {
				v = Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, odt.toInstant()));
			}
			else {
				v = value.toString();
			}
			String raw = sort + "|" + v + "|" + traceId;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}

		static Cursor decode(String cursor, String sort) {
			try {
				String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				String[] parts = raw.split("\\|", 3);
				if (parts.length != 3 || !TRACE_ID.matcher(parts[2]).matches()) {
					throw new IllegalArgumentException("shape");
				}
				if (!parts[0].equals(sort)) {
					throw ApiException.validation("cursor", "was issued for sort=" + parts[0] + ", not sort=" + sort);
				}
				Cursor c = new Cursor(parts[0], parts[1], parts[2]);
				if (sort.endsWith("timestamp")) {
					c.timestamp();
				}
				else {
					c.number();
				}
				return c;
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.validation("cursor", "is not a cursor from meta.next_cursor");
			}
		}

		Instant timestamp() {
			return Instant.EPOCH.plus(Long.parseLong(this.value), ChronoUnit.MICROS);
		}

		BigDecimal number() {
			return new BigDecimal(this.value);
		}

	}

}
