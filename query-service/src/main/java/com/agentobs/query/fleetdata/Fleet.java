package com.agentobs.query.fleetdata;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.filter.StandardFilters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The read side of the fleet's data, the one bean the analytics features depend on: the filters
 * as a {@link Scope}, window plans ({@link #sources()}), traffic reads planned from the
 * {@link RollupCatalog} ({@link #read}), the workspace's name, the registry's departments and agents,
 * and distinct-user counts. Call inside {@code WorkspaceTransactions.inWorkspace} (RLS); every query also filters
 * {@code workspace_id} explicitly.
 */
@Component
public class Fleet {

	private final JdbcClient jdbc;

	private final Sources sources;

	private final Departments departments;

	private final AgentDirectory agents;

	private final UserCounts users;

	Fleet(JdbcClient jdbc, Sources sources, Departments departments, AgentDirectory agents, UserCounts users) {
		this.jdbc = jdbc;
		this.sources = sources;
		this.departments = departments;
		this.agents = agents;
		this.users = users;
	}

	/** The filters for SQL; an unknown department code is a 400 naming {@code department}. */
	public Scope scope(StandardFilters filters) {
		return this.departments.scope(filters);
	}

	/** Window plans: totals, series and their buckets. */
	public Sources sources() {
		return this.sources;
	}

	/** A read of {@code source} under {@code scope}: group, add latency, pick measures, then fetch. */
	public FleetQuery read(Source source, Scope scope) {
		return new FleetQuery(this.jdbc, source, scope);
	}

	/** A read of the whole window {@code [from, to)} (the totals plan). */
	public FleetQuery read(Instant from, Instant to, Scope scope) {
		return read(this.sources.totals(from, to), scope);
	}

	/** The workspace's display name (RLS lets a workspace read only its own row). */
	public String workspaceName(UUID workspaceId) {
		return this.jdbc.sql("SELECT name FROM workspaces WHERE id = :ws")
			.param("ws", workspaceId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	public List<Departments.Department> departments(UUID workspaceId) {
		return this.departments.all(workspaceId);
	}

	public Map<UUID, Departments.Department> departmentsById(UUID workspaceId) {
		return this.departments.byId(workspaceId);
	}

	/** The registry rows the scope selects, by agent id. */
	public List<AgentDirectory.Agent> agents(Scope scope) {
		return this.agents.agents(scope);
	}

	/** Distinct end users in {@code [from, to)} under {@code scope}. */
	public long distinctUsers(Scope scope, Instant from, Instant to) {
		return this.users.distinct(scope, from, to);
	}

	/** Distinct end users per their current segment ("unknown" without one). */
	public Map<String, Long> distinctUsersBySegment(Scope scope, Instant from, Instant to) {
		return this.users.distinctBySegment(scope, from, to);
	}

}
