package com.agentobs.gemini.insights;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.web.FilterDefaults;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Grounded insight cards for a dashboard tab, for viewers and above in the caller's workspace. */
@RestController
@RequestMapping("/api/v1/insights")
class InsightsController {

	private final InsightsService service;

	InsightsController(InsightsService service) {
		this.service = service;
	}

	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<InsightsResponse> insights(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			@RequestParam(required = false) String tab) {
		if (tab == null || tab.isBlank()) {
			throw ApiException.validation("tab", "is required", InsightTab.CODES);
		}
		InsightTab selected = InsightTab.fromCode(tab)
			.orElseThrow(() -> ApiException.validation("tab", "must be one of " + InsightTab.CODES, InsightTab.CODES));
		StandardFilters scoped = filters.withWorkspace(caller.workspaceId());
		long started = System.nanoTime();
		InsightsService.Answer answer = this.service.insights(selected, scoped);
		long durationMs = ResponseMeta.millisSince(started);
		java.util.Map<String, Object> applied = new java.util.LinkedHashMap<>(scoped.applied());
		applied.put("tab", selected.code());
		return ApiResponse.of(answer.response(), ResponseMeta.single(durationMs, answer.cached()), applied);
	}

}
