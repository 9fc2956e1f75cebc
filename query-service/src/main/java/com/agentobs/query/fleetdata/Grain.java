package com.agentobs.query.fleetdata;

/** Which table a read uses. */
public enum Grain {

	/** Raw {@code traces}, weighted by {@code sample_rate}: exact, for short windows and drill-down. */
	RAW,
	/** {@code traces_hourly} only: keeps intent and user segment, hour-granular edges. */
	HOURLY,
	/** {@code traces_daily} for whole UTC days plus {@code traces_hourly} for the partial days at the edges. */
	MIXED

}
