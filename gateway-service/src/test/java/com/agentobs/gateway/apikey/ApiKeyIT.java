package com.agentobs.gateway.apikey;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.gateway.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyIT extends GatewayTestSupport {

	@Test
	void create_returnsKeyOnce_andStoresOnlyItsHash() {
		UUID workspace = createWorkspace();
		String admin = accessToken(createUser(workspace, Role.ADMIN));

		Map<String, Object> created = createApiKey(admin, "ingest-bot");
		String key = (String) created.get("api_key");

		assertThat(key).startsWith("ao_live_");
		assertThat(created.get("key_prefix")).isEqualTo(key.substring(0, 12));
		Map<String, Object> row = owner().sql("SELECT key_hash, key_prefix FROM api_keys WHERE id = ?::uuid")
			.param(created.get("id"))
			.query()
			.singleRow();
		assertThat(row.get("key_hash")).isEqualTo(ApiKeyFormat.hash(key));
		long plaintextRows = owner()
			.sql("SELECT COUNT(*) FROM api_keys WHERE key_hash = ? OR key_prefix = ? OR name = ?")
			.params(key, key, key)
			.query(Long.class)
			.single();
		assertThat(plaintextRows).isZero();
	}

	@Test
	void list_showsPrefixButNeverTheKey() {
		UUID workspace = createWorkspace();
		String admin = accessToken(createUser(workspace, Role.ADMIN));
		String key = (String) createApiKey(admin, "listed").get("api_key");

		String body = client().get()
			.uri("/api/v1/api-keys")
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(body).contains(key.substring(0, 12)).doesNotContain(key).doesNotContain("api_key\"");
	}

	@Test
	void apiKeys_areAdminOnly_viewerGets403() {
		UUID workspace = createWorkspace();
		String viewer = accessToken(createUser(workspace, Role.VIEWER));

		client().post()
			.uri("/api/v1/api-keys")
			.headers((h) -> h.setBearerAuth(viewer))
			.bodyValue(Map.of("name", "nope"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("INSUFFICIENT_PERMISSIONS");
		client().get()
			.uri("/api/v1/api-keys")
			.headers((h) -> h.setBearerAuth(viewer))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void revoke_stopsTheKey() {
		UUID workspace = createWorkspace();
		String admin = accessToken(createUser(workspace, Role.ADMIN));
		Map<String, Object> created = createApiKey(admin, "to-revoke");
		String key = (String) created.get("api_key");
		ingest(key).expectStatus().isOk();

		client().delete()
			.uri("/api/v1/api-keys/{id}", created.get("id"))
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.active")
			.isEqualTo(false);

		ingest(key).expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void rotate_issuesNewKey_andRevokesTheOld() {
		UUID workspace = createWorkspace();
		String admin = accessToken(createUser(workspace, Role.ADMIN));
		Map<String, Object> created = createApiKey(admin, "rotating");
		String oldKey = (String) created.get("api_key");

		Map<String, Object> rotated = createdData(client().post()
			.uri("/api/v1/api-keys/{id}/rotate", created.get("id"))
			.headers((h) -> h.setBearerAuth(admin))
			.exchange());
		String newKey = (String) rotated.get("api_key");

		assertThat(newKey).isNotEqualTo(oldKey);
		assertThat(rotated.get("name")).isEqualTo("rotating");
		ingest(oldKey).expectStatus().isUnauthorized();
		ingest(newKey).expectStatus().isOk();
	}

	@Test
	void apiKey_cannotManageKeys() {
		UUID workspace = createWorkspace();
		String admin = accessToken(createUser(workspace, Role.ADMIN));
		String key = (String) createApiKey(admin, "agent").get("api_key");

		client().get()
			.uri("/api/v1/api-keys")
			.header("X-API-Key", key)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec ingest(String key) {
		return client().post()
			.uri("/api/v1/traces")
			.header("X-API-Key", key)
			.bodyValue(Map.of("traces", List.of()))
			.exchange();
	}

}
