package com.agentobs.gateway.token;

import java.time.Clock;

import com.agentobs.gateway.system.GatewayProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	SigningKeys signingKeys(GatewayProperties properties) {
		GatewayProperties.Keys keys = properties.keys();
		return SigningKeys.load(keys.privateKeyLocation(), keys.publicKeyLocation(), keys.dir());
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
