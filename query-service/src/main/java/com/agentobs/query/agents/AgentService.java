package com.agentobs.query.agents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.histogram.LatencyHistogram;
import com.agentobs.query.fleetdata.AgentDirectory;
import com.agentobs.query.fleetdata.Change;
import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.Fleet;
import com.agentobs.query.fleetdata.FleetKey;
import com.agentobs.query.fleetdata.FleetResult;
import com.agentobs.query.fleetdata.FleetRows;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Series;
import com.agentobs.query.fleetdata.Source;
import com.agentobs.query.fleetdata.Totals;
import com.agentobs.query.system.View;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class AgentService {

	private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,254}");

	private static final String SELECT_DEPARTMENT_OPTIONS = """
			SELECT d.department_code, d.department_name, d.budget_monthly_usd,
			       (SELECT count(*) FROM agents a WHERE a.workspace_id = d.workspace_id AND a.department_id = d.id) AS agents
			FROM departments d
			WHERE d.workspace_id = :ws AND d.is_active
			ORDER BY d.department_code
			""";

	private static final String SELECT_ENVIRONMENT_OPTIONS = """
			SELECT e.environment_name, e.environment_type,
			       (SELECT count(*) FROM agents a WHERE a.workspace_id = e.workspace_id
			                                        AND a.environment = e.environment_name) AS agents
			FROM environments e
			WHERE e.workspace_id = :ws AND e.is_active
			ORDER BY e.environment_name
			""";

	private static final String SELECT_VERSION_OPTIONS = """
			SELECT a.version, count(*) AS agents
			FROM agents a
			WHERE a.workspace_id = :ws
			GROUP BY a.version
			ORDER BY a.version DESC
			""";

	private final Fleet fleet;

	private final JdbcClient jdbc;

	AgentService(Fleet fleet, JdbcClient jdbc) {
		this.fleet = fleet;
		this.jdbc = jdbc;
	}

	View list(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		FleetRows byAgent = this.fleet.read(f.from(), f.to(), scope).groupBy(Dim.AGENT).withLatency().rows();
		List<AgentResponses.AgentSummary> rows = new ArrayList<>();
		for (AgentDirectory.Agent a : this.fleet.agents(scope)) {
			Totals t = byAgent.totals(FleetKey.ofAgent(a.agentId()));
			rows.add(new AgentResponses.AgentSummary(a.agentId(), a.name(), a.department(), a.environment(),
					a.version(), a.agentStatus(), a.isPaused(), a.model(), a.modelProvider(), t.requests(),
					t.errorRatePct(), Series.quantile(byAgent.latency(FleetKey.ofAgent(a.agentId())), 0.90),
					t.costCents()));
		}
		rows.sort(Comparator.comparingLong(AgentResponses.AgentSummary::requestCount)
			.reversed()
			.thenComparing(AgentResponses.AgentSummary::agentId));
		int from = Math.min(rows.size(), f.offset());
		return View.page(rows.subList(from, Math.min(rows.size(), from + f.limit())),
				View.Paging.offset(rows.size(), f.page(), f.limit()));
	}

	/**
	 * The agent's registry row and its metrics under the filters. Filters that exclude the agent
	 * (another version or environment) still answer 200 with the agent and empty metrics: the
	 * agent exists, it just had no traffic in that slice; an unknown agent is a 404.
	 */
	View detail(StandardFilters f, String agentId) {
		Target target = target(f, agentId);
		Scope scope = target.scope();
		List<AgentResponses.VersionMetrics> versions = new ArrayList<>();
		this.fleet.read(f.from(), f.to(), scope)
			.groupBy(Dim.VERSION)
			.withLatency()
			.rows()
			.stream()
			.forEach((row) -> versions.add(new AgentResponses.VersionMetrics(
					(row.key().version() != null) ? row.key().version() : "unknown", row.totals().requests(),
					row.totals().errorRatePct(), row.latencyMs(0.90))));
		versions.sort(Comparator.comparing(AgentResponses.VersionMetrics::version).reversed());
		return View.of(new AgentResponses.AgentDetail(target.agent(), headline(f, scope), versions));
	}

	View metrics(StandardFilters f, String agentId) {
		Scope scope = target(f, agentId).scope();
		Source series = this.fleet.sources().series(f.from(), f.to(), 24);
		FleetRows buckets = this.fleet.read(series, scope).groupBy(Dim.BUCKET).withLatency().rows();
		List<AgentResponses.Point> points = new ArrayList<>();
		for (Instant b : series.bucketStarts()) {
			Totals t = buckets.totals(FleetKey.ofBucket(b));
			points.add(new AgentResponses.Point(b, t.requests(), t.errorRatePct(),
					Series.quantile(buckets.latency(FleetKey.ofBucket(b)), 0.90)));
		}
		return View.of(new AgentResponses.AgentMetrics(headline(f, scope), points),
				Map.of("bucket_seconds", series.bucket().toSeconds()));
	}

	/** A registered agent (whatever the filters) and the filters' scope narrowed to it. */
	private record Target(AgentDirectory.Agent agent, Scope scope) {
	}

	/** 400 for a malformed id or a conflicting {@code agent_id} filter, 404 for an agent the workspace lacks. */
	private Target target(StandardFilters f, String agentId) {
		if (!AGENT_ID.matcher(agentId).matches()) {
			throw ApiException.validation("agent_id", "must be an agent id such as 'engineering-code-assistant-1'");
		}
		if (f.agentId() != null && !f.agentId().equals(agentId)) {
			throw ApiException.validation("agent_id", "the query parameter must match the path");
		}
		Scope scope = this.fleet.scope(f).withAgent(agentId);
		AgentDirectory.Agent agent = this.fleet.agents(new Scope(f.workspaceId(), null, null, null, agentId))
			.stream()
			.findFirst()
			.orElseThrow(() -> ApiException.notFound("agent", agentId));
		return new Target(agent, scope);
	}

	private AgentResponses.Headline headline(StandardFilters f, Scope scope) {
		StandardFilters pf = f.previousPeriod();
		FleetResult nowReading = this.fleet.read(f.from(), f.to(), scope).withLatency().fetch();
		FleetResult prevReading = this.fleet.read(pf.from(), pf.to(), scope).withLatency().fetch();
		Totals now = nowReading.total();
		Totals before = prevReading.total();
		LatencyHistogram h = nowReading.latency();
		LatencyHistogram ph = prevReading.latency();
		return new AgentResponses.Headline(Change.Metric.of(now.requests(), before.requests(), f),
				Change.Metric.of(now.errorRatePct(), before.errorRatePct(), f),
				Change.Metric.of(Series.quantile(h, 0.5), Series.quantile(ph, 0.5), f),
				Change.Metric.of(Series.quantile(h, 0.9), Series.quantile(ph, 0.9), f),
				Change.Metric.of(Series.quantile(h, 0.99), Series.quantile(ph, 0.99), f),
				Change.Metric.of(now.costCents(), before.costCents(), f));
	}

	View departmentOptions(StandardFilters f) {
		return View.of(this.jdbc.sql(SELECT_DEPARTMENT_OPTIONS)
			.param("ws", f.workspaceId())
			.query((rs, i) -> new AgentResponses.DepartmentOption(rs.getString(1), rs.getString(2),
					rs.getBigDecimal(3), rs.getLong(4)))
			.list());
	}

	View environmentOptions(StandardFilters f) {
		return View.of(this.jdbc.sql(SELECT_ENVIRONMENT_OPTIONS)
			.param("ws", f.workspaceId())
			.query((rs, i) -> new AgentResponses.EnvironmentOption(rs.getString(1), rs.getString(2), rs.getLong(3)))
			.list());
	}

	View versionOptions(StandardFilters f) {
		return View.of(this.jdbc.sql(SELECT_VERSION_OPTIONS)
			.param("ws", f.workspaceId())
			.query((rs, i) -> new AgentResponses.VersionOption(rs.getString(1), rs.getLong(2)))
			.list());
	}

}
