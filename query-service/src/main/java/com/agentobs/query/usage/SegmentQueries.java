package com.agentobs.query.usage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import com.agentobs.query.fleetdata.FleetReader;
import com.agentobs.query.fleetdata.Grain;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Source;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * User-segment reads (chart 2.6), which {@code FleetReader} has no dimension for. Requests are
 * counted by the segment recorded on each trace (its user's segment when it was ingested), from
 * raw traces for the partial edge hours and {@code traces_hourly} (the only rollup keeping
 * {@code user_segment}) for whole hours, weighted by
 * {@code sample_rate}. Active users are counted by their current segment in {@code end_users}:
 * distinct users from {@code user_activity_daily} for whole UTC days plus raw traces for the
 * partial edge days, so no count(DISTINCT) runs over a whole month of traces.
 */
@Component
class SegmentQueries {

	/** Raw edges plus whole hours, as {@code FleetReader.Tiers} cuts the window (no daily tier here). */
	private static final String REQUESTS = """
			SELECT x.segment, sum(x.n) AS n FROM (
			    SELECT t.user_segment AS segment, t.sample_rate::BIGINT AS n
			    FROM traces t
			    WHERE t.workspace_id = :ws
			      AND ((t.timestamp >= :from AND t.timestamp < :hour_from) OR (t.timestamp >= :hour_to AND t.timestamp < :to))%s
			    UNION ALL
			    SELECT r.user_segment, r.trace_count
			    FROM traces_hourly r
			    WHERE r.workspace_id = :ws AND r.hour >= :hour_from AND r.hour < :hour_to%s
			) x
			GROUP BY 1""";

	/** {@code %s} = the scope's filters on alias a, then on alias t. */
	private static final String ACTIVE_USERS = """
			SELECT COALESCE(e.user_segment, 'unknown') AS segment, count(*) AS users
			FROM (
			    SELECT DISTINCT x.user_id FROM (
			        SELECT a.user_id FROM user_activity_daily a
			        WHERE a.workspace_id = :ws AND a.day >= :day_from AND a.day < :day_to%s
			        UNION ALL
			        SELECT t.user_id FROM traces t
			        WHERE t.workspace_id = :ws AND t.user_id IS NOT NULL
			          AND ((t.timestamp >= :from AND t.timestamp < :day_from)
			               OR (t.timestamp >= :day_to AND t.timestamp < :to))%s
			    ) x
			) u
			LEFT JOIN end_users e ON e.workspace_id = :ws AND e.external_user_id = u.user_id
			GROUP BY 1""";

	private final JdbcClient jdbc;

	SegmentQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Represented requests per trace segment ({@code null} key = traces without one). */
	Map<String, Long> requestsBySegment(Source source, Scope scope) {
		if (source.grain() == Grain.MIXED) {
			throw new IllegalArgumentException("user_segment is only kept by raw traces and traces_hourly");
		}
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = REQUESTS.formatted(scope.sqlFilters("t", params), scope.sqlFilters("r", params));
		FleetReader.Tiers tiers = FleetReader.Tiers.of(source);
		params.put("from", FleetReader.at(tiers.from()));
		params.put("to", FleetReader.at(tiers.to()));
		params.put("hour_from", FleetReader.at(tiers.hourFrom()));
		params.put("hour_to", FleetReader.at(tiers.hourTo()));
		Map<String, Long> out = new LinkedHashMap<>();
		bind(sql, params).query((rs) -> {
			out.merge(rs.getString("segment"), rs.getLong("n"), Long::sum);
		});
		return out;
	}

	/** Distinct users active in {@code [from, to)} under the scope, per current end-user segment. */
	Map<String, Long> activeUsersBySegment(Scope scope, Instant from, Instant to) {
		Instant dayFrom = from.truncatedTo(ChronoUnit.DAYS);
		if (dayFrom.isBefore(from)) {
			dayFrom = dayFrom.plus(1, ChronoUnit.DAYS);
		}
		Instant dayTo = to.truncatedTo(ChronoUnit.DAYS);
		if (!dayFrom.isBefore(dayTo)) {
			// no whole day inside the window: raw traces only
			dayFrom = from;
			dayTo = from;
		}
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = ACTIVE_USERS.formatted(scope.sqlFilters("a", params), scope.sqlFilters("t", params));
		params.put("from", FleetReader.at(from));
		params.put("to", FleetReader.at(to));
		params.put("day_from", FleetReader.at(dayFrom));
		params.put("day_to", FleetReader.at(dayTo));
		Map<String, Long> out = new LinkedHashMap<>();
		bind(sql, params).query((rs) -> {
			out.put(rs.getString("segment"), rs.getLong("users"));
		});
		return out;
	}

	private JdbcClient.StatementSpec bind(String sql, Map<String, Object> params) {
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql);
		for (Map.Entry<String, Object> p : params.entrySet()) {
			spec = spec.param(p.getKey(), p.getValue());
		}
		return spec;
	}

}
