package com.agentobs.contracts.action;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The notification every finished action publishes on the Redis stream {@value #STREAM}
 * (consumed by alerts and automations), one flat string field per component.
 */
public record ActionEvent(String event, UUID actionId, UUID workspaceId, String actionType, String actionScope,
		String status, String targetType, String targetId, String actorSubject, Instant occurredAt) {

	public static final String STREAM = "actions:events";

	public static final String COMPLETED = "action.completed";

	public static final String FAILED = "action.failed";

	static ActionEvent of(UUID workspaceId, ActionRecord record) {
		String event = ActionStatus.FAILED.code().equals(record.status()) ? FAILED : COMPLETED;
		return new ActionEvent(event, record.actionId(), workspaceId, record.actionType(), record.actionScope(),
				record.status(), record.targetType(), record.targetId(), record.actorSubject(), Instant.now());
	}

	public Map<String, String> toFields() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("event", this.event);
		fields.put("action_id", this.actionId.toString());
		fields.put("workspace_id", this.workspaceId.toString());
		fields.put("action_type", this.actionType);
		fields.put("action_scope", this.actionScope);
		fields.put("status", this.status);
		fields.put("target_type", (this.targetType != null) ? this.targetType : "");
		fields.put("target_id", (this.targetId != null) ? this.targetId : "");
		fields.put("actor_subject", (this.actorSubject != null) ? this.actorSubject : "");
		fields.put("occurred_at", this.occurredAt.toString());
		return fields;
	}

	public static ActionEvent fromFields(Map<String, String> fields) {
		return new ActionEvent(fields.get("event"), UUID.fromString(fields.get("action_id")),
				UUID.fromString(fields.get("workspace_id")), fields.get("action_type"), fields.get("action_scope"),
				fields.get("status"), emptyToNull(fields.get("target_type")), emptyToNull(fields.get("target_id")),
				emptyToNull(fields.get("actor_subject")), Instant.parse(fields.get("occurred_at")));
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
