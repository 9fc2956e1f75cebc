package com.agentobs.contracts.action;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code agentobs.actions.*}: the outbox relay and the stuck-action sweeper (docs/ACTIONS.md).
 *
 * @param relayInterval how often unsent outbox rows are looked for (AGENTOBS_ACTIONS_RELAY_INTERVAL, 1s)
 * @param relayBatch rows published per pass (100)
 * @param relayGrace a row younger than this is left to the fast path, which publishes right
 * after the action's commit (5s)
 * @param relayLease how long a claimed row is not claimed again, i.e. the first retry delay
 * after a failed publish (10s); later retries back off up to 5 minutes
 * @param stuckTimeout a {@code pending}/{@code in_progress} row not updated for this long is
 * marked {@code failed} (AGENTOBS_ACTIONS_STUCK_TIMEOUT, 5m; longer than any action runs)
 * @param sweepInterval how often stuck rows are looked for (30s)
 * @param sentRetention how long sent outbox rows are kept for inspection (1d)
 */
@ConfigurationProperties("agentobs.actions")
public record ActionProperties(Duration relayInterval, Integer relayBatch, Duration relayGrace, Duration relayLease,
		Duration stuckTimeout, Duration sweepInterval, Duration sentRetention) {

	public ActionProperties {
		relayInterval = positive(relayInterval, Duration.ofSeconds(1), "relay-interval");
		relayBatch = (relayBatch != null) ? relayBatch : 100;
		relayGrace = (relayGrace != null) ? relayGrace : Duration.ofSeconds(5);
		relayLease = positive(relayLease, Duration.ofSeconds(10), "relay-lease");
		stuckTimeout = positive(stuckTimeout, Duration.ofMinutes(5), "stuck-timeout");
		sweepInterval = positive(sweepInterval, Duration.ofSeconds(30), "sweep-interval");
		sentRetention = positive(sentRetention, Duration.ofDays(1), "sent-retention");
		if (relayBatch < 1) {
			throw new IllegalArgumentException("agentobs.actions.relay-batch must be >= 1");
		}
	}

	private static Duration positive(Duration value, Duration fallback, String name) {
		if (value == null) {
			return fallback;
		}
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("agentobs.actions." + name + " must be positive");
		}
		return value;
	}

}
