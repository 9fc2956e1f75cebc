package com.agentobs.alert.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * alert-service settings ({@code agentobs.alert}).
 *
 * @param evaluation the rule evaluator's schedule and database lease
 * @param notifications the notification outbox relay (webhooks, the {@code alerts:events} stream)
 * @param secretKey the key channel secrets are encrypted with (AES-GCM over its SHA-256)
 */
@ConfigurationProperties(prefix = "agentobs.alert")
public record AlertProperties(@DefaultValue Evaluation evaluation, @DefaultValue Notifications notifications,
		@DefaultValue("agentobs-dev-alert-secret-key") String secretKey) {

	/**
	 * @param enabled run the scheduled evaluator on this instance
	 * @param interval time between two evaluation passes
	 * @param lease how long a pass holds the evaluator lease (longer than a pass, shorter than a takeover should wait)
	 * @param instanceId this instance's name in the lease table (empty: a random id per process)
	 */
	public record Evaluation(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
			@DefaultValue("120s") Duration lease, @DefaultValue("") String instanceId) {
	}

	/**
	 * @param enabled run the notification relay on this instance
	 * @param interval how often due notifications are claimed
	 * @param timeout one webhook call's connect + response timeout
	 * @param firstBackoff the retry delay after the first failure (doubling)
	 * @param maxBackoff the largest retry delay
	 * @param maxAttempts attempts before a notification is given up (kept with its last error)
	 */
	public record Notifications(@DefaultValue("true") boolean enabled, @DefaultValue("2s") Duration interval,
			@DefaultValue("5s") Duration timeout, @DefaultValue("5s") Duration firstBackoff,
			@DefaultValue("5m") Duration maxBackoff, @DefaultValue("12") int maxAttempts) {
	}

}
