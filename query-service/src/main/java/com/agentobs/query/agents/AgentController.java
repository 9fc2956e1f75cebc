package com.agentobs.query.agents;

import com.agentobs.contracts.cache.CacheTtl;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.web.FilterDefaults;
import com.agentobs.query.system.Responder;
import com.agentobs.query.system.ViewSpec;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The agent registry's fleet views and the filter bar's options. */
@RestController
@RequestMapping("/api/v1")
class AgentController {

	private final Responder responder;

	private final AgentService service;

	AgentController(Responder responder, AgentService service) {
		this.responder = responder;
		this.service = service;
	}

	@GetMapping("/agents")
	ResponseEntity<?> list(Caller caller, @FilterDefaults(range = TimeRange.LAST_24H) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("agents", CacheTtl.WARM, "", format),
				this.service::list);
	}

	@GetMapping("/agents/{agentId}")
	ResponseEntity<?> detail(Caller caller, @FilterDefaults(range = TimeRange.LAST_24H) StandardFilters filters,
			@PathVariable String agentId) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("agent_detail", CacheTtl.WARM, null, null).param("path_agent_id", agentId),
				(f) -> this.service.detail(f, agentId));
	}

	@GetMapping("/agents/{agentId}/metrics")
	ResponseEntity<?> metrics(Caller caller, @FilterDefaults(range = TimeRange.LAST_24H) StandardFilters filters,
			@PathVariable String agentId, @RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("agent_metrics", CacheTtl.WARM, "/over_time", format).param("path_agent_id", agentId),
				(f) -> this.service.metrics(f, agentId));
	}

	@GetMapping("/departments")
	ResponseEntity<?> departments(Caller caller, StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("departments", CacheTtl.WARM, "", format),
				this.service::departmentOptions);
	}

	@GetMapping("/environments")
	ResponseEntity<?> environments(Caller caller, StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("environments", CacheTtl.WARM, "", format),
				this.service::environmentOptions);
	}

	@GetMapping("/versions")
	ResponseEntity<?> versions(Caller caller, StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("versions", CacheTtl.WARM, "", format),
				this.service::versionOptions);
	}

}
