package com.agentobs.contracts.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets agents call a service directly with {@code X-API-Key} (ingestion, the agent
 * configuration read) when the service enables {@code agentobs.security.accept-api-keys}.
 * The key is looked up by {@link ApiKeyLookup} and becomes the same agent identity the
 * gateway would mint for it (typ agent, one workspace, the key's scopes as permissions plus
 * {@code config:read}, which every agent needs), so {@link CallerInterceptor} treats both alike.
 * A request that also carries a bearer token is left to the token.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private final ApiKeyLookup keys;

	private final AuthenticationEntryPoint entryPoint;

	private final Clock clock;

	ApiKeyAuthenticationFilter(ApiKeyLookup keys, AuthenticationEntryPoint entryPoint, Clock clock) {
		this.keys = keys;
		this.entryPoint = entryPoint;
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
		Optional<ApiKeyLookup.Grant> grant = this.keys.find(key.strip());
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
			.expiresAt(now.plus(this.keys.cacheTtl()))
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

}
