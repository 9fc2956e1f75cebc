package com.agentobs.query.cost;

import com.agentobs.contracts.cache.CacheTtl;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cost tab, charts 3.7 (cost by intent) and 3.8 (token consumption, input vs output). */
@RestController
@RequestMapping("/api/v1/cost")
@RequiresRole(Role.VIEWER)
class CostBreakdownController {

	private final Responder responder;

	private final CostBreakdownService service;

	CostBreakdownController(Responder responder, CostBreakdownService service) {
		this.responder = responder;
		this.service = service;
	}

	@GetMapping("/by-intent")
	ResponseEntity<?> byIntent(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("cost_by_intent", CacheTtl.WARM, "", format),
				this.service::byIntent);
	}

	@GetMapping("/token-usage")
	ResponseEntity<?> tokenUsage(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("cost_token_usage", CacheTtl.COLD, "/over_time", format), this.service::tokenUsage);
	}

}
