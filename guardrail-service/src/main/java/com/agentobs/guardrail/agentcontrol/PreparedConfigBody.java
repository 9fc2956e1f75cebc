package com.agentobs.guardrail.agentcontrol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;

import tools.jackson.databind.ObjectMapper;

/**
 * The 200 body of a configuration read served from memory, serialised once by the same
 * mapper and from the same envelope as {@link AgentConfigController} writes it: only
 * {@code meta.generated_at} differs per request ({@code query_duration_ms} is 0 and
 * {@code cached} true for an in-memory read), so it is kept as the bytes before and after it.
 */
final class PreparedConfigBody {

	private static final Instant PLACEHOLDER = Instant.EPOCH;

	private static final String MARKER = "\"meta\":{\"generated_at\":\"";

	private final byte[] head;

	private final byte[] tail;

	private PreparedConfigBody(byte[] head, byte[] tail) {
		this.head = head;
		this.tail = tail;
	}

	/**
	 * The prepared body, or {@code null} when the serialised envelope does not have the
	 * expected shape (the read is then answered by the controller, never by a guess).
	 */
	static PreparedConfigBody of(ObjectMapper mapper, AgentConfigResponse config, Map<String, Object> filtersApplied) {
		String json = mapper.writeValueAsString(ApiResponse.of(config,
				new ResponseMeta(PLACEHOLDER, 0, true, null, null, null, null, null, null), filtersApplied));
		String placeholder = MARKER + PLACEHOLDER + "\"";
		int at = json.indexOf(placeholder);
		// inside a JSON string every quote is escaped, so the marker can only be the envelope's own meta
		if (at < 0 || json.indexOf(placeholder, at + 1) >= 0) {
			return null;
		}
		int valueStart = at + MARKER.length();
		int valueEnd = valueStart + PLACEHOLDER.toString().length();
		return new PreparedConfigBody(json.substring(0, valueStart).getBytes(StandardCharsets.UTF_8),
				json.substring(valueEnd).getBytes(StandardCharsets.UTF_8));
	}

	/** The body with {@code generated_at} = {@code now} (ISO-8601, as Jackson writes an {@link Instant}). */
	byte[] render(Instant now) {
		byte[] time = now.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] body = new byte[this.head.length + time.length + this.tail.length];
		System.arraycopy(this.head, 0, body, 0, this.head.length);
		System.arraycopy(time, 0, body, this.head.length, time.length);
		System.arraycopy(this.tail, 0, body, this.head.length + time.length, this.tail.length);
		return body;
	}

}
