package com.agentobs.contracts.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/** Where the request id lives: header, request attribute and log MDC key. */
public final class RequestIds {

	public static final String HEADER = "X-Request-ID";

	public static final String ATTRIBUTE = RequestIds.class.getName() + ".requestId";

	public static final String MDC_KEY = "request_id";

	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private RequestIds() {
	}

	/** The caller's id when it is well-formed, else a fresh {@code req_…} id. */
	public static String acceptOrGenerate(String candidate) {
		if (candidate != null && ACCEPTED.matcher(candidate).matches()) {
			return candidate;
		}
		return "req_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	public static String current(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return (id != null) ? id.toString() : null;
	}

}
