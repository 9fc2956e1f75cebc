package com.agentobs.contracts.filter;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code range} parameter's presets. */
public enum TimeRange {

	LAST_1H("1h", Duration.ofHours(1)), LAST_24H("24h", Duration.ofHours(24)), LAST_7D("7d", Duration.ofDays(7)),
	LAST_30D("30d", Duration.ofDays(30)), LAST_90D("90d", Duration.ofDays(90)), CUSTOM("custom", null);

	public static final List<String> CODES = Arrays.stream(values()).map(TimeRange::code).toList();

	private final String code;

	private final Duration duration;

	TimeRange(String code, Duration duration) {
		this.code = code;
		this.duration = duration;
	}

	public String code() {
		return this.code;
	}

	/** The preset's length; {@code null} for {@link #CUSTOM}. */
	public Duration duration() {
		return this.duration;
	}

	public static Optional<TimeRange> fromCode(String code) {
		return Arrays.stream(values()).filter((r) -> r.code.equals(code)).findFirst();
	}

}
