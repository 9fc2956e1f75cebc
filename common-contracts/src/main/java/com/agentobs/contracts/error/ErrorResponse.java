package com.agentobs.contracts.error;

import java.time.Instant;
import java.util.Map;

/** The error envelope: {@code {"error": {code, message, details, timestamp, request_id}}}. */
public record ErrorResponse(Body error) {

	public record Body(String code, String message, Map<String, Object> details, Instant timestamp,
			String requestId) {

		public Body {
			details = (details != null) ? Map.copyOf(details) : Map.of();
		}

	}

	public static ErrorResponse of(ErrorCode code, String message, Map<String, Object> details, String requestId) {
		return new ErrorResponse(new Body(code.name(), message, details, Instant.now(), requestId));
	}

}
