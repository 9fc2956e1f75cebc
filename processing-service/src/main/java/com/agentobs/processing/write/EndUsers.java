package com.agentobs.processing.write;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.agentobs.contracts.ingest.IngestTrace;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The batch's end users: registers new ones, widens the first/last-seen range of known ones, and
 * returns each user's segment. A range widens only where a trace lies more than
 * {@link #SEEN_RESOLUTION} outside it: live traffic is always a little later than the last batch,
 * and rewriting every returning user's row per batch would cost more than inserting the traces;
 * cohorts (by day or week) and dormancy need no finer range.
 */
@Component
public class EndUsers {

	/** How far {@code end_users.first_seen_at} / {@code last_seen_at} may be inside a user's true seen range. */
	public static final Duration SEEN_RESOLUTION = Duration.ofMinutes(15);

	/**
	 * Known end users of the batch: segment and seen range, read without locking. One probe of the
	 * unique key per id (lateral; {@code OFFSET 0} keeps the planner from flattening it into a join
	 * that reads the whole workspace when its statistics under-count it).
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

	private final JdbcClient jdbc;

	EndUsers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Segments by end-user id. Known users are read first, so a user whose range already covers the
	 * batch costs a read, not a row lock and a rewrite. Must run inside a transaction that has set
	 * {@code app.workspace_id} to {@code ws}.
	 */
	Map<String, String> segments(UUID ws, Collection<IngestTrace> traces) {
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

}
