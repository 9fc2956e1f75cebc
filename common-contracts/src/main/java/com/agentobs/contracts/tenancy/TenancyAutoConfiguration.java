package com.agentobs.contracts.tenancy;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Provides {@link WorkspaceTransactions} and {@link DepartmentCodes} to every service with a database. */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration" })
@ConditionalOnClass({ JdbcClient.class, DataSource.class })
@ConditionalOnBean({ DataSource.class, PlatformTransactionManager.class })
public class TenancyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WorkspaceTransactions workspaceTransactions(PlatformTransactionManager transactionManager, DataSource dataSource) {
		return new WorkspaceTransactions(new TransactionTemplate(transactionManager), JdbcClient.create(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	DepartmentCodes departmentCodes(WorkspaceTransactions transactions, DataSource dataSource) {
		return new DepartmentCodes(transactions, JdbcClient.create(dataSource));
	}

}
