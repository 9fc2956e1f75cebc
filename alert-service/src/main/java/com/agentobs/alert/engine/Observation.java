package com.agentobs.alert.engine;

/**
 * What one evaluation saw for one group of a rule: the value, the threshold it was compared with,
 * whether the firing condition holds ({@code breached}) and whether the resolve condition holds
 * ({@code cleared}; between the two is the hysteresis band, where nothing changes).
 */
record Observation(Scope scope, Double value, Double threshold, String severity, boolean breached, boolean cleared,
		String summary) {

	static Observation clear(Scope scope, Double value, Double threshold, String severity) {
		return new Observation(scope, value, threshold, severity, false, true, null);
	}

}
