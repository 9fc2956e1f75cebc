package com.agentobs.gateway.system;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/** Request id and W3C trace context of the request being handled (exchange attributes). */
public final class RequestContext {

	public static final String REQUEST_ID_HEADER = "X-Request-ID";

	public static final String TRACEPARENT_HEADER = "traceparent";

	static final String REQUEST_ID_ATTRIBUTE = RequestContext.class.getName() + ".requestId";

	private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

	private RequestContext() {
	}

	public static String requestId(ServerWebExchange exchange) {
		Object id = exchange.getAttribute(REQUEST_ID_ATTRIBUTE);
		return (id != null) ? id.toString() : null;
	}

	/**
	 * The caller's id when well-formed (as the services accept it), else a fresh {@code req_…} id
	 * of 20 hex digits. A request id correlates log lines and is no secret, so it is drawn from
	 * {@link ThreadLocalRandom}, not from {@code SecureRandom} ({@code UUID.randomUUID()}) on
	 * every request.
	 */
	static String acceptOrGenerate(String candidate) {
		if (candidate != null && ACCEPTED_ID.matcher(candidate).matches()) {
			return candidate;
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[24];
		id[0] = 'r';
		id[1] = 'e';
		id[2] = 'q';
		id[3] = '_';
		hex(random.nextLong(), id, 4, 16);
		hex(random.nextLong(), id, 20, 4);
		return new String(id);
	}

	static boolean validTraceparent(String value) {
		return value != null && TRACEPARENT.matcher(value).matches() && !value.startsWith("ff");
	}

	/** A new sampled root context: {@code 00-<trace id>-<span id>-01}. */
	static String newTraceparent() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] value = new char[55];
		value[0] = '0';
		value[1] = '0';
		value[2] = '-';
		hex(random.nextLong(), value, 3, 16);
		hex(random.nextLong(), value, 19, 16);
		value[35] = '-';
		hex(random.nextLong() | 1L, value, 36, 16);
		value[52] = '-';
		value[53] = '0';
		value[54] = '1';
		return new String(value);
	}

	/** Writes the low {@code digits} hex digits of {@code value} (lower case, zero-padded) at {@code offset}. */
	private static void hex(long value, char[] into, int offset, int digits) {
		for (int i = digits - 1; i >= 0; i--) {
			into[offset + i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

}
