package com.agentobs.evaluation.online;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.evaluation.rubric.Rubric;
import com.agentobs.evaluation.rubric.RubricStore;

import org.springframework.stereotype.Component;

/** What the evaluator-rule actions share: checking a definition against the workspace, the target, the result. */
@Component
class RuleActions {

	static final String CREATE = "evaluator_rule.create";

	static final String UPDATE = "evaluator_rule.update";

	static final String SET_ENABLED = "evaluator_rule.set_enabled";

	static final String DELETE = "evaluator_rule.delete";

	record Ref(UUID ruleId) {
	}

	record Change(UUID ruleId, RuleDefinition definition) {
	}

	record Enable(UUID ruleId, boolean enabled) {
	}

	private final RuleStore rules;

	private final RubricStore rubrics;

	RuleActions(RuleStore rules, RubricStore rubrics) {
		this.rules = rules;
		this.rubrics = rubrics;
	}

	/** 400 for a bad field, 404 for an unknown rubric, agent or department, 409 for an archived rubric. */
	void check(UUID ws, RuleDefinition d) {
		if (d == null) {
			throw ApiException.validation("name", "a rule definition is required");
		}
		d.validate();
		Rubric rubric = this.rubrics.find(ws, d.rubricId())
			.orElseThrow(() -> ApiException.notFound("rubric", d.rubricId().toString()));
		if (rubric.archived()) {
			throw ApiException.conflict("Rubric " + rubric.rubricId() + " is archived");
		}
		this.rubrics.requireKnown(ws, d.agentIds(), d.departments());
	}

	RuleView require(UUID ws, UUID id) {
		if (id == null) {
			throw ApiException.validation("rule_id", "is required");
		}
		return this.rules.view(ws, id).orElseThrow(() -> ApiException.notFound("rule", id.toString()));
	}

	RuleView lock(ActionContext context, UUID id) {
		return this.rules.lock(context.workspaceId(), id)
			.orElseThrow(() -> ApiException.notFound("rule", id.toString()));
	}

	static ActionTarget target(Object id) {
		return new ActionTarget(ActionScope.FLEET, "evaluator_rule", String.valueOf(id));
	}

	static Map<String, Object> result(UUID id, RuleDefinition d) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("rule_id", id.toString());
		result.put("name", d.name());
		result.put("rubric_id", d.rubricId().toString());
		result.put("evaluator", d.evaluator());
		result.put("sampling_rate", d.samplingRate());
		result.put("enabled", d.enabled());
		return result;
	}

}
