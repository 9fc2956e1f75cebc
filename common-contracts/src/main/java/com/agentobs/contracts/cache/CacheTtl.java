package com.agentobs.contracts.cache;

import java.time.Duration;

/** The cache TTL classes: how long each kind of answer may be served from the cache. */
public enum CacheTtl {

	/** Alerts, activity, live feeds. */
	HOT(Duration.ofSeconds(30)),
	/** Dashboard KPIs. */
	WARM(Duration.ofMinutes(5)),
	/** Historical aggregates. */
	COLD(Duration.ofMinutes(30));

	private final Duration duration;

	CacheTtl(Duration duration) {
		this.duration = duration;
	}

	public Duration duration() {
		return this.duration;
	}

}
