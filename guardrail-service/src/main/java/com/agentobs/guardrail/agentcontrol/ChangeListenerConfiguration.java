package com.agentobs.guardrail.agentcontrol;

import java.util.List;

import javax.sql.DataSource;

import com.agentobs.guardrail.system.ChangeSubscriber;
import com.agentobs.guardrail.system.DatabaseChangeListener;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One change listener for every in-memory cache of the service (agent configurations, safety policies). */
@Configuration(proxyBeanMethods = false)
class ChangeListenerConfiguration {

	@Bean
	DatabaseChangeListener databaseChangeListener(List<ChangeSubscriber> subscribers, DataSource dataSource,
			AgentControlProperties properties) {
		return new DatabaseChangeListener(subscribers, dataSource, properties.listenerCheckInterval());
	}

}
