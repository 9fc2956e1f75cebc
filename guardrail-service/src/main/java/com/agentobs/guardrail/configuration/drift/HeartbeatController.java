package com.agentobs.guardrail.configuration.drift;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.guardrail.agentcontrol.AgentConfigurations;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/agents/{agent_id}/heartbeat}: an agent reports the hash of the configuration
 * it runs (the {@code config_hash} of its last configuration read). The answer tells it whether that
 * is the one it should run; the drift check counts consecutive misses.
 */
@RestController
class HeartbeatController {

	// POST /api/v1/agents/{agent_id}/heartbeat
	record HeartbeatRequest(@NotNull @Pattern(regexp = "[0-9a-f]{64}") String configHash,
			@Size(max = 100) String runtimeVersion) {
	}

	// POST /api/v1/agents/{agent_id}/heartbeat (answer)
	record HeartbeatResponse(String agentId, String desiredHash, boolean inSync, int mismatchCount,
			Integer configVersion) {
	}

	private final WorkspaceTransactions transactions;

	private final AgentConfigurations configs;

	private final ObservedStates observed;

	private final Clock clock;

	HeartbeatController(WorkspaceTransactions transactions, AgentConfigurations configs, ObservedStates observed,
			Clock clock) {
		this.transactions = transactions;
		this.configs = configs;
		this.observed = observed;
		this.clock = clock;
	}

	@PostMapping("/api/v1/agents/{agent_id}/heartbeat")
	@RequiresRole(value = Role.VIEWER, agentPermission = TokenClaims.PERMISSION_CONFIG_READ)
	ApiResponse<HeartbeatResponse> heartbeat(@PathVariable("agent_id") String agentId,
			@Valid @RequestBody HeartbeatRequest body, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		HeartbeatResponse response = this.transactions.inWorkspace(ws, () -> {
			AgentConfigurations.Snapshot agent = this.configs.require(ws, agentId);
			int misses = this.observed.report(ws, agent.id(), body.configHash(), agent.actualHash(), "heartbeat",
					body.runtimeVersion(), this.clock.instant());
			return new HeartbeatResponse(agent.agentKey(), agent.actualHash(), body.configHash().equals(agent.actualHash()),
					Math.max(misses, 0), agent.currentVersionNumber());
		});
		Map<String, Object> applied = new LinkedHashMap<>();
		applied.put("workspace_id", ws.toString());
		applied.put("agent_id", agentId);
		return ApiResponse.of(response, ResponseMeta.single(ResponseMeta.millisSince(started), false), applied);
	}

}
