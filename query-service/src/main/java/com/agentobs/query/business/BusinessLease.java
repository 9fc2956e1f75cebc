package com.agentobs.query.business;

import com.agentobs.contracts.lease.DatabaseLease;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code business_leases}: one business pass at a time across query-service instances. */
@Repository
class BusinessLease extends DatabaseLease {

	BusinessLease(JdbcClient jdbc) {
		super(jdbc, "business_leases");
	}

}
