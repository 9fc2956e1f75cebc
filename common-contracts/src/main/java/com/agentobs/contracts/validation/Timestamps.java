package com.agentobs.contracts.validation;

import java.time.Instant;

import com.agentobs.contracts.error.ApiException;

/**
 * The window of timestamps a client may send in a body: from 2000-01-01 to 2100-01-01
 * (UTC, end exclusive). Outside it a value is a mistake (year 1, a seconds/milliseconds
 * mix-up) that would be stored and then distort every range query.
 */
public final class Timestamps {

	public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	public static final Instant LATEST_EXCLUSIVE = Instant.parse("2100-01-01T00:00:00Z");

	private Timestamps() {
	}

	/** {@code value} when inside the window; else a 400 naming {@code field}. */
	public static Instant requireInWindow(String field, Instant value) {
		if (value != null && (value.isBefore(EARLIEST) || !value.isBefore(LATEST_EXCLUSIVE))) {
			throw ApiException.validation(field, "must be between 2000-01-01 and 2100-01-01 (UTC)");
		}
		return value;
	}

}
