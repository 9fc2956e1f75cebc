package com.agentobs.query.usage;

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

/** Usage tab, charts 2.6 (user segments), 2.7 (version adoption by department) and 2.9 (hour × weekday). */
@RestController
@RequestMapping("/api/v1/usage")
@RequiresRole(Role.VIEWER)
class UsagePatternsController {

	private final Responder responder;

	private final UsagePatternsService service;

	UsagePatternsController(Responder responder, UsagePatternsService service) {
		this.responder = responder;
		this.service = service;
	}

	@GetMapping("/user-segments")
	ResponseEntity<?> userSegments(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("usage_segments", CacheTtl.WARM, "", format),
				this.service::userSegments);
	}

	/** The {@code version} filter picks the version whose share is shown; every version is the denominator. */
	@GetMapping("/version-adoption")
	ResponseEntity<?> versionAdoption(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_90D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters,
				ViewSpec.of("usage_version_adoption", CacheTtl.COLD, "", format), this.service::versionAdoption);
	}

	@GetMapping("/hourly-pattern")
	ResponseEntity<?> hourlyPattern(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("usage_hourly_pattern", CacheTtl.COLD, "", format),
				this.service::hourlyPattern);
	}

}
