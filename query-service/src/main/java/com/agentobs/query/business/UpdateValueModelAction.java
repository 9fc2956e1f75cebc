package com.agentobs.query.business;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: sets a department's value model (creating it if it had none). Every value, ROI and
 * goal figure of the department changes at once, since they are computed from it at read time.
 * Inverse: the previous model, or none.
 */
@Component
class UpdateValueModelAction implements ActionHandler<GoalParams.ValueModelUpdate, GoalParams.ValueModelRestore> {

	static final String TYPE = "value_model.update";

	static final String DEFAULT_LABEL = "successful request";

	private final ValueModels models;

	private final GoalTargets targets;

	UpdateValueModelAction(ValueModels models, GoalTargets targets) {
		this.models = models;
		this.targets = targets;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<GoalParams.ValueModelUpdate> paramsType() {
		return GoalParams.ValueModelUpdate.class;
	}

	@Override
	public Class<GoalParams.ValueModelRestore> inverseType() {
		return GoalParams.ValueModelRestore.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, GoalParams.ValueModelUpdate params) {
		params.validate();
		this.targets.department(context.workspaceId(), params.department());
		return GoalTargets.valueModel(params.department());
	}

	@Override
	public ActionOutcome<GoalParams.ValueModelRestore> execute(ActionContext context,
			GoalParams.ValueModelUpdate params) {
		UUID ws = context.workspaceId();
		UUID dept = this.targets.department(ws, params.department());
		Optional<ValueModel> before = this.models.lock(ws, dept);
		write(ws, dept, params, context.actorSubject());
		GoalParams.ValueModelUpdate previous = before.map((m) -> new GoalParams.ValueModelUpdate(m.department(),
				m.modelType(), m.valuePerOutcomeUsd(), m.hoursPerOutcome(), m.hourlyRateUsd(), m.outcomeLabel()))
			.orElse(null);
		return ActionOutcome.of(Map.of("department", params.department(), "model_type", params.modelType(),
				"created", before.isEmpty()), new GoalParams.ValueModelRestore(dept, params.department(), previous));
	}

	@Override
	public Object revert(ActionContext context, GoalParams.ValueModelRestore inverse) {
		UUID ws = context.workspaceId();
		this.models.lock(ws, inverse.departmentId());
		if (inverse.previous() == null) {
			this.models.delete(ws, inverse.departmentId());
			return Map.of("department", inverse.department(), "deleted", true);
		}
		write(ws, inverse.departmentId(), inverse.previous(), context.actorSubject());
		return Map.of("department", inverse.department(), "model_type", inverse.previous().modelType());
	}

	private void write(UUID ws, UUID dept, GoalParams.ValueModelUpdate p, String subject) {
		boolean perOutcome = ValueModel.PER_OUTCOME.equals(p.modelType());
		this.models.upsert(ws, dept, p.modelType(), perOutcome ? p.valuePerOutcomeUsd() : null,
				perOutcome ? null : p.hoursPerOutcome(), perOutcome ? null : p.hourlyRateUsd(),
				(p.outcomeLabel() != null && !p.outcomeLabel().isBlank()) ? p.outcomeLabel() : DEFAULT_LABEL, subject);
	}

}
