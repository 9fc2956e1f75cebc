package com.agentobs.contracts.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets agents call a service directly with {@code X-API-Key} (ingestion, the agent
 * configuration read) when the service enables {@code agentobs.security.accept-api-keys}.
 * The key is looked up by its hash through the SECURITY DEFINER function of V005 and
 * becomes the same agent identity the gateway would mint for it (typ agent, one
 * workspace, the key's scopes as permissions plus {@code config:read}, which every agent
 * needs), so {@link CallerInterceptor} treats both alike.
 * Lookups are cached for a few seconds: a revoked key stops working within that time.
 * A request that also carries a bearer token is left to the token.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private static final String FIND_KEY = """
			SELECT api_key_id, workspace_id, scopes, revoked_at FROM agentobs_find_api_key(?)
			""";

	private final JdbcClient jdbc;

	private final AuthenticationEntryPoint entryPoint;

	private final Duration cacheTtl;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	ApiKeyAuthenticationFilter(JdbcClient jdbc, AuthenticationEntryPoint entryPoint, Duration cacheTtl, Clock clock) {
		this.jdbc = jdbc;
		this.entryPoint = entryPoint;
		this.cacheTtl = cacheTtl;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(TokenClaims.API_KEY_HEADER);
		String authorization = request.getHeader("Authorization");
		if (key == null || key.isBlank() || (authorization != null && !authorization.isBlank())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<KeyGrant> grant = lookup(key.strip());
		if (grant.isEmpty()) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response,
					new org.springframework.security.authentication.BadCredentialsException("Invalid API key"));
			return;
		}
		Instant now = this.clock.instant();
		Jwt jwt = Jwt.withTokenValue("api-key")
			.header("alg", "none")
			.issuer(TokenClaims.ISSUER)
			.subject("apikey:" + grant.get().apiKeyId())
			.issuedAt(now)
			.expiresAt(now.plus(this.cacheTtl))
			.claim(TokenClaims.TYPE, TokenClaims.TYPE_AGENT)
			.claim(TokenClaims.WORKSPACES, Map.of(grant.get().workspaceId().toString(), Role.VIEWER.code()))
			.claim(TokenClaims.PERMISSIONS, grant.get().permissions())
			.build();
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of()));
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private Optional<KeyGrant> lookup(String key) {
		String hash = ApiKeys.sha256Hex(key);
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(hash);
		if (cached != null && cached.expiresAt().isAfter(now)) {
			return cached.grant();
		}
		Optional<KeyGrant> grant = this.jdbc.sql(FIND_KEY)
			.param(hash)
			.query((rs, row) -> new KeyRow(rs.getObject("api_key_id", UUID.class),
					rs.getObject("workspace_id", UUID.class), permissions(rs.getArray("scopes")),
					rs.getTimestamp("revoked_at") != null))
			.optional()
			.filter((found) -> !found.revoked())
			.map((found) -> new KeyGrant(found.apiKeyId(), found.workspaceId(), found.permissions()));
		if (this.cache.size() > 10_000) {
			this.cache.clear();
		}
		this.cache.put(hash, new Cached(grant, now.plus(this.cacheTtl)));
		return grant;
	}

	private static List<String> permissions(java.sql.Array scopes) throws java.sql.SQLException {
		java.util.Set<String> permissions = new java.util.LinkedHashSet<>();
		if (scopes != null) {
			permissions.addAll(List.of((String[]) scopes.getArray()));
		}
		permissions.add(TokenClaims.PERMISSION_CONFIG_READ);
		return List.copyOf(permissions);
	}

	private record KeyRow(UUID apiKeyId, UUID workspaceId, List<String> permissions, boolean revoked) {
	}

	private record KeyGrant(UUID apiKeyId, UUID workspaceId, List<String> permissions) {
	}

	private record Cached(Optional<KeyGrant> grant, Instant expiresAt) {
	}

}
