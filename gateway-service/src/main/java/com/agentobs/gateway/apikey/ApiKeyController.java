package com.agentobs.gateway.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.contracts.validation.PlainText;
import com.agentobs.gateway.system.Blocking;
import com.agentobs.gateway.system.GatewayCaller;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * API keys of the selected workspace (admin only). The plaintext key is in the answer to
 * create and rotate, once; afterwards only its prefix is ever shown.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

	private static final List<String> DEFAULT_SCOPES = List.of(TokenClaims.PERMISSION_INGEST,
			TokenClaims.PERMISSION_CONFIG_READ);

	private final ApiKeyRepository keys;

	private final ApiKeyExchange exchangeCache;

	ApiKeyController(ApiKeyRepository keys, ApiKeyExchange exchangeCache) {
		this.keys = keys;
		this.exchangeCache = exchangeCache;
	}

	// GET /api/v1/api-keys
	@GetMapping
	Mono<ApiResponse<List<ApiKeyResponse>>> list(ServerWebExchange exchange) {
		UUID workspace = admin(exchange);
		return Blocking.call(() -> this.keys.list(workspace))
			.map((rows) -> ApiResponse.of(rows.stream().map(ApiKeyResponse::of).toList(),
					ResponseMeta.page(0, false, rows.size(), 1, Math.max(rows.size(), 1))));
	}

	// POST /api/v1/api-keys {"name": "..."}
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<ApiResponse<CreatedApiKeyResponse>> create(@Valid @RequestBody CreateApiKeyRequest request,
			ServerWebExchange exchange) {
		UUID workspace = admin(exchange);
		UUID userId = GatewayCaller.of(exchange).userId();
		return Blocking.call(() -> issue(workspace, request.name().strip(), userId))
			.map((created) -> ApiResponse.of(created, ResponseMeta.single(0, false)));
	}

	// DELETE /api/v1/api-keys/{api_key_id}
	@DeleteMapping("/{apiKeyId}")
	Mono<ApiResponse<ApiKeyResponse>> revoke(@PathVariable UUID apiKeyId, ServerWebExchange exchange) {
		UUID workspace = admin(exchange);
		return Blocking.call(() -> {
			String hash = this.keys.revoke(workspace, apiKeyId)
				.orElseThrow(() -> ApiException.notFound("api_key", apiKeyId.toString()));
			this.exchangeCache.evict(hash);
			return ApiKeyResponse.of(this.keys.find(workspace, apiKeyId).orElseThrow());
		}).map((key) -> ApiResponse.of(key, ResponseMeta.single(0, false)));
	}

	// POST /api/v1/api-keys/{api_key_id}/rotate: a new key with the same name; the old one is revoked
	@PostMapping("/{apiKeyId}/rotate")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<ApiResponse<CreatedApiKeyResponse>> rotate(@PathVariable UUID apiKeyId, ServerWebExchange exchange) {
		UUID workspace = admin(exchange);
		UUID userId = GatewayCaller.of(exchange).userId();
		return Blocking.call(() -> {
			ApiKeyRepository.ApiKeyRow old = this.keys.find(workspace, apiKeyId)
				.filter((k) -> k.revokedAt() == null)
				.orElseThrow(() -> ApiException.notFound("api_key", apiKeyId.toString()));
			CreatedApiKeyResponse created = issue(workspace, old.name(), userId);
			this.keys.revoke(workspace, apiKeyId).ifPresent(this.exchangeCache::evict);
			return created;
		}).map((created) -> ApiResponse.of(created, ResponseMeta.single(0, false)));
	}

	private CreatedApiKeyResponse issue(UUID workspace, String name, UUID userId) {
		String key = ApiKeyFormat.generate();
		ApiKeyRepository.ApiKeyRow row = this.keys.insert(workspace, name, ApiKeyFormat.visiblePrefix(key),
				ApiKeyFormat.hash(key), DEFAULT_SCOPES, userId);
		return new CreatedApiKeyResponse(row.id(), row.name(), row.keyPrefix(), key, row.scopes(), workspace,
				row.createdAt());
	}

	private static UUID admin(ServerWebExchange exchange) {
		GatewayCaller caller = GatewayCaller.of(exchange);
		UUID workspace = caller.requireWorkspace();
		caller.requireRole(workspace, Role.ADMIN);
		return workspace;
	}

	// POST /api/v1/api-keys
	record CreateApiKeyRequest(@NotBlank(message = "is required") @Size(max = 255) @PlainText String name) {
	}

	// GET /api/v1/api-keys (items)
	record ApiKeyResponse(UUID id, String name, String keyPrefix, List<String> scopes, UUID createdBy,
			Instant createdAt, Instant lastUsedAt, Instant revokedAt, boolean active) {

		static ApiKeyResponse of(ApiKeyRepository.ApiKeyRow row) {
			return new ApiKeyResponse(row.id(), row.name(), row.keyPrefix(), row.scopes(), row.createdBy(),
					row.createdAt(), row.lastUsedAt(), row.revokedAt(), row.revokedAt() == null);
		}

	}

	// POST /api/v1/api-keys and …/rotate: the only answer that carries the key itself
	record CreatedApiKeyResponse(UUID id, String name, String keyPrefix, String apiKey, List<String> scopes,
			UUID workspaceId, Instant createdAt) {
	}

}
