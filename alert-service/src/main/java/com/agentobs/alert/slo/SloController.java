package com.agentobs.alert.slo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SLOs and error budgets (the compliance dashboard of Home 1.9 stays in query-service). */
@RestController
@RequestMapping("/api/v1/slo")
class SloController {

	private final SloStore slos;

	private final SloReads reads;

	private final ActionRunner actions;

	private final WorkspaceTransactions transactions;

	private final Clock clock;

	SloController(SloStore slos, SloReads reads, ActionRunner actions, WorkspaceTransactions transactions,
			Clock clock) {
		this.slos = slos;
		this.reads = reads;
		this.actions = actions;
		this.transactions = transactions;
		this.clock = clock;
	}

	// GET /api/v1/slo
	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<SloStatus>> list(Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		Instant now = this.clock.instant();
		List<SloStatus> list = this.transactions.inWorkspace(ws,
				() -> this.slos.active(ws).stream().map((s) -> this.reads.status(ws, s, now)).toList());
		return ApiResponse.of(list,
				ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1, Math.max(1, list.size())));
	}

	// GET /api/v1/slo/error-budget?slo_id= : [{slo_id, name, objective_pct, points: [{timestamp, value}]}]
	@GetMapping("/error-budget")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Map<String, Object>>> errorBudget(@RequestParam(name = "slo_id", required = false) String sloId,
			Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		Instant now = this.clock.instant();
		List<Map<String, Object>> out = this.transactions.inWorkspace(ws, () -> {
			List<Map<String, Object>> series = new ArrayList<>();
			for (Slo slo : selected(ws, sloId)) {
				series.add(series(slo, this.reads.burnDown(ws, slo, now)));
			}
			return series;
		});
		return ApiResponse.of(out, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// GET /api/v1/slo/breach-history?range=&slo_id= : [{slo_id, name, points: [{timestamp, hours, breached_hours, compliance_pct}]}]
	@GetMapping("/breach-history")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Map<String, Object>>> breachHistory(
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(name = "slo_id", required = false) String sloId, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		List<Map<String, Object>> out = this.transactions.inWorkspace(ws, () -> {
			List<Map<String, Object>> series = new ArrayList<>();
			for (Slo slo : selected(ws, sloId)) {
				series.add(series(slo, this.reads.breachHistory(ws, slo, filters.from(), filters.to())));
			}
			return series;
		});
		return ApiResponse.of(out, ResponseMeta.single(ResponseMeta.millisSince(started), false),
				filters.withWorkspace(ws).applied());
	}

	// POST /api/v1/slo (slo.create)
	@PostMapping
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody SloActions.SloRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, SloActions.CREATE, body, key), started);
	}

	// DELETE /api/v1/slo/{slo_id} (slo.delete)
	@DeleteMapping("/{slo_id}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> delete(@PathVariable("slo_id") String sloId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(
				this.actions.run(caller, SloActions.DELETE, new SloActions.SloRef(Ids.uuid("slo_id", sloId)), key),
				started);
	}

	private List<Slo> selected(UUID ws, String sloId) {
		if (sloId == null || sloId.isBlank()) {
			return this.slos.active(ws);
		}
		UUID id = Ids.uuid("slo_id", sloId);
		return List.of(this.slos.find(ws, id).orElseThrow(() -> ApiException.notFound("slo", id.toString())));
	}

	private static Map<String, Object> series(Slo slo, List<Map<String, Object>> points) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("slo_id", slo.sloId().toString());
		s.put("name", slo.name());
		s.put("sli", slo.sli());
		s.put("objective_pct", slo.objectivePct());
		s.put("points", points);
		return s;
	}

}
