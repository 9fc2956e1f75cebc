package com.agentobs.guardrail.configuration.read;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.contracts.web.FilterDefaults;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Configuration tab's KPIs, fleet version timeline (10.2) and change velocity (10.7). */
@RestController
class ConfigurationReadController {

	private final WorkspaceTransactions transactions;

	private final ConfigurationQueries queries;

	private final Clock clock;

	ConfigurationReadController(WorkspaceTransactions transactions, ConfigurationQueries queries, Clock clock) {
		this.transactions = transactions;
		this.queries = queries;
		this.clock = clock;
	}

	// GET /api/v1/config/overview
	@GetMapping("/api/v1/config/overview")
	@RequiresRole(Role.VIEWER)
	ApiResponse<ConfigurationQueries.Overview> overview(Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		ConfigurationQueries.Overview overview = this.transactions.inWorkspace(ws,
				() -> this.queries.overview(ws, this.clock.instant()));
		return ApiResponse.of(overview, ResponseMeta.single(millis(started), false),
				java.util.Map.of("workspace_id", ws.toString()));
	}

	@GetMapping("/api/v1/config/timeline")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<ConfigurationQueries.TimelineEntry>> timeline(
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		List<ConfigurationQueries.TimelineEntry> rows = this.transactions.inWorkspace(ws,
				() -> this.queries.timeline(ws, filters.from(), filters.to(), filters.department(),
						filters.environment(), filters.agentId(), Math.max(filters.limit(), 500)));
		return ApiResponse.of(rows, ResponseMeta.page(millis(started), false, rows.size(), 1, Math.max(1, rows.size())),
				filters.applied());
	}

	@GetMapping("/api/v1/config/velocity")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<ConfigurationQueries.VelocityCell>> velocity(
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters, Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		List<ConfigurationQueries.VelocityCell> rows = this.transactions.inWorkspace(ws,
				() -> this.queries.velocity(ws, filters.from(), filters.to(), filters.department()));
		return ApiResponse.of(rows, ResponseMeta.single(millis(started), false), filters.applied());
	}

	private static long millis(long started) {
		return ResponseMeta.millisSince(started);
	}

}
