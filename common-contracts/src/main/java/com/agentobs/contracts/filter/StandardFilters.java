package com.agentobs.contracts.filter;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The standard filter parameters of every analytics endpoint, parsed and validated once
 * by {@link StandardFiltersParser}. {@code from}/{@code to} are always resolved (a preset
 * ends now); filters combine with AND. {@code workspaceId} is filled in by the security
 * layer from the caller's verified token, never from a client value alone.
 */
public record StandardFilters(UUID workspaceId, TimeRange range, Instant from, Instant to, String department,
		String environment, String version, String agentId, int page, int limit, String cursor) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 1000;

	/** Offset paging stops here; beyond it callers page with {@code cursor}. */
	public static final int MAX_OFFSET_ROWS = 10_000;

	public Duration window() {
		return Duration.between(this.from, this.to);
	}

	/** The equal-length window just before this one, for "% change vs previous period". */
	public StandardFilters previousPeriod() {
		Duration window = window();
		return new StandardFilters(this.workspaceId, this.range, this.from.minus(window), this.from, this.department,
				this.environment, this.version, this.agentId, this.page, this.limit, this.cursor);
	}

	public StandardFilters withWorkspace(UUID workspaceId) {
		return new StandardFilters(workspaceId, this.range, this.from, this.to, this.department, this.environment,
				this.version, this.agentId, this.page, this.limit, this.cursor);
	}

	public int offset() {
		return (this.page - 1) * this.limit;
	}

	/** The {@code filters_applied} echo: every standard filter, {@code null} when unset. */
	public Map<String, Object> applied() {
		Map<String, Object> applied = new LinkedHashMap<>();
		applied.put("workspace_id", (this.workspaceId != null) ? this.workspaceId.toString() : null);
		applied.put("range", this.range.code());
		applied.put("from", this.from.toString());
		applied.put("to", this.to.toString());
		applied.put("department", this.department);
		applied.put("environment", this.environment);
		applied.put("version", this.version);
		applied.put("agent_id", this.agentId);
		return applied;
	}

}
