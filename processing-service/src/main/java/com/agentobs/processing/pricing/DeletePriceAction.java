package com.agentobs.processing.pricing;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Role;
import com.agentobs.processing.write.PriceCache;

import org.springframework.stereotype.Component;

/**
 * {@value PriceActions#DELETE}: removes a workspace price (traces already priced keep their cost until a
 * recompute). Admins. Inverse: the price again under the same id.
 */
@Component
class DeletePriceAction implements ActionHandler<PriceActions.Ref, PriceActions.Change> {

	private final PriceActions shared;

	private final WorkspacePriceStore prices;

	private final PriceCache cache;

	DeletePriceAction(PriceActions shared, WorkspacePriceStore prices, PriceCache cache) {
		this.shared = shared;
		this.prices = prices;
		this.cache = cache;
	}

	@Override
	public String type() {
		return PriceActions.DELETE;
	}

	@Override
	public Class<PriceActions.Ref> paramsType() {
		return PriceActions.Ref.class;
	}

	@Override
	public Class<PriceActions.Change> inverseType() {
		return PriceActions.Change.class;
	}

	@Override
	public Role requiredRole() {
		return Role.ADMIN;
	}

	@Override
	public ActionTarget prepare(ActionContext context, PriceActions.Ref p) {
		return PriceActions.target(this.shared.require(context.workspaceId(), p.priceId()).priceId());
	}

	@Override
	public ActionOutcome<PriceActions.Change> execute(ActionContext context, PriceActions.Ref p) {
		WorkspacePrice before = this.shared.lock(context, p.priceId());
		this.prices.delete(context.workspaceId(), before.priceId());
		this.cache.evict(context.workspaceId());
		return ActionOutcome.of(before, new PriceActions.Change(before.priceId(), before.fields()));
	}

	@Override
	public Object revert(ActionContext context, PriceActions.Change inverse) {
		if (this.prices.find(context.workspaceId(), inverse.priceId()).isPresent()) {
			throw ApiException.conflict("Price " + inverse.priceId() + " exists again");
		}
		this.shared.check(context.workspaceId(), inverse.price(), inverse.priceId());
		this.prices.insert(context.workspaceId(), inverse.priceId(), inverse.price(), context.actorUserId());
		this.cache.evict(context.workspaceId());
		return this.prices.find(context.workspaceId(), inverse.priceId()).orElseThrow();
	}

}
