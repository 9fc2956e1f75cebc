package com.agentobs.guardrail.safety.policy;

import java.util.Locale;

/** What a policy does with a finding, ordered from least to most strict. */
public enum EnforcementMode {

	MONITOR, REDACT, BLOCK;

	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static EnforcementMode fromWire(String wire) {
		return (wire == null) ? null : switch (wire) {
			case "monitor" -> MONITOR;
			case "redact" -> REDACT;
			case "block" -> BLOCK;
			default -> null;
		};
	}

}
