package com.agentobs.contracts.action;

import com.agentobs.contracts.cache.DataVersion;

import java.util.Map;
import java.util.UUID;

import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Notify and invalidate: {@code XADD actions:events} and, for a completed action,
 * {@code INCR data_version:{ws}}. Throws when Redis fails; {@link ActionRelay} keeps the
 * outbox row and retries.
 */
class RedisActionEvents {

	private final StringRedisTemplate redis;

	private final long streamMaxLength;

	RedisActionEvents(StringRedisTemplate redis, long streamMaxLength) {
		this.redis = redis;
		this.streamMaxLength = streamMaxLength;
	}

	void publish(UUID workspaceId, Map<String, String> fields, boolean bumpDataVersion) {
		this.redis.opsForStream()
			.add(ActionEvent.STREAM, fields, XAddOptions.maxlen(this.streamMaxLength).approximateTrimming(true));
		if (bumpDataVersion) {
			this.redis.opsForValue().increment(DataVersion.key(workspaceId));
		}
	}

}
