package com.agentobs.gateway.system;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for the dashboard's dev origin(s) only: the built dashboard is served by the gateway
 * itself (same origin), so production needs no cross-origin access. Runs right after the
 * edge filter so even a 401 carries the CORS headers the browser needs to read it.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

	@Bean
	OrderedCorsWebFilter corsWebFilter(GatewayProperties properties) {
		org.springframework.web.cors.CorsConfiguration cors = new org.springframework.web.cors.CorsConfiguration();
		cors.setAllowedOrigins(properties.http().corsAllowedOrigins());
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Workspace-ID", "X-Request-ID", "X-API-Key",
				"Idempotency-Key", "traceparent", "tracestate"));
		cors.setExposedHeaders(List.of("X-Request-ID", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return new OrderedCorsWebFilter(source);
	}

	static final class OrderedCorsWebFilter extends CorsWebFilter implements Ordered {

		OrderedCorsWebFilter(UrlBasedCorsConfigurationSource source) {
			super(source);
		}

		@Override
		public int getOrder() {
			return EdgeWebFilter.ORDER + 10;
		}

	}

}
