package com.agentobs.guardrail.agentcontrol;

import java.util.Map;
import java.util.UUID;

/**
 * The inverse of every configuration action: the prior values of exactly the keys the
 * action changed (so a rollback does not undo later, unrelated changes), and the version
 * the action created (marked {@code rolled_back}).
 */
public record ConfigRestore(String agentId, Map<String, Object> fields, UUID configVersionId) {

	public ConfigRestore {
		fields = (fields != null) ? new java.util.LinkedHashMap<>(fields) : Map.of();
	}

}
