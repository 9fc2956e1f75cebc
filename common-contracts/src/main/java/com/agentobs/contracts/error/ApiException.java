package com.agentobs.contracts.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one exception type a service throws for an answer that is not a success. Carries
 * the stable {@link ErrorCode} (and so the HTTP status), a message for users, and the
 * envelope's {@code details}. Mapped to the error envelope by the shared handler.
 */
public class ApiException extends RuntimeException {

	private final ErrorCode code;

	private final Map<String, Object> details;

	private final Long retryAfterSeconds;

	public ApiException(ErrorCode code, String message, Map<String, Object> details) {
		this(code, message, details, null);
	}

	public ApiException(ErrorCode code, String message, Map<String, Object> details, Long retryAfterSeconds) {
		super(message);
		this.code = code;
		this.details = (details != null) ? Map.copyOf(withoutNulls(details)) : Map.of();
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public ErrorCode code() {
		return this.code;
	}

	public Map<String, Object> details() {
		return this.details;
	}

	public Long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	/** 400 naming the offending field: {@code details = {field, reason}}. */
	public static ApiException validation(String field, String reason) {
		return new ApiException(ErrorCode.VALIDATION_ERROR, "Invalid value for '" + field + "': " + reason,
				detailsOf("field", field, "reason", reason));
	}

	/** 400 naming the offending field and the values it accepts. */
	public static ApiException validation(String field, String reason, List<String> allowed) {
		return new ApiException(ErrorCode.VALIDATION_ERROR, "Invalid value for '" + field + "': " + reason,
				detailsOf("field", field, "reason", reason, "allowed", List.copyOf(allowed)));
	}

	public static ApiException notFound(String resource, String id) {
		return new ApiException(ErrorCode.RESOURCE_NOT_FOUND, resource + " '" + id + "' was not found",
				detailsOf("resource", resource, "id", id));
	}

	public static ApiException conflict(String message) {
		return new ApiException(ErrorCode.CONFLICT, message, Map.of());
	}

	public static ApiException rateLimited(String message, long retryAfterSeconds) {
		return new ApiException(ErrorCode.RATE_LIMITED, message, detailsOf("retry_after_seconds", retryAfterSeconds),
				retryAfterSeconds);
	}

	public static ApiException payloadTooLarge(String message, long limitBytes) {
		return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, message, detailsOf("limit_bytes", limitBytes));
	}

	public static ApiException unsupportedMediaType(String contentType, List<String> supported) {
		return new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
				"Content type '" + contentType + "' is not supported", detailsOf("supported", List.copyOf(supported)));
	}

	public static ApiException forbidden(String message) {
		return new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS, message, Map.of());
	}

	public static ApiException unauthenticated(String message) {
		return new ApiException(ErrorCode.UNAUTHENTICATED, message, Map.of());
	}

	public static ApiException unavailable(String message, long retryAfterSeconds) {
		return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, message,
				detailsOf("retry_after_seconds", retryAfterSeconds), retryAfterSeconds);
	}

	private static Map<String, Object> detailsOf(Object... keyValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put((String) keyValues[i], keyValues[i + 1]);
		}
		return map;
	}

	private static Map<String, Object> withoutNulls(Map<String, Object> details) {
		Map<String, Object> copy = new LinkedHashMap<>();
		details.forEach((k, v) -> {
			if (k != null && v != null) {
				copy.put(k, v);
			}
		});
		return copy;
	}

}
