package com.agentobs.gateway.edge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.gateway.system.Blocking;
import com.agentobs.gateway.system.GatewayProperties;
import com.agentobs.gateway.system.GatewayProperties.Bucket;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The buckets of a workspace: the configured defaults, unless the workspace's
 * {@code settings.rate_limit} ({@code requests_per_second}, {@code burst},
 * {@code api_key_requests_per_second}, {@code api_key_burst}) overrides them. Read once a
 * minute per workspace.
 */
@Component
class WorkspaceRateLimits {

	private static final String SETTINGS = """
			SELECT settings -> 'rate_limit' FROM workspaces WHERE id = ?
			""";

	private static final Duration REFRESH = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final WorkspaceTransactions transactions;

	private final JsonMapper mapper;

	private final GatewayProperties.RateLimit defaults;

	private final Clock clock;

	private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

	WorkspaceRateLimits(JdbcClient jdbc, WorkspaceTransactions transactions, JsonMapper mapper,
			GatewayProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.mapper = mapper;
		this.defaults = properties.rateLimit();
		this.clock = clock;
	}

	Mono<Limits> of(UUID workspaceId) {
		Limits fallback = new Limits(this.defaults.workspace(), this.defaults.apiKey());
		if (workspaceId == null) {
			return Mono.just(fallback);
		}
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(workspaceId);
		if (cached != null && cached.until().isAfter(now)) {
			return Mono.just(cached.limits());
		}
		return Blocking.call(() -> load(workspaceId, fallback)).onErrorReturn(fallback).map((limits) -> {
			this.cache.put(workspaceId, new Cached(now.plus(REFRESH), limits));
			return limits;
		});
	}

	private Limits load(UUID workspaceId, Limits fallback) {
		String json = this.transactions.inWorkspace(workspaceId,
				() -> this.jdbc.sql(SETTINGS).param(workspaceId).query(String.class).optional().orElse(null));
		if (json == null) {
			return fallback;
		}
		JsonNode node = this.mapper.readTree(json);
		return new Limits(bucket(node, "requests_per_second", "burst", fallback.workspace()),
				bucket(node, "api_key_requests_per_second", "api_key_burst", fallback.apiKey()));
	}

	private static Bucket bucket(JsonNode node, String rateField, String burstField, Bucket fallback) {
		double rate = node.path(rateField).asDouble(fallback.requestsPerSecond());
		int burst = node.path(burstField).asInt(fallback.burst());
		return (rate > 0 && burst >= 1) ? new Bucket(rate, burst) : fallback;
	}

	record Limits(Bucket workspace, Bucket apiKey) {
	}

	private record Cached(Instant until, Limits limits) {
	}

}
