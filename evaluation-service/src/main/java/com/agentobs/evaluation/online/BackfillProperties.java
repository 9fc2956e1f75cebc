package com.agentobs.evaluation.online;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The backfill worker ({@code agentobs.evaluation.backfill}): how often it looks for work, the
 * largest page it scans at once, its lease on a run, and the rate bounds a request may ask for.
 */
@ConfigurationProperties(prefix = "agentobs.evaluation.backfill")
public record BackfillProperties(boolean enabled, Duration interval, int pageSize, Duration lease,
		int defaultRate, int maxRate, Duration maxWindow) {

	public BackfillProperties {
		interval = (interval != null) ? interval : Duration.ofSeconds(1);
		pageSize = (pageSize > 0) ? pageSize : 500;
		lease = (lease != null) ? lease : Duration.ofSeconds(30);
		defaultRate = (defaultRate > 0) ? defaultRate : 200;
		maxRate = (maxRate > 0) ? maxRate : 2000;
		maxWindow = (maxWindow != null) ? maxWindow : Duration.ofDays(31);
	}

}
