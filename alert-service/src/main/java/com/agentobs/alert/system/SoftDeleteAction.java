package com.agentobs.alert.system;

import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.security.Role;

/**
 * The common part of the create/delete actions on definitions (SLOs, channels): a type, its parameters
 * record, {@link SoftDelete} as the inverse, and the role it needs.
 */
public abstract class SoftDeleteAction<P> implements ActionHandler<P, SoftDelete> {

	private final String type;

	private final Class<P> paramsType;

	private final Role role;

	protected SoftDeleteAction(String type, Class<P> paramsType, Role role) {
		this.type = type;
		this.paramsType = paramsType;
		this.role = role;
	}

	@Override
	public String type() {
		return this.type;
	}

	@Override
	public Class<P> paramsType() {
		return this.paramsType;
	}

	@Override
	public Class<SoftDelete> inverseType() {
		return SoftDelete.class;
	}

	@Override
	public Role requiredRole() {
		return this.role;
	}

}
