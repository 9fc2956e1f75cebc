package com.agentobs.query.business;

import java.util.List;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Goal management as operator actions (audited, idempotent, undoable): create, update, close, link agents. */
@RestController
@RequestMapping("/api/v1/goals")
class GoalsController {

	private final ActionRunner actions;

	GoalsController(ActionRunner actions) {
		this.actions = actions;
	}

	// goal.create
	@PostMapping
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody GoalParams.Definition body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(this.actions, caller, CreateGoalAction.TYPE, new GoalParams.Create(body), key);
	}

	// goal.update
	@PutMapping("/{goal_id}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> update(@PathVariable("goal_id") String goalId,
			@RequestBody GoalParams.Definition body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(this.actions, caller, UpdateGoalAction.TYPE, new GoalParams.Update(parseId(goalId), body), key);
	}

	// goal.close
	@PostMapping("/{goal_id}/close")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> close(@PathVariable("goal_id") String goalId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(this.actions, caller, CloseGoalAction.TYPE, new GoalParams.Ref(parseId(goalId)), key);
	}

	// goal.link_agents: {"agent_ids": [...]} replaces the linked set
	@PostMapping("/{goal_id}/agents")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> linkAgents(@PathVariable("goal_id") String goalId,
			@RequestBody LinkAgentsRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		if (body == null || body.agentIds() == null) {
			throw ApiException.validation("agent_ids", "is required (a list of agent ids)");
		}
		return run(this.actions, caller, LinkGoalAgentsAction.TYPE,
				new GoalParams.LinkAgents(parseId(goalId), body.agentIds()), key);
	}

	record LinkAgentsRequest(List<String> agentIds) {
	}

	static ResponseEntity<ApiResponse<ActionRecord>> run(ActionRunner actions, Caller caller, String type,
			Object params, String key) {
		long started = System.nanoTime();
		return ActionResponses.created(actions.run(caller, type, params, key), started);
	}

	static UUID parseId(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw ApiException.validation("goal_id", "must be a UUID");
		}
	}

}
