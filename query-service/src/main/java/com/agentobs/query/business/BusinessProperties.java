package com.agentobs.query.business;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The business job's settings ({@code agentobs.business}).
 *
 * @param jobEnabled false: no goal refresh and no forecasts (tests drive the job by hand)
 * @param jobInterval time between passes (the lease lasts two intervals)
 * @param firstRunDelay delay of the first pass after start-up, so a freshly seeded workspace gets
 * forecasts within a minute
 * @param horizonDays days forecast ahead
 * @param historyDays longest history a forecast is fitted on
 */
@ConfigurationProperties("agentobs.business")
public record BusinessProperties(boolean jobEnabled, Duration jobInterval, Duration firstRunDelay, int horizonDays,
		int historyDays) {

	public BusinessProperties {
		jobInterval = (jobInterval != null) ? jobInterval : Duration.ofHours(1);
		firstRunDelay = (firstRunDelay != null) ? firstRunDelay : Duration.ofSeconds(20);
		horizonDays = (horizonDays > 0) ? horizonDays : 90;
		historyDays = (historyDays > 0) ? historyDays : 180;
	}

}
