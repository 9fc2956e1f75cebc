package com.agentobs.alert.engine;

import java.time.Duration;
import java.time.Instant;

import com.agentobs.contracts.lease.DatabaseLease;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code alert_evaluation_leases}: the rule evaluator runs on one alert-service instance at a time. */
@Repository
class EvaluationLease extends DatabaseLease {

	static final String NAME = "rule-evaluator";

	EvaluationLease(JdbcClient jdbc) {
		super(jdbc, "alert_evaluation_leases");
	}

	/** Takes or renews the evaluator lease for {@code duration}; {@code false} when another holder has it. */
	boolean acquire(String holder, Instant now, Duration duration) {
		return acquire(NAME, holder, now, duration);
	}

	void release(String holder, Instant now) {
		release(NAME, holder, now);
	}

}
