package com.agentobs.evaluation.experiments;

import java.util.Map;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Canary rollouts of one agent: start (operator action), its history (viewer), manual advance and abort. */
@RestController
class CanaryController {

	/** The body of POST /canary; the agent comes from the path. */
	record CanaryRequest(String toVersion, java.util.List<Integer> steps, Integer intervalSeconds,
			Integer minRequestsPerArm, Double maxErrorRateDiff, Double maxP90Ratio, Boolean qualityGate,
			Integer failureLimit, Integer progressDeadlineSeconds) {
	}

	record ReasonRequest(String reason) {
	}

	private final ActionRunner actions;

	private final CanaryStore canaries;

	private final ExperimentReads reads;

	private final WorkspaceTransactions transactions;

	CanaryController(ActionRunner actions, CanaryStore canaries, ExperimentReads reads,
			WorkspaceTransactions transactions) {
		this.actions = actions;
		this.canaries = canaries;
		this.reads = reads;
		this.transactions = transactions;
	}

	// POST /api/v1/agents/{agent_id}/canary
	@PostMapping("/api/v1/agents/{agent_id}/canary")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> start(@PathVariable("agent_id") String agentId,
			@RequestBody(required = false) CanaryRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		if (body == null) {
			throw ApiException.validation("to_version", "a body is required");
		}
		CanaryDefinition d = new CanaryDefinition(agentId, body.toVersion(), body.steps(), body.intervalSeconds(),
				body.minRequestsPerArm(), body.maxErrorRateDiff(), body.maxP90Ratio(), body.qualityGate(),
				body.failureLimit(), body.progressDeadlineSeconds());
		return run(caller, CanaryActions.START, d, key);
	}

	// GET /api/v1/agents/{agent_id}/canary: this agent's canaries with every check
	@GetMapping("/api/v1/agents/{agent_id}/canary")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Map<String, Object>> history(@PathVariable("agent_id") String agentId, Caller caller) {
		long started = System.nanoTime();
		Map<String, Object> out = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.reads.rolloutHistory(caller.workspaceId(), agentId));
		return ApiResponse.of(out, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// POST /api/v1/agents/{agent_id}/canary/advance|abort: the live canary, by hand
	@PostMapping("/api/v1/agents/{agent_id}/canary/{verb:advance|abort}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> manual(@PathVariable("agent_id") String agentId,
			@PathVariable("verb") String verb, @RequestBody(required = false) ReasonRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		Canary live = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.canaries.live(caller.workspaceId(), agentId))
			.orElseThrow(() -> ApiException.notFound("canary", agentId));
		String reason = (body != null) ? body.reason() : null;
		return run(caller, "advance".equals(verb) ? CanaryActions.ADVANCE : CanaryActions.ABORT,
				new CanaryActions.Ref(live.canaryId(), reason), key);
	}

	private ResponseEntity<ApiResponse<ActionRecord>> run(Caller caller, String type, Object params, String key) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.run(caller, type, params, key);
		return ActionResponses.created(record, started);
	}

}
