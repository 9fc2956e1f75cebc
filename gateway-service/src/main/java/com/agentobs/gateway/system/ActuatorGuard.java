package com.agentobs.gateway.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The gateway faces clients, so of its actuator only health is public: metrics and Prometheus
 * answer only to {@code Authorization: Bearer <AGENTOBS_METRICS_TOKEN>} (401 otherwise) and,
 * without a configured token, are not served (404, as is every other actuator path).
 */
@Component
class ActuatorGuard implements WebFilter, Ordered {

	private final byte[] token;

	private final ErrorEnvelopes envelopes;

	ActuatorGuard(GatewayProperties properties, ErrorEnvelopes envelopes) {
		String configured = properties.management().metricsToken();
		this.token = (configured != null) ? configured.getBytes(StandardCharsets.UTF_8) : null;
		this.envelopes = envelopes;
	}

	@Override
	public int getOrder() {
		return EdgeWebFilter.ORDER + 5;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!path.equals("/actuator") && !path.startsWith("/actuator/")) {
			return chain.filter(exchange);
		}
		if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
			return chain.filter(exchange);
		}
		boolean metrics = path.equals("/actuator/prometheus") || path.equals("/actuator/metrics")
				|| path.startsWith("/actuator/metrics/");
		if (!metrics || this.token == null) {
			return this.envelopes.write(exchange,
					new ApiException(ErrorCode.RESOURCE_NOT_FOUND, "No such endpoint", Map.of()));
		}
		if (!presents(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
			return this.envelopes.write(exchange, ApiException.unauthenticated("The metrics token is required"));
		}
		return chain.filter(exchange);
	}

	/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
	private boolean presents(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(given, this.token);
	}

}
