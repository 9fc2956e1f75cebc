package com.agentobs.guardrail.agentcontrol;

import java.time.Clock;

import com.agentobs.guardrail.system.FastPaths;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Registers {@link AgentConfigFastPath} where every fast path sits ({@link FastPaths#register}), for
 * the configuration path only, and only when {@code agentobs.agent-control.config-fast-path} is on.
 */
@Configuration(proxyBeanMethods = false)
class AgentConfigFastPathConfiguration {

	@Bean
	FilterRegistrationBean<AgentConfigFastPath> agentConfigFastPath(JwtDecoder decoder, AgentConfigCache cache,
			Clock clock, MeterRegistry meters, AgentControlProperties properties) {
		return FastPaths.register(new AgentConfigFastPath(decoder, cache, clock, meters), "/api/v1/agents/*",
				properties.configFastPath());
	}

}
