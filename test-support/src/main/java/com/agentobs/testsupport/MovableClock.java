package com.agentobs.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until the test moves it forward, for a service's {@code Clock}
 * bean: windows, expiries and schedules are then reached by {@link #advance(Duration)} instead of
 * by waiting. It starts at the real time, so tokens and time ranges stay realistic.
 */
public final class MovableClock extends Clock {

	private volatile Instant now;

	/** Starts at the current time. */
	public MovableClock() {
		this(Instant.now());
	}

	public MovableClock(Instant start) {
		this.now = start;
	}

	public void advance(Duration by) {
		this.now = this.now.plus(by);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
