package com.agentobs.query.fleetdata;

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
