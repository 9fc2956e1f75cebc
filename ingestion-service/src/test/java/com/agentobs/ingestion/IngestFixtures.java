package com.agentobs.ingestion;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.agentobs.contracts.security.ApiKeys;

/** Tenants for the ingest tests, written as the owner role (the database a test context migrated). */
final class IngestFixtures {

	private static JdbcClient owner;

	private IngestFixtures() {
	}

	static synchronized JdbcClient owner() {
		if (owner == null) {
			String url = System.getenv().getOrDefault("AGENTOBS_TEST_DB_URL",
					"jdbc:postgresql://127.0.0.1:5432/agentobs_test");
			owner = JdbcClient.create(new DriverManagerDataSource(url, "agentobs", "agentobs"));
		}
		return owner;
	}

	static UUID newWorkspace() {
		String slug = "ing-" + UUID.randomUUID().toString().substring(0, 12);
		return owner().sql("INSERT INTO workspaces (name, slug) VALUES (?, ?) RETURNING id")
			.params(slug, slug)
			.query(UUID.class)
			.single();
	}

	static String newKey(UUID ws, boolean revoked) {
		String secret = "ao_test_" + UUID.randomUUID().toString().replace("-", "");
		owner().sql("""
				INSERT INTO api_keys (workspace_id, name, key_prefix, key_hash, revoked_at)
				VALUES (?, 'test', ?, ?, CASE WHEN ? THEN now() END)
				""").params(ws, secret.substring(0, 10), ApiKeys.sha256Hex(secret), revoked).update();
		return secret;
	}

}
