package com.agentobs.guardrail.safety.violation;

import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: marks a violation a false positive (or, with {@code false_positive: false}, a
 * true one again). The false-positive rate moves on the next read; the inverse restores the
 * previous mark and reviewer exactly.
 */
@Component
class MarkFalsePositiveAction implements ActionHandler<MarkFalsePositiveAction.Mark, MarkFalsePositiveAction.Previous> {

	static final String TYPE = "violation.mark_false_positive";

	/** {@code action_params}. */
	record Mark(UUID violationId, Boolean falsePositive, String reason) {

		boolean value() {
			return this.falsePositive == null || this.falsePositive;
		}

	}

	/** The inverse: the mark and reviewer before. */
	record Previous(UUID violationId, boolean falsePositive, String reviewedBy) {
	}

	private static final String FIND = """
			SELECT is_false_positive, reviewed_by FROM guardrail_violations WHERE workspace_id = :ws AND id = :id""";

	private static final String SET = """
			UPDATE guardrail_violations SET is_false_positive = :fp, reviewed_by = :by
			WHERE workspace_id = :ws AND id = :id""";

	private final JdbcClient jdbc;

	MarkFalsePositiveAction(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<Mark> paramsType() {
		return Mark.class;
	}

	@Override
	public Class<Previous> inverseType() {
		return Previous.class;
	}

	@Override
	public ActionTarget prepare(ActionContext context, Mark params) {
		if (params.violationId() == null) {
			throw ApiException.validation("violation_id", "is required");
		}
		find(context, params.violationId(), "");
		return new ActionTarget(ActionScope.FLEET, "violation", params.violationId().toString());
	}

	@Override
	public ActionOutcome<Previous> execute(ActionContext context, Mark params) {
		Previous before = find(context, params.violationId(), " FOR UPDATE");
		set(context, params.violationId(), params.value(), context.caller().subject());
		return ActionOutcome.of(Map.of("violation_id", params.violationId(), "is_false_positive", params.value()),
				before);
	}

	@Override
	public Object revert(ActionContext context, Previous inverse) {
		find(context, inverse.violationId(), " FOR UPDATE");
		set(context, inverse.violationId(), inverse.falsePositive(), inverse.reviewedBy());
		return Map.of("violation_id", inverse.violationId(), "is_false_positive", inverse.falsePositive());
	}

	private Previous find(ActionContext context, UUID id, String lock) {
		return this.jdbc.sql(FIND + lock)
			.param("ws", context.workspaceId())
			.param("id", id)
			.query((rs, row) -> new Previous(id, rs.getBoolean(1), rs.getString(2)))
			.optional()
			.orElseThrow(() -> ApiException.notFound("violation", id.toString()));
	}

	private void set(ActionContext context, UUID id, boolean fp, String by) {
		this.jdbc.sql(SET).param("ws", context.workspaceId()).param("id", id).param("fp", fp).param("by", by).update();
	}

}
