package com.agentobs.guardrail.configuration;

import com.agentobs.contracts.lease.DatabaseLease;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code configuration_leases}: one scheduled pass of a kind at a time across guardrail instances. */
@Repository
public class ConfigurationLease extends DatabaseLease {

	ConfigurationLease(JdbcClient jdbc) {
		super(jdbc, "configuration_leases");
	}

}
