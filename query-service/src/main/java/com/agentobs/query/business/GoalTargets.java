package com.agentobs.query.business;

import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.tenancy.DepartmentCodes;
import com.agentobs.query.fleetdata.Departments;
import com.agentobs.query.fleetdata.Fleet;

import org.springframework.stereotype.Component;

/** Shared checks of the goal and value-model actions: departments and agents must exist. */
@Component
class GoalTargets {

	private final Fleet fleet;

	private final Goals goals;

	GoalTargets(Fleet fleet, Goals goals) {
		this.fleet = fleet;
		this.goals = goals;
	}

	static ActionTarget goal(Object id) {
		return new ActionTarget(ActionScope.DEPARTMENT, "goal", String.valueOf(id));
	}

	static ActionTarget valueModel(String department) {
		return new ActionTarget(ActionScope.DEPARTMENT, "value_model", department);
	}

	/** The department's id; 400 naming {@code department} when the code is unknown. */
	UUID department(UUID ws, String code) {
		List<Departments.Department> all = this.fleet.departments(ws);
		return all.stream()
			.filter((d) -> d.code().equals(code))
			.map(Departments.Department::id)
			.findFirst()
			.orElseThrow(() -> DepartmentCodes.unknown(code, all.stream().map(Departments.Department::code).toList()));
	}

	void requireAgents(UUID ws, List<String> agentIds, String field) {
		List<String> unknown = this.goals.unknownAgents(ws, agentIds);
		if (!unknown.isEmpty()) {
			throw ApiException.validation(field, "unknown agent ids " + unknown);
		}
	}

	/** The definition's agents, or every agent of its department when none are named. */
	List<String> agentsOrDepartment(UUID ws, GoalParams.Definition d, UUID departmentId) {
		return d.linkedAgentIds().isEmpty() ? this.goals.departmentAgents(ws, departmentId) : d.linkedAgentIds();
	}

}
