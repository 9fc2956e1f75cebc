package com.agentobs.alert.notify;

import java.util.List;

import com.agentobs.alert.system.Ids;
import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Notification channels: list (viewer; never the secret), create and delete (admin actions). */
@RestController
@RequestMapping("/api/v1/alerts/channels")
class ChannelsController {

	private final ChannelStore channels;

	private final SecretBox secrets;

	private final ActionRunner actions;

	private final WorkspaceTransactions transactions;

	ChannelsController(ChannelStore channels, SecretBox secrets, ActionRunner actions,
			WorkspaceTransactions transactions) {
		this.channels = channels;
		this.secrets = secrets;
		this.actions = actions;
		this.transactions = transactions;
	}

	// POST /api/v1/alerts/channels
	record CreateChannelRequest(String name, String kind, String url, String secret) {
	}

	// GET /api/v1/alerts/channels
	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Channel>> list(Caller caller) {
		long started = System.nanoTime();
		List<Channel> list = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.channels.active(caller.workspaceId()));
		return ApiResponse.of(list,
				ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1, Math.max(1, list.size())));
	}

	@PostMapping
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody CreateChannelRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		String secret = body.secret();
		if (secret != null && (secret.length() < 16 || secret.length() > 256)) {
			throw ApiException.validation("secret", "must be 16 to 256 characters");
		}
		ChannelActions.ChannelRequest params = new ChannelActions.ChannelRequest(body.name(), body.kind(),
				body.url(), (secret != null) ? this.secrets.encrypt(secret) : null);
		return ActionResponses.created(this.actions.run(caller, ChannelActions.CREATE, params, key), started);
	}

	// DELETE /api/v1/alerts/channels/{channel_id}
	@DeleteMapping("/{channel_id}")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> delete(@PathVariable("channel_id") String channelId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, ChannelActions.DELETE,
				new ChannelActions.ChannelRef(Ids.uuid("channel_id", channelId)), key), started);
	}

}
