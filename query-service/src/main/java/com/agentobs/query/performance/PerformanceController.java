package com.agentobs.query.performance;

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

/** Performance tab: percentiles, throughput and errors over time, latency heatmap, parity, versions. */
@RestController
@RequestMapping("/api/v1/performance")
class PerformanceController {

	private final Responder responder;

	private final PerformanceService service;

	PerformanceController(Responder responder, PerformanceService service) {
		this.responder = responder;
		this.service = service;
	}

	@GetMapping("/overview")
	ResponseEntity<?> overview(Caller caller, @FilterDefaults(range = TimeRange.LAST_24H) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("performance_overview", CacheTtl.WARM, "/over_time", format), this.service::overview);
	}

	@GetMapping("/latency-heatmap")
	ResponseEntity<?> latencyHeatmap(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_24H) StandardFilters filters,
			@RequestParam(required = false) String percentile, @RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("latency_heatmap", CacheTtl.WARM, null, format).param("percentile", percentile),
				(f) -> this.service.latencyHeatmap(f, percentile));
	}

	@GetMapping("/environment-parity")
	ResponseEntity<?> environmentParity(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("environment_parity", CacheTtl.WARM, "", format),
				this.service::environmentParity);
	}

	@GetMapping("/version-comparison")
	ResponseEntity<?> versionComparison(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("version_comparison", CacheTtl.WARM, "", format),
				this.service::versionComparison);
	}

}
