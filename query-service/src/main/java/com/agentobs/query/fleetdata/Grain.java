package com.agentobs.query.fleetdata;

/**
 * Which tables a read uses. Rollup grains read raw traces for the partial hours at the
 * window's edges, so every grain is exact to the instant (given rollups that have caught up).
 */
public enum Grain {

	/** Raw {@code traces} only, weighted by {@code sample_rate}: sub-hour series and drill-down. */
	RAW,
	/** Hourly rollups for whole hours (+ raw edges): series of hourly buckets. */
	HOURLY,
	/**
	 * 6-hour rollups for whole 6-hour UTC blocks (agent and model levels), hourly rollups for the
	 * other whole hours, raw for the rest: series of 6-hour buckets (other levels read hourly rollups).
	 */
	SIX_HOURLY,
	/**
	 * Daily rollups for whole UTC days, 6-hour rollups for the whole blocks around them (levels
	 * that keep blocks), hourly rollups for the other whole hours, raw for the rest.
	 */
	MIXED

}
