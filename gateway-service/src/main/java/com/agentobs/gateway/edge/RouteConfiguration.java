package com.agentobs.gateway.edge;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import com.agentobs.gateway.system.GatewayProperties;

import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Path → service. Specific routes come first (lower order wins): trace writes before trace
 * reads, an agent's configuration and actions before the agent reads, the SLO compliance
 * dashboard before the alert service's SLO paths; the dead-letter API is processing-service's.
 * The gateway's own endpoints ({@code /api/v1/auth}, {@code /api/v1/api-keys},
 * {@code /api/v1/workspaces}, {@code /api/v1/invitations}) are controllers and never routed.
 * Only idempotent calls are retried, and only when the service could not be reached or
 * answered 502/503.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	@Bean
	RouteLocator agentobsRoutes(RouteLocatorBuilder builder, GatewayProperties properties) {
		GatewayProperties.Services services = properties.services();
		GatewayProperties.Http http = properties.http();
		Routes routes = new Routes(builder.routes(), http);
		routes.add("ingestion-traces", services.ingestion(), new HttpMethod[] { HttpMethod.POST }, "/api/v1/traces/**");
		routes.add("ingestion-otlp", services.ingestion(), null, "/v1/traces/**");
		// list and re-drive dead-lettered ingest entries; processing-service requires the operator role
		routes.add("processing-dead-letters", services.processing(), null, "/api/v1/ingest/dead-letters/**");
		routes.add("guardrail-agent-config", services.guardrail(), null, "/api/v1/agents/*/config/**");
		routes.add("evaluation-agent-canary", services.evaluation(), null, "/api/v1/agents/*/canary/**");
		routes.add("guardrail-agent-actions", services.guardrail(),
				new HttpMethod[] { HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE },
				"/api/v1/agents/**");
		// workspace prices, cost recomputes and their undo: processing-service (the write path's prices)
		routes.add("processing-cost-prices", services.processing(), null, "/api/v1/cost/prices/**",
				"/api/v1/cost/recomputes/**", "/api/v1/cost/actions/**");
		routes.add("query-slo-compliance", services.query(), null, "/api/v1/slo/compliance-dashboard/**");
		routes.add("query", services.query(), null, "/api/v1/traces/**", "/api/v1/metrics/**", "/api/v1/fleet/**",
				"/api/v1/usage/**", "/api/v1/cost/**", "/api/v1/performance/**", "/api/v1/agents/**",
				"/api/v1/departments/**", "/api/v1/environments/**", "/api/v1/versions/**", "/api/v1/business/**",
				"/api/v1/goals/**", "/api/v1/activity/**");
		routes.add("evaluation", services.evaluation(), null, "/api/v1/quality/**", "/api/v1/rubrics/**",
				"/api/v1/evaluations/**", "/api/v1/experiments/**");
		routes.add("guardrail", services.guardrail(), null, "/api/v1/actions/**", "/api/v1/safety/**",
				"/api/v1/guardrails/**", "/api/v1/config/**", "/api/v1/policies/**", "/api/v1/approvals/**",
				"/api/v1/rbac/**");
		routes.add("alert", services.alert(), null, "/api/v1/alerts/**", "/api/v1/alert-rules/**",
				"/api/v1/incidents/**", "/api/v1/slo/**", "/api/v1/postmortems/**", "/api/v1/playbooks/**",
				"/api/v1/automations/**");
		routes.add("gemini", services.gemini(), null, "/api/v1/insights/**");
		return routes.build();
	}

	/** Adds routes in order, each with the idempotent-only retry policy. */
	private static final class Routes {

		private final RouteLocatorBuilder.Builder builder;

		private final GatewayProperties.Http http;

		private int order;

		Routes(RouteLocatorBuilder.Builder builder, GatewayProperties.Http http) {
			this.builder = builder;
			this.http = http;
		}

		void add(String id, URI target, HttpMethod[] methods, String... paths) {
			int routeOrder = this.order++;
			this.builder.route(id, (r) -> {
				var ordered = r.order(routeOrder);
				var predicate = (methods != null) ? ordered.method(methods).and().path(paths) : ordered.path(paths);
				return predicate.filters((f) -> f.retry(this::retryIdempotentOnly)).uri(target);
			});
		}

		private void retryIdempotentOnly(RetryConfig retry) {
			Duration first = this.http.retryFirstBackoff();
			retry.setRetries(this.http.retries());
			retry.setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
			retry.setSeries();
			retry.setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE);
			retry.setExceptions(IOException.class);
			retry.setBackoff(first, first.multipliedBy(8), 2, true);
		}

		RouteLocator build() {
			return this.builder.build();
		}

	}

}
