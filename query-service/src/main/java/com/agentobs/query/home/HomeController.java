package com.agentobs.query.home;

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

/** Home tab: fleet KPIs, health heatmap, SLO compliance and the recent-activity feed. */
@RestController
@RequestMapping("/api/v1")
class HomeController {

	private final Responder responder;

	private final HomeService service;

	HomeController(Responder responder, HomeService service) {
		this.responder = responder;
		this.service = service;
	}

	@GetMapping("/metrics/home-kpis")
	ResponseEntity<?> homeKpis(Caller caller, @FilterDefaults(range = TimeRange.LAST_24H) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("home_kpis", CacheTtl.WARM, null, format),
				this.service::homeKpis);
	}

	@GetMapping("/fleet/health-heatmap")
	ResponseEntity<?> healthHeatmap(Caller caller, @FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("health_heatmap", CacheTtl.WARM, null, format),
				this.service::healthHeatmap);
	}

	@GetMapping("/slo/compliance-dashboard")
	ResponseEntity<?> sloCompliance(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("slo_compliance", CacheTtl.WARM, "/slos", format),
				this.service::sloCompliance);
	}

	@GetMapping("/activity")
	ResponseEntity<?> activity(Caller caller, @FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("activity", CacheTtl.HOT, "", format),
				this.service::activity);
	}

}
