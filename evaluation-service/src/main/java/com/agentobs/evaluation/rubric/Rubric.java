package com.agentobs.evaluation.rubric;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rubric at one version (its current one unless asked otherwise), with its assignment.
 * Also the response of {@code GET /api/v1/rubrics} and {@code GET /api/v1/rubrics/{id}}.
 */
public record Rubric(UUID rubricId, String name, String description, int version, int currentVersion,
		List<Criterion> criteria, double passThreshold, String judgePrompt, List<String> agentIds,
		List<String> departments, boolean archived, Instant archivedAt, Instant createdAt, Instant updatedAt) {

	public Rubric {
		criteria = List.copyOf(criteria);
		agentIds = List.copyOf(agentIds);
		departments = List.copyOf(departments);
	}

	/** Whether the rubric scores a trace of this agent and department (no assignment = every trace). */
	public boolean appliesTo(String agentId, String department) {
		if (this.agentIds.isEmpty() && this.departments.isEmpty()) {
			return true;
		}
		return this.agentIds.contains(agentId) || (department != null && this.departments.contains(department));
	}

}
