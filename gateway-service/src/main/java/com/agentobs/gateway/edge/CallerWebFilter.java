package com.agentobs.gateway.edge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.gateway.apikey.ApiKeyExchange;
import com.agentobs.gateway.apikey.ApiKeyFormat;
import com.agentobs.gateway.system.ErrorEnvelopes;
import com.agentobs.gateway.system.GatewayCaller;
import com.agentobs.gateway.system.GatewayProperties;
import com.agentobs.gateway.token.TokenService;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Authenticates every API request before it is routed or handled: a user's bearer token
 * (verified here, as every service verifies it again) or an agent's API key (exchanged for
 * an internal token; the key itself is never forwarded). Then checks that a requested
 * workspace ({@code X-Workspace-ID} / {@code workspace_id}) is granted (403 otherwise),
 * applies the rate limits, and forwards {@code Authorization: Bearer <token>}.
 */
@Component
class CallerWebFilter implements WebFilter, Ordered {

	/** Reachable without a token: signing in needs none. */
	private static final Set<String> OPEN_API_PATHS = Set.of("/api/v1/auth/login", "/api/v1/auth/refresh",
			"/api/v1/auth/logout");

	static final String LIMIT_HEADER = "X-RateLimit-Limit";

	static final String REMAINING_HEADER = "X-RateLimit-Remaining";

	private final TokenService tokens;

	private final ApiKeyExchange apiKeys;

	private final RateLimiter rateLimiter;

	private final WorkspaceRateLimits limits;

	private final boolean rateLimitEnabled;

	private final ErrorEnvelopes envelopes;

	CallerWebFilter(TokenService tokens, ApiKeyExchange apiKeys, RateLimiter rateLimiter, WorkspaceRateLimits limits,
			GatewayProperties properties, ErrorEnvelopes envelopes) {
		this.tokens = tokens;
		this.apiKeys = apiKeys;
		this.rateLimiter = rateLimiter;
		this.limits = limits;
		this.rateLimitEnabled = properties.rateLimit().enabled();
		this.envelopes = envelopes;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		if (HttpMethod.OPTIONS.equals(request.getMethod()) || !requiresCaller(path)) {
			return chain.filter(exchange);
		}
		return authenticate(request).map((caller) -> selectWorkspace(caller, request))
			.flatMap((caller) -> rateLimit(exchange, caller).thenReturn(caller))
			.flatMap((caller) -> {
				caller.store(exchange);
				ServerHttpRequest forwarded = request.mutate().headers((h) -> {
					h.remove(TokenClaims.API_KEY_HEADER);
					h.setBearerAuth(caller.token());
				}).build();
				return chain.filter(exchange.mutate().request(forwarded).build());
			})
			.onErrorResume(ApiException.class, (ex) -> this.envelopes.write(exchange, ex));
	}

	static boolean requiresCaller(String path) {
		return (path.startsWith("/api/") || path.startsWith("/v1/") || path.equals("/api")) && !OPEN_API_PATHS.contains(path);
	}

	private Mono<GatewayCaller> authenticate(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		String apiKey = headers.getFirst(TokenClaims.API_KEY_HEADER);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String token = authorization.substring(7).strip();
			// OTLP exporters and some SDKs can only send the key as a bearer token
			return ApiKeyFormat.looksLikeKey(token) ? agent(token) : user(token);
		}
		if (apiKey != null && !apiKey.isBlank()) {
			return agent(apiKey.strip());
		}
		return Mono.error(ApiException.unauthenticated("A valid bearer token or API key is required"));
	}

	private Mono<GatewayCaller> user(String token) {
		return this.tokens.verify(token)
			.onErrorMap(JwtException.class,
					(ex) -> ApiException.unauthenticated("The access token is invalid or expired"))
			.map((jwt) -> new GatewayCaller(jwt.getSubject(), token,
					TokenClaims.TYPE_AGENT.equals(jwt.getClaimAsString(TokenClaims.TYPE)), null, grants(jwt), null));
	}

	private Mono<GatewayCaller> agent(String key) {
		return this.apiKeys.exchange(key)
			.map((identity) -> new GatewayCaller("apikey:" + identity.apiKeyId(), identity.token(), true,
					identity.apiKeyId(), Map.of(identity.workspaceId(), Role.VIEWER), identity.workspaceId()));
	}

	private static Map<UUID, Role> grants(Jwt jwt) {
		Map<String, Object> claim = jwt.getClaimAsMap(TokenClaims.WORKSPACES);
		Map<UUID, Role> grants = new LinkedHashMap<>();
		if (claim != null) {
			claim.forEach((ws, role) -> {
				try {
					Role.fromCode(String.valueOf(role)).ifPresent((r) -> grants.put(UUID.fromString(ws), r));
				}
				catch (IllegalArgumentException ex) {
					// not a workspace id: ignore the grant
				}
			});
		}
		return grants;
	}

	/** The requested workspace must be granted; without one, the only granted workspace is selected. */
	private static GatewayCaller selectWorkspace(GatewayCaller caller, ServerHttpRequest request) {
		String header = request.getHeaders().getFirst(TokenClaims.WORKSPACE_HEADER);
		List<String> params = request.getQueryParams().get("workspace_id");
		String param = (params != null && !params.isEmpty()) ? params.get(0) : null;
		if (header != null && param != null && !header.equals(param)) {
			throw ApiException.validation("workspace_id", "must match the X-Workspace-ID header");
		}
		String requested = (header != null) ? header : param;
		UUID selected;
		if (requested == null) {
			selected = (caller.grants().size() == 1) ? caller.grants().keySet().iterator().next() : null;
		}
		else {
			try {
				selected = UUID.fromString(requested);
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.validation((header != null) ? "X-Workspace-ID" : "workspace_id",
						"must be a workspace UUID");
			}
			if (!caller.grants().containsKey(selected)) {
				throw new ApiException(ErrorCode.WORKSPACE_ACCESS_DENIED, "Your token does not grant this workspace",
						Map.of("workspace_id", selected.toString()));
			}
		}
		return new GatewayCaller(caller.subject(), caller.token(), caller.agent(), caller.apiKeyId(), caller.grants(),
				selected);
	}

	private Mono<Void> rateLimit(ServerWebExchange exchange, GatewayCaller caller) {
		if (!this.rateLimitEnabled) {
			return Mono.empty();
		}
		String workspaceBucket = (caller.workspaceId() != null) ? "ws:" + caller.workspaceId()
				: "sub:" + caller.subject();
		return this.limits.of(caller.workspaceId()).flatMap((limits) -> {
			RateLimiter.Draw workspace = new RateLimiter.Draw(workspaceBucket, limits.workspace());
			return this.rateLimiter.consume((caller.apiKeyId() == null) ? List.of(workspace)
					: List.of(new RateLimiter.Draw("key:" + caller.apiKeyId(), limits.apiKey()), workspace));
		}).flatMap((decision) -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set(LIMIT_HEADER, Long.toString(decision.limit()));
			headers.set(REMAINING_HEADER, Long.toString(Math.max(0, decision.remaining())));
			if (!decision.allowed()) {
				return Mono.error(ApiException.rateLimited("Rate limit exceeded; slow down",
						Math.max(1, decision.retryAfterSeconds())));
			}
			return Mono.empty();
		});
	}

}
