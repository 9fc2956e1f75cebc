package com.agentobs.query.fleetdata;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Distinct end users of a window under a scope, exact: without filters from {@code users_daily}
 * (whole UTC days) + {@code users_hourly} (other whole hours) + raw traces (partial hours); with
 * filters from {@code user_activity_daily} (whole days, it keeps the agent-level columns) + raw
 * traces for the rest. All filled by the rollup function from raw traces. Also per user segment
 * (chart 2.6), by each user's current segment. Call inside
 * {@code WorkspaceTransactions.inWorkspace}.
 */
@Component
public class UserCounts {

	private static final String UNFILTERED = """
			    SELECT u.user_id FROM users_daily u
			    WHERE u.workspace_id = :ws AND u.day >= :day_from AND u.day < :day_to
			    UNION ALL
			    SELECT u.user_id FROM users_hourly u
			    WHERE u.workspace_id = :ws
			      AND ((u.hour >= :hour_from AND u.hour < :day_from) OR (u.hour >= :day_to AND u.hour < :hour_to))
			    UNION ALL
			    SELECT t.user_id FROM traces t
			    WHERE t.workspace_id = :ws AND t.user_id IS NOT NULL
			      AND ((t.timestamp >= :from AND t.timestamp < :hour_from) OR (t.timestamp >= :hour_to AND t.timestamp < :to))""";

	/** {@code %s}: the scope's filters on alias a, then on alias t. */
	private static final String FILTERED = """
			    SELECT a.user_id FROM user_activity_daily a
			    WHERE a.workspace_id = :ws AND a.day >= :day_from AND a.day < :day_to%s
			    UNION ALL
			    SELECT t.user_id FROM traces t
			    WHERE t.workspace_id = :ws AND t.user_id IS NOT NULL
			      AND ((t.timestamp >= :from AND t.timestamp < :day_from) OR (t.timestamp >= :day_to AND t.timestamp < :to))%s""";

	/** Distinct users per current segment ({@code end_users}), {@code %s} = the user_id rows. */
	private static final String BY_SEGMENT = """
			SELECT COALESCE(e.user_segment, 'unknown') AS segment, count(*) AS users
			FROM (SELECT DISTINCT x.user_id FROM (%s) x) u
			LEFT JOIN end_users e ON e.workspace_id = :ws AND e.external_user_id = u.user_id
			GROUP BY 1""";

	private final JdbcClient jdbc;

	UserCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Distinct non-null {@code user_id}s in {@code [from, to)} under {@code scope}. */
	public long distinct(Scope scope, Instant from, Instant to) {
		Map<String, Object> params = new LinkedHashMap<>();
		String users = userRows(scope, from, to, params);
		return bind("SELECT count(DISTINCT x.user_id) FROM (" + users + ") x", params).query(Long.class).single();
	}

	/**
	 * Distinct users in {@code [from, to)} under {@code scope} per their current segment in
	 * {@code end_users} ("unknown" for users without a row there).
	 */
	public Map<String, Long> distinctBySegment(Scope scope, Instant from, Instant to) {
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = BY_SEGMENT.formatted(userRows(scope, from, to, params));
		Map<String, Long> out = new LinkedHashMap<>();
		bind(sql, params).query((rs) -> {
			out.put(rs.getString("segment"), rs.getLong("users"));
		});
		return out;
	}

	/** The rows naming the window's users (with repeats), from the tables the scope allows. */
	private static String userRows(Scope scope, Instant from, Instant to, Map<String, Object> params) {
		Tiers tiers = Tiers.of(new Source(Grain.MIXED, from, to, null, null));
		tiers.bind(params);
		if (scope.departmentId() == null && scope.environment() == null && scope.version() == null
				&& scope.agentId() == null) {
			scope.sqlFilters("t", params);
			return UNFILTERED;
		}
		if (tiers.rawOnly() || !tiers.dayFrom().isBefore(tiers.dayTo())) {
			params.put("day_from", Tiers.at(to)); // no whole day: everything raw
			params.put("day_to", Tiers.at(to));
		}
		return FILTERED.formatted(scope.sqlFilters("a", params), scope.sqlFilters("t", params));
	}

	private JdbcClient.StatementSpec bind(String sql, Map<String, Object> params) {
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql);
		for (Map.Entry<String, Object> p : params.entrySet()) {
			spec = spec.param(p.getKey(), p.getValue());
		}
		return spec;
	}

}
