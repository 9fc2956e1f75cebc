package com.agentobs.query.cost;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import com.agentobs.query.fleetdata.FleetReader;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Source;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Input and output tokens (chart 3.8), which {@code FleetReader}'s totals do not split: the
 * same planned {@link Source} and the same tiers as {@code FleetReader} (raw traces for the
 * partial edge hours, {@code traces_model_hourly} for whole hours, {@code traces_model_daily} for
 * whole UTC days: the smallest rollups that keep the split), so exact to the instant, weighted by
 * {@code sample_rate} (the rollups already are).
 */
@Component
class TokenQueries {

	/** Raw traces for the partial hours at the edges (the whole window when it has no whole hour). */
	private static final String RAW = """
			SELECT t.timestamp AS ts, t.sample_rate::BIGINT * COALESCE(t.tokens_input, 0) AS tin,
			       t.sample_rate::BIGINT * COALESCE(t.tokens_output, 0) AS tout
			FROM traces t
			WHERE t.workspace_id = :ws
			  AND ((t.timestamp >= :from AND t.timestamp < :hour_from) OR (t.timestamp >= :hour_to AND t.timestamp < :to))""";

	/** Whole hours outside the whole days. */
	private static final String HOURLY = """
			SELECT r.hour AS ts, r.tokens_input AS tin, r.tokens_output AS tout
			FROM traces_model_hourly r
			WHERE r.workspace_id = :ws
			  AND ((r.hour >= :hour_from AND r.hour < :day_from) OR (r.hour >= :day_to AND r.hour < :hour_to))""";

	private static final String DAILY = """
			SELECT r.day AS ts, r.tokens_input AS tin, r.tokens_output AS tout
			FROM traces_model_daily r
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
		String src = RAW + scope.sqlFilters("t", params) + "\nUNION ALL\n" + HOURLY + scope.sqlFilters("r", params)
				+ "\nUNION ALL\n" + DAILY + scope.sqlFilters("r", params);
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

	/** {@link FleetReader.Tiers}: raw edges, whole hours, whole days — exact to the instant. */
	static void window(Source source, Map<String, Object> params) {
		FleetReader.Tiers tiers = FleetReader.Tiers.of(source);
		params.put("from", FleetReader.at(tiers.from()));
		params.put("to", FleetReader.at(tiers.to()));
		params.put("hour_from", FleetReader.at(tiers.hourFrom()));
		params.put("hour_to", FleetReader.at(tiers.hourTo()));
		params.put("day_from", FleetReader.at(tiers.dayFrom()));
		params.put("day_to", FleetReader.at(tiers.dayTo()));
	}

}
