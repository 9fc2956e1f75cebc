package com.agentobs.synth.generator;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;

/** The demo logins: one per role, global (not per workspace), the same id in every database. */
public final class DemoUsers {

	public static final String PASSWORD = "agentobs-demo";

	/** email → role, in the order they are created. */
	public static final Map<String, String> ROLES = roles();

	/** Existing accounts keep their password; a missing one is created. */
	private static final String UPSERT_USER = """
			INSERT INTO users (id, email, display_name, password_hash, is_active)
			VALUES (?, ?, ?, ?, TRUE)
			ON CONFLICT (lower(email)) DO UPDATE SET is_active = TRUE
			RETURNING id
			""";

	private DemoUsers() {
	}

	private static Map<String, String> roles() {
		Map<String, String> users = new LinkedHashMap<>();
		users.put("admin@agentobs.dev", "admin");
		users.put("operator@agentobs.dev", "operator");
		users.put("analyst@agentobs.dev", "analyst");
		users.put("viewer@agentobs.dev", "viewer");
		return users;
	}

	public static UUID userId(String email) {
		return UUID.nameUUIDFromBytes(("agentobs-demo-user:" + email).getBytes(StandardCharsets.UTF_8));
	}

	/** Creates the login with the demo password unless it exists; returns its id. */
	public static UUID ensureUser(Connection c, String email, String displayName, PasswordEncoder encoder)
			throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(UPSERT_USER)) {
			ps.setObject(1, userId(email));
			ps.setString(2, email);
			ps.setString(3, displayName);
			ps.setString(4, encoder.encode(PASSWORD));
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getObject(1, UUID.class);
			}
		}
	}

}
