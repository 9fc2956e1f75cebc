package com.agentobs.processing.pricing;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.security.Role;
import com.agentobs.processing.write.PriceCache;

import org.springframework.stereotype.Component;

/** {@value PriceActions#UPDATE}: replaces a workspace price's fields. Admins. Inverse: the fields before. */
@Component
class UpdatePriceAction implements ActionHandler<PriceActions.Change, PriceActions.Change> {

	private final PriceActions shared;

	private final WorkspacePriceStore prices;

	private final PriceCache cache;

	UpdatePriceAction(PriceActions shared, WorkspacePriceStore prices, PriceCache cache) {
		this.shared = shared;
		this.prices = prices;
		this.cache = cache;
	}

	@Override
	public String type() {
		return PriceActions.UPDATE;
	}

	@Override
	public Class<PriceActions.Change> paramsType() {
		return PriceActions.Change.class;
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
	public ActionTarget prepare(ActionContext context, PriceActions.Change p) {
		WorkspacePrice price = this.shared.require(context.workspaceId(), p.priceId());
		this.shared.check(context.workspaceId(), p.price(), price.priceId());
		return PriceActions.target(price.priceId());
	}

	@Override
	public ActionOutcome<PriceActions.Change> execute(ActionContext context, PriceActions.Change p) {
		WorkspacePrice before = this.shared.lock(context, p.priceId());
		WorkspacePrice.Fields f = this.shared.check(context.workspaceId(), p.price(), before.priceId());
		this.prices.update(context.workspaceId(), before.priceId(), f);
		this.cache.evict(context.workspaceId());
		return ActionOutcome.of(this.prices.find(context.workspaceId(), before.priceId()).orElseThrow(),
				new PriceActions.Change(before.priceId(), before.fields()));
	}

	@Override
	public Object revert(ActionContext context, PriceActions.Change inverse) {
		WorkspacePrice now = this.shared.lock(context, inverse.priceId());
		this.prices.update(context.workspaceId(), now.priceId(), inverse.price());
		this.cache.evict(context.workspaceId());
		return this.prices.find(context.workspaceId(), now.priceId()).orElseThrow();
	}

}
