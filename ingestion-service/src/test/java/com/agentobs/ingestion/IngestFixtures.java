package com.agentobs.ingestion;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.agentobs.contracts.security.ApiKeys;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;

/** Tenants and API keys for the ingest tests, written as the owner role (the database a test context migrated). */
final class IngestFixtures {

	private static JdbcClient owner;

	private IngestFixtures() {
	}

	static synchronized JdbcClient owner() {
		if (owner == null) {
			owner = JdbcClient.create(TestStores.ownerDataSource());
		}
		return owner;
	}

	static UUID newWorkspace() {
		return TestTenant.create("ing").id();
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
