package com.agentobs.evaluation.experiments;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code agentobs.experiments.*}: how often results are computed, how often the canary controller
 * looks for due canaries, and the lease one controller instance holds on a canary while it checks it.
 */
@ConfigurationProperties(prefix = "agentobs.experiments")
public record ExperimentProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("5m") Duration resultsInterval, @DefaultValue("20s") Duration firstResultsDelay,
		@DefaultValue("10s") Duration canaryTick,
		@DefaultValue("1m") Duration canaryLease) {
}
