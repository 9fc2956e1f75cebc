package com.agentobs.contracts.action;

import com.agentobs.contracts.cache.DataVersion;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Notify and invalidate, after the commit: {@code XADD actions:events} and
 * {@code INCR data_version:{ws}}. Best effort: the audit row is the record, so a Redis
 * failure is logged and does not turn a committed action into an error.
 */
class RedisActionEvents {

	private static final Logger log = LoggerFactory.getLogger(RedisActionEvents.class);

	private final StringRedisTemplate redis;

	private final long streamMaxLength;

	RedisActionEvents(StringRedisTemplate redis, long streamMaxLength) {
		this.redis = redis;
		this.streamMaxLength = streamMaxLength;
	}

	void finished(UUID workspaceId, ActionRecord record) {
		try {
			this.redis.opsForStream()
				.add(ActionEvent.STREAM, ActionEvent.of(workspaceId, record).toFields(),
						XAddOptions.maxlen(this.streamMaxLength).approximateTrimming(true));
			if (ActionStatus.COMPLETED.code().equals(record.status())) {
				this.redis.opsForValue().increment(DataVersion.key(workspaceId));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Action {} committed but its event or cache invalidation failed [workspace_id={}]",
					record.actionId(), workspaceId, ex);
		}
	}

}
