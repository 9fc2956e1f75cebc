package com.agentobs.query.system;

import com.agentobs.query.fleetdata.Sources;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfig {

	@Bean
	Sources sources(QueryProperties properties) {
		return new Sources(properties.reads().rawMaxWindow());
	}

}
