package com.agentobs.gemini.llm;

/** No usable answer; {@link #reason()} is the stable code callers record as a fallback reason. */
public class GenerationException extends RuntimeException {

	/** Why a generation failed. */
	public enum Reason {

		TIMEOUT, RATE_LIMITED, UPSTREAM_ERROR, INVALID_RESPONSE;

		public String code() {
			return name().toLowerCase();
		}

	}

	private final Reason reason;

	public GenerationException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
