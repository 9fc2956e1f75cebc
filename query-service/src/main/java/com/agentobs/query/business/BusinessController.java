package com.agentobs.query.business;

import java.util.UUID;

import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.cache.CacheTtl;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.web.FilterDefaults;
import com.agentobs.query.system.Responder;
import com.agentobs.query.system.ViewSpec;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Business Impact reads (viewers; CSV and PDF downloads for analysts) and the value-model edit (operator action).
 * Value, cost and ROI follow the standard filters; goals follow their own periods.
 */
@RestController
@RequestMapping("/api/v1/business")
class BusinessController {

	private final Responder responder;

	private final BusinessService service;

	private final ActionRunner actions;

	private final ExecutiveReportPdf pdf;

	BusinessController(Responder responder, BusinessService service, ActionRunner actions, ExecutiveReportPdf pdf) {
		this.responder = responder;
		this.service = service;
		this.actions = actions;
		this.pdf = pdf;
	}

	// KPIs: ROI, goals on track x of y, value delivered, hours saved, cost per successful outcome
	@GetMapping("/overview")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<?> overview(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters) {
		return this.responder.respond(caller, filters, ViewSpec.of("business_overview", CacheTtl.WARM, null, null),
				this.service::overview);
	}

	// 7.1 and 7.6
	@GetMapping("/goals")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<?> goals(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(name = "include_closed", defaultValue = "false") boolean includeClosed,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("business_goals", CacheTtl.WARM, "", format).param("include_closed", includeClosed),
				(f) -> this.service.goals(f, includeClosed));
	}

	// 7.2
	@GetMapping("/roi-by-department")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<?> roiByDepartment(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("business_roi", CacheTtl.WARM, "", format),
				this.service::roiByDepartment);
	}

	// 7.3: series = requests | cost_usd | value_usd; the department filter picks the department's run
	@GetMapping("/forecast")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<?> forecast(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String series) {
		String s = BusinessService.checkSeries(series);
		return this.responder.respond(caller, filters,
				ViewSpec.of("business_forecast", CacheTtl.COLD, null, null).param("series", s),
				(f) -> this.service.forecast(f, s));
	}

	// 7.4
	@GetMapping("/attribution")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<?> attribution(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("business_attribution", CacheTtl.WARM, null, null), this.service::attribution);
	}

	// 7.5
	@GetMapping("/value-over-time")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<?> valueOverTime(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("business_value_time", CacheTtl.WARM, "", format),
				this.service::valueOverTime);
	}

	@GetMapping("/value-model")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<?> valueModels(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters) {
		return this.responder.respond(caller, filters, ViewSpec.of("business_value_models", CacheTtl.WARM, "", null),
				this.service::valueModels);
	}

	// KPIs, the department rows (format=csv: one row per department), goal board and forecast totals;
	// format=pdf renders all of it. Both downloads need analyst.
	@GetMapping("/executive-report")
	@RequiresRole(Role.VIEWER)
	ResponseEntity<?> executiveReport(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("business_executive_report", CacheTtl.WARM, "/departments", format)
					.pdf(this.pdf::render),
				this.service::executiveReport);
	}

	// value_model.update
	@PutMapping("/value-model")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> updateValueModel(@RequestBody GoalParams.ValueModelUpdate body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return GoalsController.run(this.actions, caller, UpdateValueModelAction.TYPE, body, key);
	}

	/**
	 * Undo of a goal or value-model action: the handlers live in this service, so the rollback runs
	 * here ({@code /api/v1/actions/{id}/rollback} reaches guardrail-service). Operators only.
	 */
	@PostMapping("/actions/{action_id}/rollback")
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
		return ActionResponses.created(this.actions.rollback(caller, id, key), started);
	}

}
