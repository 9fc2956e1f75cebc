package com.agentobs.alert.incidents;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code postmortems} (one per incident) and their {@code postmortem_action_items}, written as a whole. */
@Repository
class PostmortemStore {

	private static final String LOCK = """
			SELECT id, summary, root_cause, status, author, published_at FROM postmortems
			WHERE workspace_id = :ws AND incident_id = :incident FOR UPDATE
			""";

	private static final String ITEMS = """
			SELECT title, owner, status, due_date FROM postmortem_action_items
			WHERE workspace_id = :ws AND postmortem_id = :pm ORDER BY created_at, id
			""";

	private static final String UPSERT = """
			INSERT INTO postmortems (workspace_id, incident_id, status, summary, root_cause, author, published_at)
			VALUES (:ws, :incident, :status, :summary, :rootCause, :author, :published)
			ON CONFLICT (workspace_id, incident_id) DO UPDATE
			    SET status = EXCLUDED.status, summary = EXCLUDED.summary, root_cause = EXCLUDED.root_cause,
			        author = EXCLUDED.author, published_at = EXCLUDED.published_at, updated_at = NOW()
			RETURNING id
			""";

	private static final String DELETE_ITEMS = "DELETE FROM postmortem_action_items WHERE workspace_id = :ws AND postmortem_id = :pm";

	private static final String INSERT_ITEM = """
			INSERT INTO postmortem_action_items (workspace_id, postmortem_id, title, owner, status, due_date, created_at)
			VALUES (:ws, :pm, :title, :owner, :status, :due, clock_timestamp())
			""";

	private static final String DELETE = "DELETE FROM postmortems WHERE workspace_id = :ws AND incident_id = :incident";

	private final JdbcClient jdbc;

	PostmortemStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The incident's postmortem as it is now (locked), if it has one. */
	Optional<PostmortemActions.Snapshot> lock(UUID ws, UUID incidentId) {
		return this.jdbc.sql(LOCK).param("ws", ws).param("incident", incidentId).query((rs, n) -> {
			UUID pm = rs.getObject("id", UUID.class);
			Timestamp published = rs.getTimestamp("published_at");
			return new PostmortemActions.Snapshot(incidentId, true, rs.getString("summary"), rs.getString("root_cause"),
					rs.getString("status"), rs.getString("author"), (published != null) ? published.toInstant() : null,
					items(ws, pm));
		}).optional();
	}

	private List<PostmortemActions.Item> items(UUID ws, UUID pm) {
		return this.jdbc.sql(ITEMS).param("ws", ws).param("pm", pm).query((rs, n) -> {
			Date due = rs.getDate("due_date");
			return new PostmortemActions.Item(rs.getString("title"), rs.getString("owner"), rs.getString("status"),
					(due != null) ? due.toString() : null);
		}).list();
	}

	/** Writes the postmortem and replaces its action items; returns its id. */
	UUID save(UUID ws, UUID incidentId, String status, String summary, String rootCause, String author,
			Instant publishedAt, List<PostmortemActions.Item> items) {
		UUID pm = this.jdbc.sql(UPSERT)
			.param("ws", ws)
			.param("incident", incidentId)
			.param("status", status)
			.param("summary", summary)
			.param("rootCause", rootCause)
			.param("author", author)
			.param("published", (publishedAt != null) ? Timestamp.from(publishedAt) : null)
			.query(UUID.class)
			.single();
		this.jdbc.sql(DELETE_ITEMS).param("ws", ws).param("pm", pm).update();
		for (PostmortemActions.Item item : items) {
			this.jdbc.sql(INSERT_ITEM)
				.param("ws", ws)
				.param("pm", pm)
				.param("title", item.title())
				.param("owner", item.owner())
				.param("status", item.status())
				.param("due", (item.dueDate() != null) ? Date.valueOf(LocalDate.parse(item.dueDate())) : null)
				.update();
		}
		return pm;
	}

	void delete(UUID ws, UUID incidentId) {
		this.jdbc.sql(DELETE).param("ws", ws).param("incident", incidentId).update();
	}

}
