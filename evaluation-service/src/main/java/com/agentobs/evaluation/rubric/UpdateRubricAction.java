package com.agentobs.evaluation.rubric;

import java.util.Map;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: writes the definition as a new version and makes it current; earlier versions
 * stay (their scores name them). Inverse: the previously current version, name and description.
 */
@Component
class UpdateRubricAction implements ActionHandler<RubricParams.Update, RubricParams.VersionRestore> {

	static final String TYPE = "rubric.update";

	private final RubricStore rubrics;

	UpdateRubricAction(RubricStore rubrics) {
		this.rubrics = rubrics;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<RubricParams.Update> paramsType() {
		return RubricParams.Update.class;
	}

	@Override
	public Class<RubricParams.VersionRestore> inverseType() {
		return RubricParams.VersionRestore.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RubricParams.Update params) {
		params.definition().validate();
		Rubric rubric = this.rubrics.require(context.workspaceId(), params.rubricId());
		if (rubric.archived()) {
			throw ApiException.conflict("Rubric " + rubric.rubricId() + " is archived: restore it before changing it");
		}
		this.rubrics.requireNameFree(context.workspaceId(), params.definition().name(), rubric.rubricId());
		return RubricTargets.rubric(rubric.rubricId());
	}

	@Override
	public ActionOutcome<RubricParams.VersionRestore> execute(ActionContext context, RubricParams.Update params) {
		Rubric before = this.rubrics.lock(context.workspaceId(), params.rubricId());
		int version = this.rubrics.nextVersion(context.workspaceId(), before.rubricId());
		RubricDefinition def = params.definition();
		this.rubrics.insertVersion(context.workspaceId(), before.rubricId(), version, def, context.actorUserId());
		this.rubrics.setCurrent(context.workspaceId(), before.rubricId(), version, def.name(), def.description());
		return ActionOutcome.of(
				Map.of("rubric_id", before.rubricId().toString(), "version", version, "previous_version",
						before.version()),
				new RubricParams.VersionRestore(before.rubricId(), before.version(), before.name(),
						before.description()));
	}

	@Override
	public Object revert(ActionContext context, RubricParams.VersionRestore inverse) {
		Rubric now = this.rubrics.lock(context.workspaceId(), inverse.rubricId());
		this.rubrics.setCurrent(context.workspaceId(), inverse.rubricId(), inverse.version(), inverse.name(),
				inverse.description());
		return Map.of("rubric_id", inverse.rubricId().toString(), "version", inverse.version(), "replaced_version",
				now.version());
	}

}
