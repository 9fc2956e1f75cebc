package com.agentobs.guardrail.configuration;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code agentobs.configuration.*}: drift, compliance and approvals.
 *
 * @param checksEnabled run the scheduled drift, compliance and expiry passes (AGENTOBS_CONFIG_CHECKS_ENABLED, true)
 * @param driftInterval how often drift is checked (AGENTOBS_CONFIG_DRIFT_INTERVAL, 5m)
 * @param complianceInterval how often policy compliance is recomputed (AGENTOBS_CONFIG_COMPLIANCE_INTERVAL, 30s:
 * a policy change shows within 60 s)
 * @param toleratedMismatches heartbeats reporting another hash before the agent counts as drifted (2)
 * @param ownedPaths configuration paths other actions own (rate limits, autoscaling): never drift between
 * an agent's row and its version, never overwritten by a reconcile
 * @param approvalExpiry how long a pending approval stays open (AGENTOBS_CONFIG_APPROVAL_EXPIRY, 72h)
 * @param traceLookback how far back traces' metadata.config_hash counts as an observation (15m)
 */
@ConfigurationProperties("agentobs.configuration")
public record GovernanceProperties(Boolean checksEnabled, Duration driftInterval, Duration complianceInterval,
		Integer toleratedMismatches, List<String> ownedPaths, Duration approvalExpiry, Duration traceLookback) {

	public GovernanceProperties {
		checksEnabled = (checksEnabled != null) ? checksEnabled : true;
		driftInterval = (driftInterval != null) ? driftInterval : Duration.ofMinutes(5);
		complianceInterval = (complianceInterval != null) ? complianceInterval : Duration.ofSeconds(30);
		toleratedMismatches = (toleratedMismatches != null) ? toleratedMismatches : 2;
		ownedPaths = (ownedPaths != null) ? List.copyOf(ownedPaths) : List.of("/rate_limit_rpm");
		approvalExpiry = (approvalExpiry != null) ? approvalExpiry : Duration.ofHours(72);
		traceLookback = (traceLookback != null) ? traceLookback : Duration.ofMinutes(15);
	}

}
