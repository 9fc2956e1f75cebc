package com.agentobs.guardrail.safety.detect;

import java.util.Objects;

/**
 * One match: its type, the detector's sub-kind ({@code entity}, e.g. {@code aws_access_key} or a
 * custom pattern's name), the span {@code [start, end)} in the original text, and a score in [0, 1].
 */
public record Finding(FindingType type, String entity, int start, int end, double score) {

	public Finding {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(entity, "entity");
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
		}
	}

	static Finding of(FindingType type, int start, int end, double score) {
		return new Finding(type, type.wire(), start, end, score);
	}

	boolean overlaps(Finding other) {
		return this.start < other.end && other.start < this.end;
	}

}
