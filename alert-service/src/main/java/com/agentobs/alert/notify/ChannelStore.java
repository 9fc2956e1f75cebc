package com.agentobs.alert.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code notification_channels}. The secret column is read only by the relay, never mapped into {@link Channel}. */
@Repository
public class ChannelStore {

	private static final String SELECT_ACTIVE = """
			SELECT id, name, kind, url, secret_ciphertext IS NOT NULL AS has_secret, is_enabled, created_at
			FROM notification_channels WHERE workspace_id = :ws AND deleted_at IS NULL ORDER BY created_at, id
			""";

	private static final String EXISTS = """
			SELECT count(*) FROM notification_channels WHERE workspace_id = :ws AND id = :id AND deleted_at IS NULL
			""";

	private static final String INSERT = """
			INSERT INTO notification_channels (workspace_id, name, kind, url, secret_ciphertext, created_by)
			VALUES (:ws, :name, :kind, :url, :secret, :createdBy)
			RETURNING id
			""";

	private static final String LOCK = """
			SELECT deleted_at IS NOT NULL FROM notification_channels WHERE workspace_id = :ws AND id = :id FOR UPDATE
			""";

	private static final String SET_DELETED = """
			UPDATE notification_channels SET deleted_at = CASE WHEN :deleted THEN NOW() END, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id
			""";

	private static final String SELECT_DELIVERY = """
			SELECT kind, url, secret_ciphertext, is_enabled AND deleted_at IS NULL AS usable
			FROM notification_channels WHERE workspace_id = :ws AND id = :id
			""";

	private static final String LOCK_STATE = """
			SELECT name, url, secret_ciphertext, is_enabled, deleted_at IS NOT NULL AS deleted
			FROM notification_channels WHERE workspace_id = :ws AND id = :id FOR UPDATE
			""";

	private static final String UPDATE = """
			UPDATE notification_channels SET name = :name, url = :url, secret_ciphertext = :secret, is_enabled = :enabled,
			    updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id
			""";

	private static final String SELECT_KIND = """
			SELECT kind FROM notification_channels WHERE workspace_id = :ws AND id = :id AND deleted_at IS NULL
			""";

	private final JdbcClient jdbc;

	ChannelStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Channel> active(UUID ws) {
		return this.jdbc.sql(SELECT_ACTIVE).param("ws", ws).query(ChannelStore::map).list();
	}

	public boolean exists(UUID ws, UUID id) {
		return this.jdbc.sql(EXISTS).param("ws", ws).param("id", id).query(Long.class).single() > 0;
	}

	UUID insert(UUID ws, String name, String kind, String url, String secretCiphertext, String createdBy) {
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("name", name)
			.param("kind", kind)
			.param("url", url)
			.param("secret", secretCiphertext)
			.param("createdBy", createdBy)
			.query(UUID.class)
			.single();
	}

	boolean lockDeleted(UUID ws, UUID id) {
		return this.jdbc.sql(LOCK)
			.param("ws", ws)
			.param("id", id)
			.query(Boolean.class)
			.optional()
			.orElseThrow(() -> ApiException.notFound("notification channel", id.toString()));
	}

	void setDeleted(UUID ws, UUID id, boolean deleted) {
		this.jdbc.sql(SET_DELETED).param("ws", ws).param("id", id).param("deleted", deleted).update();
	}

	/** The editable fields of a channel, locked (the update action's before and after). */
	State lockState(UUID ws, UUID id) {
		State state = this.jdbc.sql(LOCK_STATE)
			.param("ws", ws)
			.param("id", id)
			.query((rs, n) -> new State(id, rs.getString("name"), rs.getString("url"), rs.getString("secret_ciphertext"),
					rs.getBoolean("is_enabled")))
			.optional()
			.orElseThrow(() -> ApiException.notFound("notification channel", id.toString()));
		return state;
	}

	void update(UUID ws, State s) {
		this.jdbc.sql(UPDATE)
			.param("ws", ws)
			.param("id", s.channelId())
			.param("name", s.name())
			.param("url", s.url())
			.param("secret", s.secretCiphertext())
			.param("enabled", s.enabled())
			.update();
	}

	Optional<String> kind(UUID ws, UUID id) {
		return this.jdbc.sql(SELECT_KIND).param("ws", ws).param("id", id).query(String.class).optional();
	}

	public Optional<Delivery> delivery(UUID ws, UUID id) {
		return this.jdbc.sql(SELECT_DELIVERY)
			.param("ws", ws)
			.param("id", id)
			.query((rs, row) -> new Delivery(rs.getString("kind"), rs.getString("url"),
					rs.getString("secret_ciphertext"), rs.getBoolean("usable")))
			.optional();
	}

	private static Channel map(ResultSet rs, int row) throws SQLException {
		String kind = rs.getString("kind");
		return new Channel(rs.getObject("id", UUID.class), rs.getString("name"), kind,
				"slack".equals(kind) ? maskPath(rs.getString("url")) : rs.getString("url"), rs.getBoolean("has_secret"),
				rs.getBoolean("is_enabled"), rs.getTimestamp("created_at").toInstant());
	}

	/** A Slack incoming-webhook URL is its credential: only its scheme and host are shown. */
	static String maskPath(String url) {
		if (url == null) {
			return null;
		}
		int host = url.indexOf("://");
		int path = (host < 0) ? -1 : url.indexOf('/', host + 3);
		return (path < 0) ? url : url.substring(0, path) + "/…";
	}

	/** A channel's editable fields; the secret stays encrypted. */
	record State(UUID channelId, String name, String url, String secretCiphertext, boolean enabled) {
	}

	/** What the relay needs to deliver to a channel. */
	public record Delivery(String kind, String url, String secretCiphertext, boolean usable) {
	}

}
