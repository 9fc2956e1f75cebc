package com.agentobs.guardrail.actions;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionPage;
import com.agentobs.contracts.action.ActionQuery;
import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.action.ActionTrail;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.web.FilterDefaults;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail ({@code action_audit_log}) and the rollback of any action this service owns. */
@RestController
@RequestMapping("/api/v1/actions")
class ActionsController {

	private final ActionTrail trail;

	private final ActionRunner runner;

	ActionsController(ActionTrail trail, ActionRunner runner) {
		this.trail = trail;
		this.runner = runner;
	}

	// GET /api/v1/actions?agent_id=&action_type=&actor=&status=&range=|from=&to=&limit=&cursor=
	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<ActionRecord>> list(@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(name = "action_type", required = false) String actionType,
			@RequestParam(name = "actor", required = false) String actor,
			@RequestParam(name = "status", required = false) String status, HttpServletRequest request,
			Caller caller) {
		long started = System.nanoTime();
		if (request.getParameter("page") != null) {
			throw ApiException.validation("page", "the audit trail pages with 'cursor' (meta.next_cursor)");
		}
		ActionQuery query = new ActionQuery(filters.agentId(), blankToNull(actionType), blankToNull(actor),
				blankToNull(status), filters.from(), filters.to(), filters.limit(), filters.cursor());
		ActionPage page = this.trail.list(caller, query);
		Map<String, Object> applied = new java.util.LinkedHashMap<>(filters.withWorkspace(caller.workspaceId()).applied());
		applied.put("action_type", query.actionType());
		applied.put("actor", query.actor());
		applied.put("status", query.status());
		return ApiResponse.of(page.items(), ResponseMeta.cursor(ResponseMeta.millisSince(started), false, page.total(),
				filters.limit(), page.nextCursor()), applied);
	}

	// GET /api/v1/actions/{action_id}
	@GetMapping("/{action_id}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<ActionRecord> get(@PathVariable("action_id") String actionId, Caller caller) {
		long started = System.nanoTime();
		ActionRecord record = this.trail.find(caller, parse(actionId));
		return ApiResponse.of(record, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// POST /api/v1/actions/{action_id}/rollback
	@PostMapping("/{action_id}/rollback")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> rollback(@PathVariable("action_id") String actionId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		ActionRecord record = this.runner.rollback(caller, parse(actionId), key);
		return ActionResponses.created(record, started);
	}

	private static UUID parse(String actionId) {
		try {
			return UUID.fromString(actionId);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("action_id", "must be a UUID");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}


}
