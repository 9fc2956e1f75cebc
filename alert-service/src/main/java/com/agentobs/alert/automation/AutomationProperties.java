package com.agentobs.alert.automation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The automation engine ({@code agentobs.alert.automation}).
 *
 * @param enabled run the engine's workers (executions, schedules, metric checks, the alert consumer) here
 * @param interval how often a worker looks for queued executions and due schedules
 * @param lease how long a claimed execution is this instance's (renewed before every step; a
 * dead instance's executions are taken over after it)
 * @param metricInterval how often metric-threshold playbooks are checked
 * @param instanceId this instance's name in claims (empty: random per process)
 * @param guardrailUrl base URL of guardrail-service (agent actions)
 * @param evaluationUrl base URL of evaluation-service (re-run evaluations, canary split)
 */
@ConfigurationProperties(prefix = "agentobs.alert.automation")
public record AutomationProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
		@DefaultValue("30s") Duration lease, @DefaultValue("60s") Duration metricInterval,
		@DefaultValue("") String instanceId, @DefaultValue("http://127.0.0.1:8005") String guardrailUrl,
		@DefaultValue("http://127.0.0.1:8004") String evaluationUrl) {

}
