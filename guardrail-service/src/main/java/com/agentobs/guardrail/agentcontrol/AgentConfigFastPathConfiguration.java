package com.agentobs.guardrail.agentcontrol;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Registers {@link AgentConfigFastPath} right after the request-id filter (so the id is set and
 * returned) and ahead of the HTTP observation filter, the security filter chain and the
 * dispatcher; for the configuration path only, and only when
 * {@code agentobs.agent-control.config-fast-path} is on.
 */
@Configuration(proxyBeanMethods = false)
class AgentConfigFastPathConfiguration {

	@Bean
	FilterRegistrationBean<AgentConfigFastPath> agentConfigFastPath(JwtDecoder decoder, AgentConfigCache cache,
			Clock clock, MeterRegistry meters, AgentControlProperties properties) {
		FilterRegistrationBean<AgentConfigFastPath> registration = new FilterRegistrationBean<>(
				new AgentConfigFastPath(decoder, cache, clock, meters));
		// the request-id filter is HIGHEST_PRECEDENCE; Boot's observation filter is also +1 and,
		// registered by an auto-configuration, sorts after this application bean
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.addUrlPatterns("/api/v1/agents/*");
		registration.setEnabled(properties.configFastPath());
		return registration;
	}

}
