package com.agentobs.query.fleetdata;

import java.util.Map;
import java.util.UUID;

/**
 * The standard filters resolved for SQL: the caller's workspace and the department's id
 * (looked up by code within that workspace). Every value is bound as a parameter.
 */
public record Scope(UUID workspaceId, UUID departmentId, String environment, String version, String agentId) {

	public Scope {
		if (workspaceId == null) {
			throw new IllegalArgumentException("workspaceId is required");
		}
	}

	/**
	 * The standard filters as {@code AND …} clauses on the table aliased {@code alias}; puts
	 * the workspace ({@code :ws}) and every set filter into {@code params} — values are bound,
	 * never inlined. The one place these clauses are written.
	 */
	public String sqlFilters(String alias, Map<String, Object> params) {
		params.put("ws", this.workspaceId);
		StringBuilder sql = new StringBuilder();
		if (this.departmentId != null) {
			sql.append(" AND ").append(alias).append(".department_id = :dept");
			params.put("dept", this.departmentId);
		}
		if (this.environment != null) {
			sql.append(" AND ").append(alias).append(".environment = :env");
			params.put("env", this.environment);
		}
		if (this.version != null) {
			sql.append(" AND ").append(alias).append(".version = :ver");
			params.put("ver", this.version);
		}
		if (this.agentId != null) {
			sql.append(" AND ").append(alias).append(".agent_id = :agent");
			params.put("agent", this.agentId);
		}
		return sql.toString();
	}

	public Scope withDepartment(UUID departmentId) {
		return new Scope(this.workspaceId, departmentId, this.environment, this.version, this.agentId);
	}

	public Scope withAgent(String agentId) {
		return new Scope(this.workspaceId, this.departmentId, this.environment, this.version, agentId);
	}

	public Scope withEnvironment(String environment) {
		return new Scope(this.workspaceId, this.departmentId, environment, this.version, this.agentId);
	}

}
