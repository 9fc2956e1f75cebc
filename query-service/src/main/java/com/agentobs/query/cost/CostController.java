package com.agentobs.query.cost;

import com.agentobs.contracts.cache.CacheTtl;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.web.FilterDefaults;
import com.agentobs.query.system.Responder;
import com.agentobs.query.system.ViewSpec;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cost tab: departments against budgets, providers, month-to-date tracking, cost by model over time. */
@RestController
@RequestMapping("/api/v1/cost")
class CostController {

	private final Responder responder;

	private final CostService service;

	CostController(Responder responder, CostService service) {
		this.responder = responder;
		this.service = service;
	}

	@GetMapping("/by-department")
	ResponseEntity<?> byDepartment(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("cost_by_department", CacheTtl.WARM, "", format),
				this.service::byDepartment);
	}

	@GetMapping("/provider-comparison")
	ResponseEntity<?> providerComparison(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("cost_providers", CacheTtl.WARM, "", format),
				this.service::providerComparison);
	}

	@GetMapping("/budget-tracking")
	ResponseEntity<?> budgetTracking(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("cost_budget", CacheTtl.WARM, "/departments", format), this.service::budgetTracking);
	}

	@GetMapping("/over-time")
	ResponseEntity<?> overTime(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("cost_over_time", CacheTtl.COLD, "", format),
				this.service::overTime);
	}

}
