package com.agentobs.guardrail.safety.violation;

import java.util.UUID;

import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The violation actions (201 with the audit row). */
@RestController
@RequiresRole(Role.OPERATOR)
class ViolationsController {

	// POST /api/v1/safety/violations/{violation_id}/false-positive
	record FalsePositiveRequest(Boolean falsePositive, String reason) {
	}

	private final ActionRunner actions;

	ViolationsController(ActionRunner actions) {
		this.actions = actions;
	}

	@PostMapping("/api/v1/safety/violations/{violation_id}/false-positive")
	ResponseEntity<ApiResponse<ActionRecord>> markFalsePositive(Caller caller,
			@PathVariable("violation_id") String violationId, @RequestBody(required = false) FalsePositiveRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key) {
		long started = System.nanoTime();
		UUID id;
		try {
			id = UUID.fromString(violationId);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("violation_id", "must be a UUID");
		}
		MarkFalsePositiveAction.Mark params = new MarkFalsePositiveAction.Mark(id,
				(body != null) ? body.falsePositive() : null, (body != null) ? body.reason() : null);
		ActionRecord record = this.actions.run(caller, MarkFalsePositiveAction.TYPE, params, key);
		return ActionResponses.created(record, started);
	}

}
