package com.agentobs.contracts.security;

import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;

/**
 * Who is calling, in which workspace, with which role — resolved from a verified token
 * (never from a header alone) and checked against the endpoint's requirement before the
 * handler runs. A controller takes it as a parameter.
 */
public record Caller(String subject, UUID userId, UUID workspaceId, Role role, boolean agent,
		Set<String> permissions) {

	/** The request attribute that holds the verified caller once the caller interceptor has run. */
	public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

	public Caller {
		permissions = (permissions != null) ? Set.copyOf(permissions) : Set.of();
	}

	public void requireRole(Role required) {
		if (this.agent || !this.role.atLeast(required)) {
			throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS,
					"This requires the " + required.code() + " role or higher",
					java.util.Map.of("required_role", required.code(), "role",
							this.agent ? "agent" : this.role.code()));
		}
	}

	public void requirePermission(String permission) {
		if (!this.permissions.contains(permission)) {
			throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS,
					"This requires the '" + permission + "' permission",
					java.util.Map.of("required_permission", permission));
		}
	}

}
