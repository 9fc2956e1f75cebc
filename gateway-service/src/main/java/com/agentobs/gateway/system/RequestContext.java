package com.agentobs.gateway.system;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/** Request id and W3C trace context of the request being handled (exchange attributes). */
public final class RequestContext {

	public static final String REQUEST_ID_HEADER = "X-Request-ID";

	public static final String TRACEPARENT_HEADER = "traceparent";

	static final String REQUEST_ID_ATTRIBUTE = RequestContext.class.getName() + ".requestId";

	private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

	private RequestContext() {
	}

	public static String requestId(ServerWebExchange exchange) {
		Object id = exchange.getAttribute(REQUEST_ID_ATTRIBUTE);
		return (id != null) ? id.toString() : null;
	}

	/** The caller's id when well-formed (as the services accept it), else a fresh {@code req_…} id. */
	static String acceptOrGenerate(String candidate) {
		if (candidate != null && ACCEPTED_ID.matcher(candidate).matches()) {
			return candidate;
		}
		return "req_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	static boolean validTraceparent(String value) {
		return value != null && TRACEPARENT.matcher(value).matches() && !value.startsWith("ff");
	}

	/** A new sampled root context: {@code 00-<trace id>-<span id>-01}. */
	static String newTraceparent() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("00-%016x%016x-%016x-01", random.nextLong(), random.nextLong(), random.nextLong() | 1L);
	}

}
