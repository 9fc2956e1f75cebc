package com.agentobs.processing.pricing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Role;

import org.springframework.stereotype.Component;

/**
 * {@value #TYPE}: queues a re-pricing of one model's traces in {@code [from, to)} with the workspace's current
 * prices ({@code scope} {@code unknown}: only traces without a cost; {@code all}: every trace not priced by the
 * client; a trace whose totals are its spans' when it has such spans of the model, then summed from them again),
 * which {@link RecomputeWorker} runs page by page and ends by rebuilding the window's rollups. One run per
 * workspace at a time. Admins (prices are theirs). Inverse: stop the run if it is still going, give every span
 * and trace it changed its previous cost back and rebuild the window's rollups.
 */
@Component
class RecomputeAction implements ActionHandler<RecomputeAction.Params, RecomputeAction.Ref> {

	static final String TYPE = "cost.recompute";

	static final List<String> SCOPES = List.of("unknown", "all");

	/** Longest window: a year and a day. */
	static final Duration MAX_WINDOW = Duration.ofDays(367);

	record Params(String model, Instant from, Instant to, String scope) {

		Params validated() {
			String m = (this.model != null) ? this.model.strip() : "";
			if (m.isEmpty() || m.length() > 200) {
				throw ApiException.validation("model", "must be 1 to 200 characters");
			}
			if (this.from == null) {
				throw ApiException.validation("from", "is required (an ISO-8601 instant)");
			}
			if (this.to == null) {
				throw ApiException.validation("to", "is required (an ISO-8601 instant)");
			}
			if (!this.from.isBefore(this.to)) {
				throw ApiException.validation("to", "must be after from");
			}
			if (Duration.between(this.from, this.to).compareTo(MAX_WINDOW) > 0) {
				throw ApiException.validation("to", "the window is at most 367 days");
			}
			String s = (this.scope != null) ? this.scope.strip().toLowerCase(Locale.ROOT) : "unknown";
			if (!SCOPES.contains(s)) {
				throw ApiException.validation("scope", "must be one of " + SCOPES, SCOPES);
			}
			return new Params(m, this.from, this.to, s);
		}

	}

	record Ref(UUID recomputeId) {
	}

	private final RecomputeStore runs;

	RecomputeAction(RecomputeStore runs) {
		this.runs = runs;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Class<Params> paramsType() {
		return Params.class;
	}

	@Override
	public Class<Ref> inverseType() {
		return Ref.class;
	}

	@Override
	public Role requiredRole() {
		return Role.ADMIN;
	}

	@Override
	public ActionTarget prepare(ActionContext context, Params params) {
		Params p = params.validated();
		if (this.runs.hasActive(context.workspaceId())) {
			throw ApiException.conflict("A cost recompute is already queued or running in this workspace");
		}
		return new ActionTarget(ActionScope.FLEET, "cost_recompute", p.model());
	}

	@Override
	public ActionOutcome<Ref> execute(ActionContext context, Params params) {
		Params p = params.validated();
		UUID ws = context.workspaceId();
		if (this.runs.hasActive(ws)) {
			throw ApiException.conflict("A cost recompute is already queued or running in this workspace");
		}
		long total = this.runs.countEligible(ws, p.model(), p.from(), p.to(), p.scope());
		UUID id = this.runs.insert(ws, context.actionId(), p.model(), p.from(), p.to(), p.scope(), total,
				context.actorUserId());
		return ActionOutcome.of(this.runs.find(ws, id).orElseThrow(), new Ref(id));
	}

	@Override
	public Object revert(ActionContext context, Ref inverse) {
		UUID ws = context.workspaceId();
		Recompute run = this.runs.lock(ws, inverse.recomputeId())
			.orElseThrow(() -> ApiException.notFound("cost_recompute", inverse.recomputeId().toString()));
		if (Recompute.ROLLED_BACK.equals(run.status())) {
			throw ApiException.conflict("Recompute " + run.recomputeId() + " is rolled back already");
		}
		this.runs.lockTotals(ws);
		this.runs.setStatus(ws, run.recomputeId(), Recompute.ROLLED_BACK, null);
		int restored = this.runs.restore(ws, run.recomputeId());
		if (run.changedTraces() > 0 || restored > 0) {
			this.runs.rebuildRollups(ws, run.from(), run.to());
		}
		return this.runs.find(ws, run.recomputeId()).orElseThrow();
	}

}
