package com.agentobs.processing.pricing;

import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.security.Role;
import com.agentobs.processing.write.PriceCache;

import org.springframework.stereotype.Component;

/**
 * {@value PriceActions#CREATE}: adds a workspace price (a negotiated rate overriding the catalog, a fine-tuned
 * or self-hosted model, an Azure deployment name priced as a catalog entry). Admins. Inverse: delete it.
 */
@Component
class CreatePriceAction implements ActionHandler<WorkspacePrice.Fields, PriceActions.Ref> {

	private final PriceActions shared;

	private final WorkspacePriceStore prices;

	private final PriceCache cache;

	CreatePriceAction(PriceActions shared, WorkspacePriceStore prices, PriceCache cache) {
		this.shared = shared;
		this.prices = prices;
		this.cache = cache;
	}

	@Override
	public String type() {
		return PriceActions.CREATE;
	}

	@Override
	public Class<WorkspacePrice.Fields> paramsType() {
		return WorkspacePrice.Fields.class;
	}

	@Override
	public Class<PriceActions.Ref> inverseType() {
		return PriceActions.Ref.class;
	}

	@Override
	public Role requiredRole() {
		return Role.ADMIN;
	}

	@Override
	public ActionTarget prepare(ActionContext context, WorkspacePrice.Fields p) {
		WorkspacePrice.Fields f = this.shared.check(context.workspaceId(), p, null);
		return new ActionTarget(ActionScope.FLEET, PriceActions.TARGET_TYPE, f.model());
	}

	@Override
	public ActionOutcome<PriceActions.Ref> execute(ActionContext context, WorkspacePrice.Fields p) {
		WorkspacePrice.Fields f = this.shared.check(context.workspaceId(), p, null);
		UUID id = UUID.randomUUID();
		this.prices.insert(context.workspaceId(), id, f, context.actorUserId());
		this.cache.evict(context.workspaceId());
		return ActionOutcome.of(this.prices.find(context.workspaceId(), id).orElseThrow(), new PriceActions.Ref(id));
	}

	@Override
	public Object revert(ActionContext context, PriceActions.Ref inverse) {
		WorkspacePrice before = this.shared.lock(context, inverse.priceId());
		this.prices.delete(context.workspaceId(), before.priceId());
		this.cache.evict(context.workspaceId());
		return before;
	}

}
