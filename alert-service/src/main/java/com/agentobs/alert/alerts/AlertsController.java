package com.agentobs.alert.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.alert.system.Ids;
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
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.contracts.web.FilterDefaults;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alerts (Home 1.6 and the Incidents tab), silences, and the undo of every alert-service action:
 * the gateway routes {@code /api/v1/actions/**} to guardrail-service, so this service's actions
 * are rolled back under {@code /api/v1/alerts/actions/{action_id}/rollback}.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertsController {

	private static final List<String> STATUSES = List.of("firing", "pending", "active", "resolved", "all");

	private static final List<String> SEVERITIES = List.of("sev1", "sev2", "sev3", "sev4");

	private final AlertReads reads;

	private final ActionRunner actions;

	private final ActionTrail trail;

	private final WorkspaceTransactions transactions;

	AlertsController(AlertReads reads, ActionRunner actions, ActionTrail trail, WorkspaceTransactions transactions) {
		this.reads = reads;
		this.actions = actions;
		this.trail = trail;
		this.transactions = transactions;
	}

	// GET /api/v1/alerts?status=firing|pending|active|resolved|all&severity=&range=&department=&agent_id=&environment=
	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<AlertItem>> list(@FilterDefaults(range = TimeRange.LAST_24H) StandardFilters filters,
			@RequestParam(name = "status", required = false) String status,
			@RequestParam(name = "severity", required = false) String severity, Caller caller) {
		long started = System.nanoTime();
		if (status != null && !STATUSES.contains(status)) {
			throw ApiException.validation("status", "must be one of the alert statuses", STATUSES);
		}
		if (severity != null && !SEVERITIES.contains(severity)) {
			throw ApiException.validation("severity", "must be one of the severities", SEVERITIES);
		}
		UUID ws = caller.workspaceId();
		Object[] page = this.transactions.inWorkspace(ws, () -> new Object[] {
				this.reads.list(ws, filters, status, severity), this.reads.count(ws, filters, status, severity) });
		@SuppressWarnings("unchecked")
		List<AlertItem> items = (List<AlertItem>) page[0];
		Map<String, Object> applied = new LinkedHashMap<>(filters.withWorkspace(ws).applied());
		applied.put("status", status);
		applied.put("severity", severity);
		return ApiResponse.of(items,
				ResponseMeta.page(ResponseMeta.millisSince(started), false, (Long) page[1], filters.page(), filters.limit()),
				applied);
	}

	// GET /api/v1/alerts/timeline?range= : [{timestamp (UTC day), sev1, sev2, sev3, sev4}] alerts fired per day
	@GetMapping("/timeline")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Map<String, Object>>> timeline(@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		return ApiResponse.of(this.transactions.inWorkspace(ws, () -> this.reads.timeline(ws, filters)),
				ResponseMeta.single(ResponseMeta.millisSince(started), false), filters.withWorkspace(ws).applied());
	}

	// POST /api/v1/alerts/{alert_id}/acknowledge (alert.acknowledge)
	@PostMapping("/{alert_id:[0-9a-fA-F-]{36}}/acknowledge")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> acknowledge(@PathVariable("alert_id") String alertId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, "alert.acknowledge",
				new AlertActions.AlertRef(Ids.uuid("alert_id", alertId)), key), started);
	}

	// GET /api/v1/alerts/silences (active and ended in the last 7 days)
	@GetMapping("/silences")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Silence>> silences(Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		List<Silence> list = this.transactions.inWorkspace(ws, () -> this.reads.silences(ws));
		return ApiResponse.of(list,
				ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1, Math.max(1, list.size())));
	}

	// POST /api/v1/alerts/silences (alert_silence.create)
	@PostMapping("/silences")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> silence(@RequestBody AlertActions.SilenceRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, "alert_silence.create", body, key), started);
	}

	// POST /api/v1/alerts/silences/{silence_id}/expire (alert_silence.expire)
	@PostMapping("/silences/{silence_id}/expire")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> expire(@PathVariable("silence_id") String silenceId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, "alert_silence.expire",
				new AlertActions.SilenceRef(Ids.uuid("silence_id", silenceId)), key), started);
	}

	// GET /api/v1/alerts/actions/{action_id}
	@GetMapping("/actions/{action_id}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<ActionRecord> action(@PathVariable("action_id") String actionId, Caller caller) {
		long started = System.nanoTime();
		return ApiResponse.of(this.trail.find(caller, Ids.uuid("action_id", actionId)),
				ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// POST /api/v1/alerts/actions/{action_id}/rollback (the Undo of every alert-service action)
	@PostMapping("/actions/{action_id}/rollback")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> rollback(@PathVariable("action_id") String actionId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.rollback(caller, Ids.uuid("action_id", actionId), key), started);
	}

}
