package com.agentobs.alert.notify;

import java.util.List;
import java.util.UUID;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notification channels: list (viewer; never the secret), create, update (incl. disable) and delete
 * (admin actions), and a test send (admin; a read of the channel's configuration, not a state change).
 */
@RestController
@RequestMapping("/api/v1/alerts/channels")
class ChannelsController {

	private final ChannelStore channels;

	private final SecretBox secrets;

	private final ActionRunner actions;

	private final WorkspaceTransactions transactions;

	private final NotificationRelay relay;

	ChannelsController(ChannelStore channels, SecretBox secrets, ActionRunner actions,
			WorkspaceTransactions transactions, NotificationRelay relay) {
		this.relay = relay;
		this.channels = channels;
		this.secrets = secrets;
		this.actions = actions;
		this.transactions = transactions;
	}

	// POST /api/v1/alerts/channels
	record CreateChannelRequest(String name, String kind, String url, String secret) {
	}

	// PUT /api/v1/alerts/channels/{channel_id}: absent fields stay; secret is write-only, clear_secret removes it
	record UpdateChannelRequest(String name, String url, String secret, Boolean clearSecret, Boolean enabled) {
	}

	// POST /api/v1/alerts/channels/{channel_id}/test
	record ChannelTest(UUID channelId, boolean delivered, String error) {
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
		checkSecret(secret);
		ChannelActions.ChannelRequest params = new ChannelActions.ChannelRequest(body.name(), body.kind(),
				body.url(), (secret != null) ? this.secrets.encrypt(secret) : null);
		return ActionResponses.created(this.actions.run(caller, ChannelActions.CREATE, params, key), started);
	}

	// PUT /api/v1/alerts/channels/{channel_id}
	@PutMapping("/{channel_id}")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> update(@PathVariable("channel_id") String channelId,
			@RequestBody UpdateChannelRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		checkSecret(body.secret());
		if (body.secret() != null && Boolean.TRUE.equals(body.clearSecret())) {
			throw ApiException.validation("clear_secret", "cannot clear the secret and set a new one at once");
		}
		ChannelActions.ChannelUpdate params = new ChannelActions.ChannelUpdate(Ids.uuid("channel_id", channelId),
				body.name(), body.url(), (body.secret() != null) ? this.secrets.encrypt(body.secret()) : null,
				body.clearSecret(), body.enabled());
		return ActionResponses.created(this.actions.run(caller, ChannelActions.UPDATE, params, key), started);
	}

	// POST /api/v1/alerts/channels/{channel_id}/test
	@PostMapping("/{channel_id}/test")
	@RequiresRole(Role.ADMIN)
	ApiResponse<ChannelTest> test(@PathVariable("channel_id") String channelId, Caller caller) {
		long started = System.nanoTime();
		UUID id = Ids.uuid("channel_id", channelId);
		String error = this.relay.sendTest(caller.workspaceId(), id, caller.subject());
		return ApiResponse.of(new ChannelTest(id, error == null, error),
				ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	private static void checkSecret(String secret) {
		if (secret != null && (secret.length() < 16 || secret.length() > 256)) {
			throw ApiException.validation("secret", "must be 16 to 256 characters");
		}
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
