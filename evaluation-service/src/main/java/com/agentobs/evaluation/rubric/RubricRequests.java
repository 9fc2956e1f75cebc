package com.agentobs.evaluation.rubric;

import java.util.List;

/** Request bodies of the rubric endpoints. */
final class RubricRequests {

	private RubricRequests() {
	}

	// POST /api/v1/rubrics
	record CreateRubricRequest(String name, String description, List<Criterion> criteria, Double passThreshold,
			String judgePrompt, List<String> agentIds, List<String> departments) {

		RubricParams.Create toParams() {
			return new RubricParams.Create(
					new RubricDefinition(name, description, criteria, passThreshold, judgePrompt), agentIds,
					departments);
		}

	}

	// PUT /api/v1/rubrics/{rubric_id}
	record UpdateRubricRequest(String name, String description, List<Criterion> criteria, Double passThreshold,
			String judgePrompt) {

		RubricDefinition toDefinition() {
			return new RubricDefinition(name, description, criteria, passThreshold, judgePrompt);
		}

	}

	// POST /api/v1/rubrics/{rubric_id}/assign
	record AssignRubricRequest(List<String> agentIds, List<String> departments) {
	}

}
