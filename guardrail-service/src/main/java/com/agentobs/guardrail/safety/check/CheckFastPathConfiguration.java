package com.agentobs.guardrail.safety.check;

import jakarta.servlet.DispatcherType;

import com.agentobs.guardrail.safety.SafetyProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import tools.jackson.databind.ObjectMapper;

/**
 * Registers {@link CheckFastPath} where the configuration read's fast path sits: right after the
 * request-id filter and ahead of the HTTP observation filter, the security filter chain and the
 * dispatcher; for the check path only, and only when {@code agentobs.safety.check-fast-path} is on.
 */
@Configuration(proxyBeanMethods = false)
class CheckFastPathConfiguration {

	@Bean
	FilterRegistrationBean<CheckFastPath> checkFastPath(JwtDecoder decoder, ObjectMapper mapper,
			InlineCheck inlineCheck, MeterRegistry meters, SafetyProperties properties) {
		FilterRegistrationBean<CheckFastPath> registration = new FilterRegistrationBean<>(
				new CheckFastPath(decoder, mapper, inlineCheck, meters));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.addUrlPatterns(CheckFastPath.PATH);
		registration.setEnabled(properties.checkFastPath());
		return registration;
	}

}
