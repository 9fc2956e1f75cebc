package com.agentobs.processing.consumer;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a database's refusal of a row from a failure of the database, and says which value it
 * refused. A refusal (SQLState class 22 data exception, 23 integrity constraint violation, 54
 * program limit exceeded) fails on every delivery, so its trace is dead-lettered at once; anything
 * else (a connection lost, a deadlock, a timeout) may pass on the next delivery.
 */
@Component
class Rejections {

	/** Why the database refused a trace: the SQLState, its message and, when found, the column. */
	record Rejection(String sqlState, String message, String field) {

		String reason(String traceId) {
			return "trace " + traceId + " rejected by the database"
					+ ((this.field != null) ? " at " + this.field : "") + ": SQLState " + this.sqlState + ": "
					+ this.message;
		}

	}

	private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");

	static final String COLUMN_TYPES = """
			SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
			WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped
			""";

	/** Casts one value to a column's type, as storing it would; fails where storing it fails. */
	static final String CAST = "SELECT CAST(CAST(? AS text) AS %s) IS NOT NULL";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Map<String, Map<String, String>> columnTypes = new ConcurrentHashMap<>();

	Rejections(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The SQLException behind a failure, or null when it did not come from the database. */
	static SQLException sqlException(Throwable failure) {
		for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				return sql;
			}
		}
		return null;
	}

	/** Whether the database refused the data itself, so a redelivery would fail the same way. */
	static boolean isRefusal(Throwable failure) {
		SQLException sql = sqlException(failure);
		if (sql == null) {
			return false;
		}
		String state = sql.getSQLState();
		return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
	}

	/** What the database refused in a piece holding one trace (and its spans) or one trace's loose spans. */
	Rejection diagnose(Throwable failure, List<IngestTrace> traces, List<IngestSpan> spans) {
		SQLException sql = sqlException(failure);
		String state = (sql != null) ? sql.getSQLState() : "?";
		String message = (sql != null) ? String.valueOf(sql.getMessage()) : String.valueOf(failure.getMessage());
		String field = null;
		if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			ServerErrorMessage server = psql.getServerErrorMessage();
			message = server.getMessage() + ((server.getDetail() != null) ? " (" + server.getDetail() + ")" : "");
			if (server.getTable() != null && server.getColumn() != null) {
				field = server.getTable() + "." + server.getColumn();
			}
			else if (server.getConstraint() != null) {
				field = ((server.getTable() != null) ? server.getTable() + "." : "") + server.getConstraint();
			}
		}
		if (field == null) {
			field = firstRefused(traces, spans);
		}
		return new Rejection(state, (message.length() > 1000) ? message.substring(0, 1000) : message, field);
	}

	/** The first value the traces or spans table would refuse, as {@code table.column}; null when none is. */
	private String firstRefused(List<IngestTrace> traces, List<IngestSpan> spans) {
		for (IngestTrace t : traces) {
			String field = firstRefused("traces", traceValues(t));
			if (field != null) {
				return field;
			}
			for (IngestSpan s : t.spans()) {
				field = firstRefused("spans", spanValues(s));
				if (field != null) {
					return field;
				}
			}
		}
		for (IngestSpan s : spans) {
			String field = firstRefused("spans", spanValues(s));
			if (field != null) {
				return field;
			}
		}
		return null;
	}

	private String firstRefused(String table, Map<String, Object> values) {
		Map<String, String> types = this.columnTypes.computeIfAbsent(table, (name) -> {
			Map<String, String> map = new LinkedHashMap<>();
			this.jdbc.sql(COLUMN_TYPES).param(name).query((rs) -> {
				map.put(rs.getString(1), rs.getString(2));
			});
			return map;
		});
		for (Map.Entry<String, Object> value : values.entrySet()) {
			String type = types.get(value.getKey());
			if (value.getValue() == null || type == null) {
				continue;
			}
			String text = value.getValue().toString();
			Matcher varchar = VARCHAR.matcher(type);
			if (varchar.matches() && text.codePointCount(0, text.length()) > Integer.parseInt(varchar.group(1))) {
				// an explicit cast would cut the text short where storing it fails
				return table + "." + value.getKey();
			}
			try {
				this.jdbc.sql(CAST.formatted(type)).param(text).query(Boolean.class).single();
			}
			catch (RuntimeException refused) {
				return table + "." + value.getKey();
			}
		}
		return null;
	}

	private Map<String, Object> traceValues(IngestTrace t) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("trace_id", t.traceId());
		v.put("agent_id", t.agentId());
		v.put("timestamp", t.timestamp());
		v.put("input", t.input());
		v.put("output", t.output());
		v.put("error", t.error());
		v.put("latency_ms", t.latencyMs());
		v.put("status", t.status());
		v.put("model", t.model());
		v.put("model_provider", t.modelProvider());
		v.put("tokens_input", t.tokensInput());
		v.put("tokens_output", t.tokensOutput());
		v.put("tokens_total", t.tokensTotal());
		v.put("cost_usd", (t.costUsd() != null) ? t.costUsd().toPlainString() : null);
		v.put("environment", t.environment());
		v.put("version", t.version());
		v.put("agent_version", t.agentVersion());
		v.put("intent_category", t.intentCategory());
		v.put("user_id", t.userId());
		v.put("session_id", t.sessionId());
		v.put("sample_rate", t.sampleRate());
		v.put("metadata", this.json.writeValueAsString(t.metadata()));
		return v;
	}

	private Map<String, Object> spanValues(IngestSpan s) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("trace_id", s.traceId());
		v.put("span_id", s.spanId());
		v.put("parent_span_id", s.parentSpanId());
		v.put("span_type", s.spanType());
		v.put("name", s.name());
		v.put("started_at", s.startedAt());
		v.put("ended_at", s.endedAt());
		v.put("latency_ms", s.latencyMs());
		v.put("model", s.model());
		v.put("model_provider", s.modelProvider());
		v.put("tokens_input", s.tokensInput());
		v.put("tokens_output", s.tokensOutput());
		v.put("cost_usd", (s.costUsd() != null) ? s.costUsd().toPlainString() : null);
		v.put("status", s.status());
		v.put("attributes", this.json.writeValueAsString(s.attributes()));
		return v;
	}

}
