package com.agentobs.contracts.action;

import javax.sql.DataSource;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.ObjectMapper;

/**
 * Provides {@link ActionRunner} and {@link ActionTrail} to every service with a database
 * and Redis; the {@link ActionHandler} beans of the service are registered with the runner.
 */
@AutoConfiguration(afterName = { "com.agentobs.contracts.tenancy.TenancyAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass({ JdbcClient.class, StringRedisTemplate.class })
@ConditionalOnBean({ WorkspaceTransactions.class, StringRedisTemplate.class, DataSource.class })
public class ActionAutoConfiguration {

	/** Approximate cap of the {@code actions:events} stream (XADD MAXLEN ~). */
	static final long STREAM_MAX_LENGTH = 100_000;

	@Bean
	@ConditionalOnMissingBean
	ActionRunner actionRunner(WorkspaceTransactions transactions, DataSource dataSource, StringRedisTemplate redis,
			ObjectMapper mapper, ObjectProvider<ActionHandler<?, ?>> handlers) {
		ActionAuditLog audit = new ActionAuditLog(JdbcClient.create(dataSource), mapper);
		return new ActionRunner(transactions, audit, new RedisActionEvents(redis, STREAM_MAX_LENGTH), mapper,
				handlers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ActionTrail actionTrail(WorkspaceTransactions transactions, DataSource dataSource, ObjectMapper mapper) {
		return new ActionTrail(transactions, new ActionAuditLog(JdbcClient.create(dataSource), mapper));
	}

}
