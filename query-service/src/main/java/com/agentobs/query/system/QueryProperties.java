package com.agentobs.query.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The query service's settings ({@code agentobs.query}).
 *
 * @param cache cache-aside in Redis
 * @param reads how reads pick their tables
 */
@ConfigurationProperties("agentobs.query")
public record QueryProperties(Cache cache, Reads reads) {

	public QueryProperties {
		cache = (cache != null) ? cache : new Cache(true);
		reads = (reads != null) ? reads : new Reads(Duration.ofHours(24));
	}

	/** @param enabled when false every read goes to PostgreSQL (benchmarks of the cold path) */
	public record Cache(boolean enabled) {
	}

	/** @param rawMaxWindow series with sub-hour buckets read raw traces for windows up to this length */
	public record Reads(Duration rawMaxWindow) {
	}

}
