package com.agentobs.evaluation.rubric;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: the rubric stops scoring (its rules are skipped) and leaves the default list;
 * its scores stay. Inverse: the previous {@code archived_at}.
 */
@Component
class ArchiveRubricAction implements ActionHandler<RubricParams.Ref, RubricParams.ArchiveRestore> {

	static final String TYPE = "rubric.archive";

	private final RubricStore rubrics;

	ArchiveRubricAction(RubricStore rubrics) {
		this.rubrics = rubrics;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<RubricParams.Ref> paramsType() {
		return RubricParams.Ref.class;
	}

	@Override
	public Class<RubricParams.ArchiveRestore> inverseType() {
		return RubricParams.ArchiveRestore.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, RubricParams.Ref params) {
		return RubricTargets.rubric(this.rubrics.require(context.workspaceId(), params.rubricId()).rubricId());
	}

	@Override
	public ActionOutcome<RubricParams.ArchiveRestore> execute(ActionContext context, RubricParams.Ref params) {
		Rubric before = this.rubrics.lock(context.workspaceId(), params.rubricId());
		Instant archivedAt = (before.archivedAt() != null) ? before.archivedAt() : Instant.now();
		this.rubrics.setArchived(context.workspaceId(), before.rubricId(), archivedAt);
		return ActionOutcome.of(result(before, true),
				new RubricParams.ArchiveRestore(before.rubricId(), before.archivedAt()));
	}

	@Override
	public Object revert(ActionContext context, RubricParams.ArchiveRestore inverse) {
		Rubric now = this.rubrics.lock(context.workspaceId(), inverse.rubricId());
		if (inverse.archivedAt() == null) {
			// restoring a live rubric must not clash with one created under its name meanwhile
			this.rubrics.requireNameFree(context.workspaceId(), now.name(), now.rubricId());
		}
		this.rubrics.setArchived(context.workspaceId(), inverse.rubricId(), inverse.archivedAt());
		return result(now, inverse.archivedAt() != null);
	}

	private static Map<String, Object> result(Rubric rubric, boolean archived) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("rubric_id", rubric.rubricId().toString());
		result.put("archived", archived);
		return result;
	}

}
