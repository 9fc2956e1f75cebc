package com.agentobs.processing.pricing;

import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.stereotype.Component;

/** What the workspace-price actions share: the checks against the workspace, the target, the records. */
@Component
class PriceActions {

	static final String CREATE = "model_price.create";

	static final String UPDATE = "model_price.update";

	static final String DELETE = "model_price.delete";

	static final String TARGET_TYPE = "model_price";

	/** {@code model_price.delete} and the inverse of a create. */
	record Ref(UUID priceId) {
	}

	/** {@code model_price.update}; also the inverse of an update or a delete (what to restore). */
	record Change(UUID priceId, WorkspacePrice.Fields price) {
	}

	private final WorkspacePriceStore prices;

	PriceActions(WorkspacePriceStore prices) {
		this.prices = prices;
	}

	/** Validates; 400 for an unknown catalog entry, 409 when the model already has a price from that date. */
	WorkspacePrice.Fields check(UUID ws, WorkspacePrice.Fields fields, UUID except) {
		if (fields == null) {
			throw ApiException.validation("model", "a price is required");
		}
		WorkspacePrice.Fields f = fields.validated();
		if (f.catalogModel() != null && !this.prices.catalogHas(f.catalogModel())) {
			throw ApiException.validation("catalog_model", "is not an entry of the price catalog");
		}
		this.prices.same(ws, f, except).ifPresent((other) -> {
			throw ApiException.conflict("Model " + f.model() + " already has a workspace price from "
					+ f.effectiveFrom() + " (price " + other.priceId() + "): update that one");
		});
		return f;
	}

	WorkspacePrice require(UUID ws, UUID id) {
		if (id == null) {
			throw ApiException.validation("price_id", "is required");
		}
		return this.prices.find(ws, id).orElseThrow(() -> ApiException.notFound("model_price", id.toString()));
	}

	WorkspacePrice lock(ActionContext context, UUID id) {
		return this.prices.lock(context.workspaceId(), id)
			.orElseThrow(() -> ApiException.notFound("model_price", id.toString()));
	}

	static ActionTarget target(UUID id) {
		return new ActionTarget(ActionScope.FLEET, TARGET_TYPE, id.toString());
	}

}
