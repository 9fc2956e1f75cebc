package com.agentobs.evaluation.quality;

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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Undo of this service's actions (rubric.*, review.submit): the handlers live here, so the
 * rollback runs here ({@code /api/v1/actions/{id}/rollback} reaches guardrail-service). Operators
 * only: the shared rollback action requires that role whatever the original action needed.
 */
@RestController
class QualityActionsController {

	private final ActionRunner runner;

	QualityActionsController(ActionRunner runner) {
		this.runner = runner;
	}

	// POST /api/v1/quality/actions/{action_id}/rollback
	@PostMapping("/api/v1/quality/actions/{action_id}/rollback")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> rollback(@PathVariable("action_id") String actionId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		UUID id;
		try {
			id = UUID.fromString(actionId);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("action_id", "must be a UUID");
		}
		ActionRecord record = this.runner.rollback(caller, id, key);
		return ActionResponses.created(record, started);
	}

}
