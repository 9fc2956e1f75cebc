package com.agentobs.alert.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.agentobs.alert.slo.SloReads;
import com.agentobs.alert.slo.SloStatus;
import com.agentobs.alert.slo.SloStore;
import com.agentobs.alert.system.Ids;
import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
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

/** The Incidents tab: incident list/detail, KPIs, MTTR, department × severity, causes, postmortems and the lifecycle actions. */
@RestController
class IncidentsController {

	private static final List<String> STATUSES = List.of("open", "acknowledged", "mitigated", "resolved", "closed",
			"active");

	private final IncidentReads reads;

	private final SloStore slos;

	private final SloReads sloReads;

	private final ActionRunner actions;

	private final WorkspaceTransactions transactions;

	private final Clock clock;

	IncidentsController(IncidentReads reads, SloStore slos, SloReads sloReads, ActionRunner actions,
			WorkspaceTransactions transactions, Clock clock) {
		this.reads = reads;
		this.slos = slos;
		this.sloReads = sloReads;
		this.actions = actions;
		this.transactions = transactions;
		this.clock = clock;
	}

	// GET /api/v1/incidents?status=&severity=&range=&department=&agent_id=&page=&limit=
	@GetMapping("/api/v1/incidents")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<IncidentViews.IncidentItem>> list(
			@FilterDefaults(range = TimeRange.LAST_90D) StandardFilters filters,
			@RequestParam(name = "status", required = false) String status,
			@RequestParam(name = "severity", required = false) String severity, Caller caller) {
		long started = System.nanoTime();
		if (status != null && !STATUSES.contains(status)) {
			throw ApiException.validation("status", "must be an incident status or 'active'", STATUSES);
		}
		if (severity != null && !IncidentActions.SEVERITIES.contains(severity)) {
			throw ApiException.validation("severity", "must be one of the severities", IncidentActions.SEVERITIES);
		}
		UUID ws = caller.workspaceId();
		Object[] page = this.transactions.inWorkspace(ws, () -> new Object[] {
				this.reads.list(ws, filters, status, severity), this.reads.count(ws, filters, status, severity) });
		@SuppressWarnings("unchecked")
		List<IncidentViews.IncidentItem> items = (List<IncidentViews.IncidentItem>) page[0];
		Map<String, Object> applied = new java.util.LinkedHashMap<>(filters.withWorkspace(ws).applied());
		applied.put("status", status);
		applied.put("severity", severity);
		return ApiResponse.of(items, ResponseMeta.page(ResponseMeta.millisSince(started), false, (Long) page[1],
				filters.page(), filters.limit()), applied);
	}

	// GET /api/v1/incidents/{incident_id}
	@GetMapping("/api/v1/incidents/{incident_id:[0-9a-fA-F-]{36}}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<IncidentViews.IncidentDetail> detail(@PathVariable("incident_id") String incidentId, Caller caller) {
		long started = System.nanoTime();
		UUID id = Ids.uuid("incident_id", incidentId);
		UUID ws = caller.workspaceId();
		IncidentViews.IncidentDetail detail = this.transactions.inWorkspace(ws, () -> this.reads.detail(ws, id))
			.orElseThrow(() -> ApiException.notFound("incident", id.toString()));
		return ApiResponse.of(detail, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// GET /api/v1/incidents/kpis?range=
	@GetMapping("/api/v1/incidents/kpis")
	@RequiresRole(Role.VIEWER)
	ApiResponse<IncidentViews.IncidentKpis> kpis(@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		Instant now = this.clock.instant();
		IncidentViews.IncidentKpis kpis = this.transactions.inWorkspace(ws, () -> {
			List<SloStatus> statuses = this.slos.active(ws).stream().map((s) -> this.sloReads.status(ws, s, now))
				.toList();
			Double budget = statuses.stream().filter(SloStatus::eventBased)
				.map(SloStatus::errorBudgetRemainingPct).filter(Objects::nonNull).min(Double::compare).orElse(null);
			List<Boolean> met = statuses.stream().map(SloStatus::isMet).filter(Objects::nonNull).toList();
			Double compliance = met.isEmpty() ? null
					: IncidentReads.round(100.0 * met.stream().filter(Boolean::booleanValue).count() / met.size());
			return this.reads.kpis(ws, filters, budget, compliance);
		});
		return ApiResponse.of(kpis, ResponseMeta.single(ResponseMeta.millisSince(started), false)
			.withExtra("error_budget_note", "lowest remaining budget among the event-based SLOs")
			.withExtra("slo_compliance_note", "share of SLOs meeting their objective over their window"),
				filters.withWorkspace(ws).applied());
	}

	// GET /api/v1/incidents/mttr?range=
	@GetMapping("/api/v1/incidents/mttr")
	@RequiresRole(Role.VIEWER)
	ApiResponse<IncidentViews.MttrView> mttr(@FilterDefaults(range = TimeRange.LAST_90D) StandardFilters filters,
			Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		return ApiResponse.of(this.transactions.inWorkspace(ws, () -> this.reads.mttr(ws, filters)),
				ResponseMeta.single(ResponseMeta.millisSince(started), false), filters.withWorkspace(ws).applied());
	}

	// GET /api/v1/incidents/by-department?range=
	@GetMapping("/api/v1/incidents/by-department")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<IncidentViews.DepartmentSeverity>> byDepartment(
			@FilterDefaults(range = TimeRange.LAST_90D) StandardFilters filters, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		return ApiResponse.of(this.transactions.inWorkspace(ws, () -> this.reads.byDepartment(ws, filters)),
				ResponseMeta.single(ResponseMeta.millisSince(started), false), filters.withWorkspace(ws).applied());
	}

	// GET /api/v1/incidents/top-causes?range=
	@GetMapping("/api/v1/incidents/top-causes")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<IncidentViews.Cause>> causes(@FilterDefaults(range = TimeRange.LAST_90D) StandardFilters filters,
			Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		return ApiResponse.of(this.transactions.inWorkspace(ws, () -> this.reads.causes(ws, filters)),
				ResponseMeta.single(ResponseMeta.millisSince(started), false), filters.withWorkspace(ws).applied());
	}

	// GET /api/v1/postmortems?range=
	@GetMapping("/api/v1/postmortems")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<IncidentViews.Postmortem>> postmortems(
			@FilterDefaults(range = TimeRange.LAST_90D) StandardFilters filters, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		List<IncidentViews.Postmortem> list = this.transactions.inWorkspace(ws,
				() -> this.reads.postmortems(ws, filters, null));
		return ApiResponse.of(list, ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1,
				Math.max(1, list.size())), filters.withWorkspace(ws).applied());
	}

	// POST /api/v1/incidents (incident.declare)
	@PostMapping("/api/v1/incidents")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> declare(@RequestBody IncidentActions.Declaration body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, "incident.declare", body, key), started);
	}

	// POST /api/v1/incidents/{incident_id}/escalate (incident.escalate)
	record EscalateRequest(String severity, String note) {
	}

	@PostMapping("/api/v1/incidents/{incident_id}/escalate")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> escalate(@PathVariable("incident_id") String incidentId,
			@RequestBody(required = false) EscalateRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		PostmortemActions.Escalation params = new PostmortemActions.Escalation(Ids.uuid("incident_id", incidentId),
				(body != null) ? body.severity() : null, (body != null) ? body.note() : null);
		return ActionResponses.created(this.actions.run(caller, "incident.escalate", params, key), started);
	}

	// POST /api/v1/incidents/{incident_id}/postmortem (postmortem.save)
	record PostmortemRequest(String summary, String rootCause, String status, List<PostmortemActions.Item> actionItems) {
	}

	@PostMapping("/api/v1/incidents/{incident_id}/postmortem")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> savePostmortem(@PathVariable("incident_id") String incidentId,
			@RequestBody PostmortemRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		PostmortemActions.PostmortemSave params = new PostmortemActions.PostmortemSave(
				Ids.uuid("incident_id", incidentId), body.summary(), body.rootCause(), body.status(),
				body.actionItems());
		return ActionResponses.created(this.actions.run(caller, "postmortem.save", params, key), started);
	}

	// body of the lifecycle actions
	record ChangeRequest(String note, String assignee) {
	}

	// POST /api/v1/incidents/{incident_id}/{acknowledge|mitigate|resolve|close|assign}
	@PostMapping("/api/v1/incidents/{incident_id}/{verb}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> change(@PathVariable("incident_id") String incidentId,
			@PathVariable("verb") String verb, @RequestBody(required = false) ChangeRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		List<String> verbs = List.of("acknowledge", "mitigate", "resolve", "close", "assign");
		if (!verbs.contains(verb)) {
			throw ApiException.notFound("incident action", verb);
		}
		UUID id = Ids.uuid("incident_id", incidentId);
		IncidentActions.IncidentChange params = new IncidentActions.IncidentChange(id,
				(body != null) ? body.note() : null, (body != null) ? body.assignee() : null);
		return ActionResponses.created(this.actions.run(caller, "incident." + verb, params, key), started);
	}

}
