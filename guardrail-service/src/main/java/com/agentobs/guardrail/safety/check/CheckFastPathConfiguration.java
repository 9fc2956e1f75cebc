package com.agentobs.guardrail.safety.check;

import com.agentobs.guardrail.safety.SafetyProperties;
import com.agentobs.guardrail.system.FastPaths;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import tools.jackson.databind.ObjectMapper;

/**
 * Registers {@link CheckFastPath} where every fast path sits ({@link FastPaths#register}), for the
 * check path only, and only when {@code agentobs.safety.check-fast-path} is on.
 */
@Configuration(proxyBeanMethods = false)
class CheckFastPathConfiguration {

	@Bean
	FilterRegistrationBean<CheckFastPath> checkFastPath(JwtDecoder decoder, ObjectMapper mapper,
			InlineCheck inlineCheck, MeterRegistry meters, SafetyProperties properties) {
		return FastPaths.register(new CheckFastPath(decoder, mapper, inlineCheck, meters), CheckFastPath.PATH,
				properties.checkFastPath());
	}

}
