package com.agentobs.guardrail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionEvent;
import com.agentobs.contracts.cache.DataVersion;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/** What the actions published to Redis, for the ITs: an action's events and a workspace's data version. */
public final class ActionStream {

	private ActionStream() {
	}

	/** The events of {@code actionId} among the last 500 on the action stream, newest first. */
	public static List<ActionEvent> eventsFor(StringRedisTemplate redis, String actionId) {
		List<MapRecord<String, Object, Object>> records = redis.opsForStream()
			.reverseRange(ActionEvent.STREAM, Range.unbounded(), Limit.limit().count(500));
		List<ActionEvent> events = new ArrayList<>();
		for (MapRecord<String, Object, Object> record : records) {
			Map<String, String> fields = new HashMap<>();
			record.getValue().forEach((k, v) -> fields.put(k.toString(), v.toString()));
			if (actionId.equals(fields.get("action_id"))) {
				events.add(ActionEvent.fromFields(fields));
			}
		}
		return events;
	}

	/** The workspace's data version (0 before the first bump). */
	public static long dataVersion(StringRedisTemplate redis, UUID workspace) {
		String value = redis.opsForValue().get(DataVersion.key(workspace));
		return (value != null) ? Long.parseLong(value) : 0;
	}

}
