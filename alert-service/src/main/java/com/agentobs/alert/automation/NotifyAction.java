package com.agentobs.alert.automation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.agentobs.alert.notify.ChannelStore;
import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * {@value #TYPE}: queues a message to a notification channel (delivered by the notification relay,
 * with its retries); a message cannot be unsent, so it has no rollback.
 */
@Component
class NotifyAction implements ActionHandler<NotifyAction.Params, Void> {

	static final String TYPE = "notification.send";

	record Params(UUID channelId, String message) {
	}

	private final ChannelStore channels;

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	NotifyAction(ChannelStore channels, JdbcClient jdbc, ObjectMapper mapper) {
		this.channels = channels;
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<Params> paramsType() {
		return Params.class;
	}

	@Override
	public Class<Void> inverseType() {
		return Void.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, Params params) {
		if (params.channelId() == null) {
			throw ApiException.validation("channel_id", "is required");
		}
		if (params.message() == null || params.message().isBlank() || params.message().length() > 2000) {
			throw ApiException.validation("message", "must be 1 to 2000 characters");
		}
		if (this.channels.delivery(context.workspaceId(), params.channelId()).isEmpty()) {
			throw ApiException.notFound("channel", params.channelId().toString());
		}
		return new ActionTarget(ActionScope.FLEET, "notification_channel", params.channelId().toString());
	}

	@Override
	public ActionOutcome<Void> execute(ActionContext context, Params params) {
		String key = "action:" + context.actionId();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", "playbook.notification");
		payload.put("workspace_id", context.workspaceId().toString());
		payload.put("text", params.message());
		payload.put("sent_by", context.actorSubject());
		payload.put("dedup_key", key);
		this.jdbc.sql("""
				INSERT INTO alert_notifications (workspace_id, alert_id, channel_id, state, dedup_key, payload)
				VALUES (:ws, NULL, :channel, 'firing', :key, CAST(:payload AS jsonb))
				ON CONFLICT (workspace_id, dedup_key) DO NOTHING
				""")
			.param("ws", context.workspaceId())
			.param("channel", params.channelId())
			.param("key", key)
			.param("payload", this.mapper.writeValueAsString(payload))
			.update();
		return ActionOutcome.irreversible(Map.of("channel_id", params.channelId().toString(), "queued", true));
	}

	@Override
	public Object revert(ActionContext context, Void inverse) {
		throw new UnsupportedOperationException("A sent notification cannot be unsent");
	}

}
