package com.agentobs.contracts.stream;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The one way a service creates its consumer group on a Redis stream (every consumer of every service uses it). */
public final class ConsumerGroups {

	/** Start a new group at the stream's first entry (entries written before the first start are read too). */
	public static final String FROM_START = "0";

	/** Start a new group at the stream's end (only entries written from now on). */
	public static final String FROM_NOW = "$";

	private ConsumerGroups() {
	}

	/** {@code XGROUP CREATE stream group start MKSTREAM}, unless the group exists (BUSYGROUP is not an error). */
	public static void ensure(StringRedisTemplate redis, String stream, String group, String start) {
		try {
			redis.execute((RedisCallback<Object>) (connection) -> connection.execute("XGROUP", "CREATE".getBytes(),
					stream.getBytes(), group.getBytes(), start.getBytes(), "MKSTREAM".getBytes()));
		}
		catch (RuntimeException ex) {
			String message = ex.getMessage() + " " + ((ex.getCause() != null) ? ex.getCause().getMessage() : "");
			if (!message.contains("BUSYGROUP")) {
				throw ex;
			}
		}
	}

}
