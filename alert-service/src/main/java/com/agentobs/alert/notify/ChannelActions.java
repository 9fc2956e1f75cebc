package com.agentobs.alert.notify;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.alert.system.SoftDelete;
import com.agentobs.alert.system.SoftDeleteAction;
import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code notification_channel.create} / {@code .update} / {@code .delete} (admin: a channel sends
 * workspace data out). An update changes the name, URL, secret or enabled flag (disable = stop sending
 * without losing the channel); its inverse is the channel's fields before, the secret still encrypted.
 * The secret is encrypted before it reaches the audit trail's inverse or the table; the request's
 * secret is replaced by a marker in the stored action parameters.
 */
@Configuration(proxyBeanMethods = false)
class ChannelActions {

	static final String CREATE = "notification_channel.create";

	static final String DELETE = "notification_channel.delete";

	static final String UPDATE = "notification_channel.update";

	static final List<String> KINDS = List.of("webhook", "slack", "email", "in_app");

	// POST /api/v1/alerts/channels
	record ChannelRequest(String name, String kind, String url, String secretCiphertext) {
	}

	record ChannelRef(UUID channelId) {
	}

	// PUT /api/v1/alerts/channels/{channel_id}: null fields stay as they are
	record ChannelUpdate(UUID channelId, String name, String url, String secretCiphertext, Boolean clearSecret,
			Boolean enabled) {
	}

	@Bean
	ActionHandler<ChannelUpdate, ChannelStore.State> updateChannelAction(ChannelStore channels) {
		return new ActionHandler<>() {
			@Override
			public String type() {
				return UPDATE;
			}

			@Override
			public Class<ChannelUpdate> paramsType() {
				return ChannelUpdate.class;
			}

			@Override
			public Class<ChannelStore.State> inverseType() {
				return ChannelStore.State.class;
			}

			@Override
			public Role requiredRole() {
				return Role.ADMIN;
			}

			@Override
			public ActionTarget prepare(ActionContext context, ChannelUpdate p) {
				String kind = channels.kind(context.workspaceId(), p.channelId())
					.orElseThrow(() -> ApiException.notFound("notification channel", p.channelId().toString()));
				ChannelStore.State before = channels.lockState(context.workspaceId(), p.channelId());
				ChannelStore.State after = merged(before, p);
				validate(new ChannelRequest(after.name(), kind, after.url(), after.secretCiphertext()));
				return new ActionTarget(ActionScope.FLEET, "notification_channel", p.channelId().toString());
			}

			@Override
			public ActionOutcome<ChannelStore.State> execute(ActionContext context, ChannelUpdate p) {
				ChannelStore.State before = channels.lockState(context.workspaceId(), p.channelId());
				ChannelStore.State after = merged(before, p);
				channels.update(context.workspaceId(), after);
				return ActionOutcome.of(result(after), before);
			}

			@Override
			public Object revert(ActionContext context, ChannelStore.State inverse) {
				channels.lockState(context.workspaceId(), inverse.channelId());
				channels.update(context.workspaceId(), inverse);
				return result(inverse);
			}
		};
	}

	private static ChannelStore.State merged(ChannelStore.State before, ChannelUpdate p) {
		String secret = Boolean.TRUE.equals(p.clearSecret()) ? null
				: (p.secretCiphertext() != null) ? p.secretCiphertext() : before.secretCiphertext();
		return new ChannelStore.State(before.channelId(), (p.name() != null) ? p.name() : before.name(),
				(p.url() != null) ? p.url() : before.url(), secret,
				(p.enabled() != null) ? p.enabled() : before.enabled());
	}

	/** The audit result: never the secret, only whether there is one. */
	private static Map<String, Object> result(ChannelStore.State s) {
		return Map.of("channel_id", s.channelId().toString(), "name", s.name(), "enabled", s.enabled(), "has_secret",
				s.secretCiphertext() != null);
	}

	@Bean
	ActionHandler<ChannelRequest, SoftDelete> createChannelAction(ChannelStore channels) {
		return new SoftDeleteAction<>(CREATE, ChannelRequest.class, Role.ADMIN) {
			@Override
			public ActionTarget prepare(ActionContext context, ChannelRequest p) {
				validate(p);
				return new ActionTarget(ActionScope.FLEET, "notification_channel", p.name());
			}

			@Override
			public ActionOutcome<SoftDelete> execute(ActionContext context, ChannelRequest p) {
				UUID id = channels.insert(context.workspaceId(), p.name(), p.kind(), p.url(), p.secretCiphertext(),
						context.actorSubject());
				return ActionOutcome.of(Map.of("channel_id", id.toString(), "is_deleted", false),
						new SoftDelete(id, true));
			}

			@Override
			public Object revert(ActionContext context, SoftDelete inverse) {
				return restore(channels, context, inverse);
			}
		};
	}

	@Bean
	ActionHandler<ChannelRef, SoftDelete> deleteChannelAction(ChannelStore channels) {
		return new SoftDeleteAction<>(DELETE, ChannelRef.class, Role.ADMIN) {
			@Override
			public ActionTarget prepare(ActionContext context, ChannelRef p) {
				if (!channels.exists(context.workspaceId(), p.channelId())) {
					throw ApiException.notFound("notification channel", p.channelId().toString());
				}
				return new ActionTarget(ActionScope.FLEET, "notification_channel", p.channelId().toString());
			}

			@Override
			public ActionOutcome<SoftDelete> execute(ActionContext context, ChannelRef p) {
				boolean was = channels.lockDeleted(context.workspaceId(), p.channelId());
				channels.setDeleted(context.workspaceId(), p.channelId(), true);
				return ActionOutcome.of(Map.of("channel_id", p.channelId().toString(), "is_deleted", true),
						new SoftDelete(p.channelId(), was));
			}

			@Override
			public Object revert(ActionContext context, SoftDelete inverse) {
				return restore(channels, context, inverse);
			}
		};
	}

	private static Object restore(ChannelStore channels, ActionContext context, SoftDelete inverse) {
		channels.lockDeleted(context.workspaceId(), inverse.id());
		channels.setDeleted(context.workspaceId(), inverse.id(), inverse.deleted());
		return Map.of("channel_id", inverse.id().toString(), "is_deleted", inverse.deleted());
	}

	static void validate(ChannelRequest p) {
		if (p.name() == null || p.name().isBlank() || p.name().length() > 200) {
			throw ApiException.validation("name", "must be 1 to 200 characters");
		}
		if (p.kind() == null || !KINDS.contains(p.kind())) {
			throw ApiException.validation("kind", "must be one of the channel kinds", KINDS);
		}
		if ("email".equals(p.kind())) {
			try {
				EmailSender.recipients(p.url());
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.validation("url", ex.getMessage());
			}
			if (p.secretCiphertext() != null) {
				throw ApiException.validation("secret", "an e-mail channel has no signing secret");
			}
		}
		else if (!"in_app".equals(p.kind())) {
			try {
				URI uri = URI.create(String.valueOf(p.url()));
				if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
					throw ApiException.validation("url", "must be an http(s) URL");
				}
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.validation("url", "must be an http(s) URL");
			}
		}
	}

}
