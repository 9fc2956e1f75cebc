package com.agentobs.processing.pricing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code agentobs.processing.recompute.*}.
 *
 * @param pageSize traces re-priced per transaction (the progress step)
 * @param poll pause of the worker when no recompute is queued
 * @param lease how long a claimed run is this instance's before another may take it over
 */
@ConfigurationProperties("agentobs.processing.recompute")
record RecomputeProperties(int pageSize, Duration poll, Duration lease) {

	RecomputeProperties {
		if (pageSize < 1) {
			throw new IllegalArgumentException("agentobs.processing.recompute.page-size must be at least 1");
		}
	}

}
