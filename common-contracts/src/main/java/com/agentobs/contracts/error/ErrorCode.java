package com.agentobs.contracts.error;

/** The stable error codes of the error envelope and their HTTP status. */
public enum ErrorCode {

	VALIDATION_ERROR(400), UNAUTHENTICATED(401), INSUFFICIENT_PERMISSIONS(403), WORKSPACE_ACCESS_DENIED(403),
	// the requester of a change approving it (four eyes: no role may approve its own change)
	SELF_APPROVAL(403),
	RESOURCE_NOT_FOUND(404), METHOD_NOT_ALLOWED(405), NOT_ACCEPTABLE(406), CONFLICT(409), PAYLOAD_TOO_LARGE(413),
	// declaring an experiment's winner before every arm has its minimum sample, or while its split is mismatched
	EXPERIMENT_UNDERPOWERED(409), SAMPLE_RATIO_MISMATCH(409),
	URI_TOO_LONG(414), UNSUPPORTED_MEDIA_TYPE(415), ACTION_FAILED(422), RATE_LIMITED(429),
	HEADERS_TOO_LARGE(431), INTERNAL_ERROR(500), SERVICE_UNAVAILABLE(503), UPSTREAM_TIMEOUT(504);

	private final int status;

	ErrorCode(int status) {
		this.status = status;
	}

	public int status() {
		return this.status;
	}

	/** The code for an HTTP status that Spring or the container produced on its own. */
	public static ErrorCode forStatus(int status) {
		return switch (status) {
			case 400 -> VALIDATION_ERROR;
			case 401 -> UNAUTHENTICATED;
			case 403 -> INSUFFICIENT_PERMISSIONS;
			case 404 -> RESOURCE_NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 409 -> CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 414 -> URI_TOO_LONG;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 422 -> ACTION_FAILED;
			case 429 -> RATE_LIMITED;
			case 431 -> HEADERS_TOO_LARGE;
			case 503 -> SERVICE_UNAVAILABLE;
			case 504 -> UPSTREAM_TIMEOUT;
			default -> status >= 500 ? INTERNAL_ERROR : VALIDATION_ERROR;
		};
	}

}
