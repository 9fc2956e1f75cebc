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

	public Optional<Delivery> delivery(UUID ws, UUID id) {
		return this.jdbc.sql(SELECT_DELIVERY)
			.param("ws", ws)
			.param("id", id)
			.query((rs, row) -> new Delivery(rs.getString("kind"), rs.getString("url"),
					rs.getString("secret_ciphertext"), rs.getBoolean("usable")))
			.optional();
	}

	private static Channel map(ResultSet rs, int row) throws SQLException {
		return new Channel(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("kind"),
				rs.getString("url"), rs.getBoolean("has_secret"), rs.getBoolean("is_enabled"),
				rs.getTimestamp("created_at").toInstant());
	}

	/** What the relay needs to deliver to a channel. */
	public record Delivery(String kind, String url, String secretCiphertext, boolean usable) {
	}

}
