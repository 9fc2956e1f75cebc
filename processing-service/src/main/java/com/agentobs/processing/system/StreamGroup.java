package com.agentobs.processing.system;

import java.time.Duration;

import com.agentobs.contracts.stream.ConsumerGroups;

import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The housekeeping every consumer group of processing needs on its Redis stream: creating the group
 * (and the stream) if missing, and trimming what the group has acknowledged.
 */
public final class StreamGroup {

	private final StringRedisTemplate redis;

	private final String stream;

	private final String group;

	public StreamGroup(StringRedisTemplate redis, String stream, String group) {
		this.redis = redis;
		this.stream = stream;
		this.group = group;
	}

	/** Creates the group reading from the stream's start (and the stream), unless it exists. */
	public void ensureExists() {
		ConsumerGroups.ensure(this.redis, this.stream, this.group, ConsumerGroups.FROM_START);
	}

	/**
	 * XTRIM MINID below the oldest entry not yet acknowledged (the oldest pending entry, or the
	 * group's last delivered entry when nothing is pending): only acknowledged entries go.
	 */
	public void trimAcknowledged() {
		PendingMessagesSummary summary = this.redis.opsForStream().pending(this.stream, this.group);
		String minId;
		if (summary != null && summary.getTotalPendingMessages() > 0) {
			minId = summary.minMessageId();
		}
		else {
			minId = this.redis.opsForStream()
				.groups(this.stream)
				.stream()
				.filter((g) -> g.groupName().equals(this.group))
				.map(StreamInfo.XInfoGroup::lastDeliveredId)
				.findFirst()
				.orElse(null);
		}
		if (minId == null || minId.equals("0-0")) {
			return;
		}
		this.redis.execute((RedisCallback<Object>) (connection) -> connection.execute("XTRIM", this.stream.getBytes(),
				"MINID".getBytes(), minId.getBytes()));
	}

	/** Whether a failure says the group (or its stream) is gone, so it must be created again. */
	public static boolean isMissingGroup(RuntimeException failure) {
		return String.valueOf(failure.getMessage()).contains("NOGROUP");
	}

	/** Sleeps, keeping the thread's interrupt flag. */
	public static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
