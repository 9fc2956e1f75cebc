package com.agentobs.contracts.action;

import javax.sql.DataSource;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.ObjectMapper;

/**
 * Provides {@link ActionRunner} and {@link ActionTrail} to every service with a database
 * and Redis; the {@link ActionHandler} beans of the service are registered with the runner.
 * {@link ActionRelay} publishes the action outbox and fails stuck actions in the background.
 */
@AutoConfiguration(afterName = { "com.agentobs.contracts.tenancy.TenancyAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass({ JdbcClient.class, StringRedisTemplate.class })
@ConditionalOnBean({ WorkspaceTransactions.class, StringRedisTemplate.class, DataSource.class })
@EnableConfigurationProperties(ActionProperties.class)
public class ActionAutoConfiguration {

	/** Approximate cap of the {@code actions:events} stream (XADD MAXLEN ~). */
	static final long STREAM_MAX_LENGTH = 100_000;

	@Bean
	@ConditionalOnMissingBean
	ActionRelay actionRelay(WorkspaceTransactions transactions, DataSource dataSource, StringRedisTemplate redis,
			ObjectMapper mapper, ActionProperties properties, ObjectProvider<ActionHandler<?, ?>> handlers) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		return new ActionRelay(transactions, new ActionAuditLog(jdbc, mapper), new ActionOutbox(jdbc, mapper),
				new RedisActionEvents(redis, STREAM_MAX_LENGTH), properties, handlers.orderedStream().findAny().isPresent());
	}

	@Bean
	@ConditionalOnMissingBean
	ActionRunner actionRunner(WorkspaceTransactions transactions, DataSource dataSource, ActionRelay relay,
			ObjectMapper mapper, ObjectProvider<ActionHandler<?, ?>> handlers) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		ActionAuditLog audit = new ActionAuditLog(jdbc, mapper);
		return new ActionRunner(transactions, audit, new ActionOutbox(jdbc, mapper), relay, mapper,
				handlers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ActionTrail actionTrail(WorkspaceTransactions transactions, DataSource dataSource, ObjectMapper mapper) {
		return new ActionTrail(transactions, new ActionAuditLog(JdbcClient.create(dataSource), mapper));
	}

}
