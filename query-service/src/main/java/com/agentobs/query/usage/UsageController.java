package com.agentobs.query.usage;

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

/** Usage tab: volume, users, intents, cohorts, top agents and users, adoption. */
@RestController
@RequestMapping("/api/v1/usage")
class UsageController {

	private final Responder responder;

	private final UsageService service;

	UsageController(Responder responder, UsageService service) {
		this.responder = responder;
		this.service = service;
	}

	@GetMapping("/overview")
	ResponseEntity<?> overview(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("usage_overview", CacheTtl.WARM, "/calls_by_department", format),
				this.service::overview);
	}

	@GetMapping("/intent-distribution")
	ResponseEntity<?> intentDistribution(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("usage_intents", CacheTtl.COLD, "", format),
				this.service::intentDistribution);
	}

	@GetMapping("/retention-cohorts")
	ResponseEntity<?> retentionCohorts(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_90D) StandardFilters filters,
			@RequestParam(name = "cohort_size", required = false) String cohortSize,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("usage_cohorts", CacheTtl.COLD, "", format).param("cohort_size", cohortSize),
				(f) -> this.service.retentionCohorts(f, cohortSize));
	}

	@GetMapping("/top-agents")
	ResponseEntity<?> topAgents(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("usage_top_agents", CacheTtl.WARM, "", format),
				this.service::topAgents);
	}

	@GetMapping("/top-users")
	ResponseEntity<?> topUsers(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("usage_top_users", CacheTtl.WARM, "", format),
				this.service::topUsers);
	}

	@GetMapping("/adoption")
	ResponseEntity<?> adoption(Caller caller, @FilterDefaults(range = TimeRange.LAST_90D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("usage_adoption", CacheTtl.COLD, "", format),
				this.service::adoption);
	}

}
