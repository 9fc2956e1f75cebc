package com.agentobs.gateway.system;

import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.security.Role;

import org.springframework.web.server.ServerWebExchange;

/**
 * The verified caller of a request: a user (access token) or an agent (API key exchanged
 * for an internal token). {@code token} is what the gateway forwards; {@code workspaceId}
 * is the selected workspace ({@code X-Workspace-ID} or the only one granted), or null.
 */
public record GatewayCaller(String subject, String token, boolean agent, UUID apiKeyId, Map<UUID, Role> grants,
		UUID workspaceId) {

	static final String ATTRIBUTE = GatewayCaller.class.getName();

	public GatewayCaller {
		grants = Map.copyOf(grants);
	}

	public void store(ServerWebExchange exchange) {
		exchange.getAttributes().put(ATTRIBUTE, this);
	}

	/** The caller the edge filter verified; 401 when the request was not authenticated. */
	public static GatewayCaller of(ServerWebExchange exchange) {
		GatewayCaller caller = exchange.getAttribute(ATTRIBUTE);
		if (caller == null) {
			throw ApiException.unauthenticated("A valid bearer token or API key is required");
		}
		return caller;
	}

	public UUID userId() {
		if (this.agent) {
			throw ApiException.forbidden("Agent keys cannot call this endpoint");
		}
		try {
			return UUID.fromString(this.subject);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.forbidden("This endpoint needs a user of the built-in identity provider");
		}
	}

	/** The selected workspace, or 400 naming {@code X-Workspace-ID} when none could be chosen. */
	public UUID requireWorkspace() {
		if (this.workspaceId == null) {
			throw ApiException.validation("X-Workspace-ID", "is required when the token grants several workspaces");
		}
		return this.workspaceId;
	}

	/** 403 unless a user holds at least {@code required} in {@code workspace}. */
	public void requireRole(UUID workspace, Role required) {
		if (this.agent) {
			throw ApiException.forbidden("Agent keys cannot call this endpoint");
		}
		Role role = this.grants.get(workspace);
		if (role == null) {
			throw new ApiException(ErrorCode.WORKSPACE_ACCESS_DENIED, "Your token does not grant this workspace",
					Map.of("workspace_id", workspace.toString()));
		}
		if (!role.atLeast(required)) {
			throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS,
					"This requires the " + required.code() + " role or higher",
					Map.of("required_role", required.code(), "role", role.code()));
		}
	}

}
