package com.agentobs.query.cost;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import com.agentobs.query.fleetdata.FleetReader;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Source;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Input and output tokens (chart 3.8), which {@code FleetReader}'s totals do not split: the
 * same planned {@link Source} (raw traces, {@code traces_hourly}, or {@code traces_daily} for
 * whole UTC days with hourly edges) and the same hour-granular window rule, weighted by
 * {@code sample_rate} (the rollups already are). {@code traces_agent_hourly} has no split, so
 * hourly reads use {@code traces_hourly}.
 */
@Component
class TokenQueries {

	private static final String RAW = """
			SELECT t.timestamp AS ts, t.sample_rate::BIGINT * COALESCE(t.tokens_input, 0) AS tin,
			       t.sample_rate::BIGINT * COALESCE(t.tokens_output, 0) AS tout
			FROM traces t
			WHERE t.workspace_id = :ws AND t.timestamp >= :from AND t.timestamp < :to""";

	private static final String HOURLY = """
			SELECT r.hour AS ts, r.tokens_input AS tin, r.tokens_output AS tout
			FROM traces_hourly r
			WHERE r.workspace_id = :ws AND r.hour >= :hour_from AND r.hour < :to""";

	private static final String HOURLY_EDGES = """
			SELECT r.hour AS ts, r.tokens_input AS tin, r.tokens_output AS tout
			FROM traces_hourly r
			WHERE r.workspace_id = :ws
			  AND ((r.hour >= :hour_from AND r.hour < :day_from) OR (r.hour >= :day_to AND r.hour < :to))""";

	private static final String DAILY = """
			SELECT r.day AS ts, r.tokens_input AS tin, r.tokens_output AS tout
			FROM traces_daily r
			WHERE r.workspace_id = :ws AND r.day >= :day_from AND r.day < :day_to""";

	private final JdbcClient jdbc;

	TokenQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** {input, output} tokens over the whole source. */
	long[] totals(Source source, Scope scope) {
		return byBucket(source, scope, false).getOrDefault(null, new long[2]);
	}

	/** {input, output} tokens per bucket start of a series source (buckets without traffic absent). */
	Map<Instant, long[]> series(Source source, Scope scope) {
		return byBucket(source, scope, true);
	}

	private Map<Instant, long[]> byBucket(Source source, Scope scope, boolean bucketed) {
		Map<String, Object> params = new LinkedHashMap<>();
		String src = switch (source.grain()) {
			case RAW -> RAW + scope.sqlFilters("t", params);
			case HOURLY -> HOURLY + scope.sqlFilters("r", params);
			case MIXED -> HOURLY_EDGES + scope.sqlFilters("r", params) + "\nUNION ALL\n" + DAILY
					+ scope.sqlFilters("r", params);
		};
		String key = bucketed ? "date_bin(CAST(:bucket AS interval), src.ts, :origin)" : "NULL::timestamptz";
		String sql = "SELECT " + key + " AS b, COALESCE(sum(src.tin), 0) AS tin, COALESCE(sum(src.tout), 0) AS tout"
				+ "\nFROM (" + src + ") src GROUP BY 1";
		window(source, params);
		if (bucketed) {
			params.put("bucket", source.bucket().toSeconds() + " seconds");
			params.put("origin", FleetReader.at(source.origin()));
		}
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql);
		for (Map.Entry<String, Object> p : params.entrySet()) {
			spec = spec.param(p.getKey(), p.getValue());
		}
		Map<Instant, long[]> out = new LinkedHashMap<>();
		spec.query((rs) -> {
			OffsetDateTime b = rs.getObject("b", OffsetDateTime.class);
			out.put((b != null) ? b.toInstant() : null, new long[] { rs.getLong("tin"), rs.getLong("tout") });
		});
		return out;
	}

	/** The window rule of every rollup read: hour rows from floor_hour(from), whole days inside. */
	private static void window(Source source, Map<String, Object> params) {
		Instant hourFrom = source.from().truncatedTo(ChronoUnit.HOURS);
		Instant dayFrom = hourFrom.truncatedTo(ChronoUnit.DAYS);
		if (dayFrom.isBefore(hourFrom)) {
			dayFrom = dayFrom.plus(1, ChronoUnit.DAYS);
		}
		Instant dayTo = source.to().truncatedTo(ChronoUnit.DAYS);
		if (dayTo.isBefore(dayFrom)) {
			dayTo = dayFrom;
		}
		params.put("from", FleetReader.at(source.from()));
		params.put("to", FleetReader.at(source.to()));
		params.put("hour_from", FleetReader.at(hourFrom));
		params.put("day_from", FleetReader.at(dayFrom));
		params.put("day_to", FleetReader.at(dayTo));
	}

}
