package com.agentobs.contracts.security;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Resolves the {@link Caller} of every {@code /api/**} request from the verified token,
 * selects the workspace ({@code X-Workspace-ID} and/or {@code workspace_id}, which must
 * agree; the only granted workspace when neither is sent) and enforces the endpoint's
 * {@link RequiresRole}. A workspace the token does not grant is 403
 * {@code WORKSPACE_ACCESS_DENIED}.
 */
class CallerInterceptor implements HandlerInterceptor {

	static final String ATTRIBUTE = Caller.REQUEST_ATTRIBUTE;

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw ApiException.unauthenticated("A valid bearer token or API key is required");
		}
		Caller caller = resolve(token.getToken(), request);
		request.setAttribute(ATTRIBUTE, caller);
		MDC.put("workspace_id", caller.workspaceId().toString());
		if (handler instanceof HandlerMethod method) {
			authorize(caller, method, request.getMethod());
		}
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		MDC.remove("workspace_id");
	}

	static Caller resolve(Jwt jwt, HttpServletRequest request) {
		Map<String, Object> grants = jwt.getClaimAsMap(TokenClaims.WORKSPACES);
		if (grants == null || grants.isEmpty()) {
			throw new ApiException(ErrorCode.WORKSPACE_ACCESS_DENIED, "The token grants no workspace", Map.of());
		}
		String header = request.getHeader(TokenClaims.WORKSPACE_HEADER);
		String param = request.getParameter("workspace_id");
		if (header != null && param != null && !header.equals(param)) {
			throw ApiException.validation("workspace_id", "must match the X-Workspace-ID header");
		}
		String requested = (header != null) ? header : param;
		if (requested == null) {
			if (grants.size() != 1) {
				throw ApiException.validation("X-Workspace-ID",
						"is required when the token grants several workspaces");
			}
			requested = grants.keySet().iterator().next();
		}
		UUID workspaceId;
		try {
			workspaceId = UUID.fromString(requested);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("X-Workspace-ID", "must be a workspace UUID");
		}
		Object granted = grants.get(workspaceId.toString());
		if (granted == null) {
			throw new ApiException(ErrorCode.WORKSPACE_ACCESS_DENIED, "Your token does not grant this workspace",
					Map.of("workspace_id", workspaceId.toString()));
		}
		boolean agent = TokenClaims.TYPE_AGENT.equals(jwt.getClaimAsString(TokenClaims.TYPE));
		Role role = Role.fromCode(granted.toString())
			.orElseThrow(() -> new ApiException(ErrorCode.WORKSPACE_ACCESS_DENIED, "Unknown role in token", Map.of()));
		List<String> permissions = jwt.getClaimAsStringList(TokenClaims.PERMISSIONS);
		Set<String> perms = (permissions != null) ? new HashSet<>(permissions) : Set.of();
		UUID userId = null;
		if (!agent) {
			try {
				userId = UUID.fromString(jwt.getSubject());
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				// external OIDC subjects need not be UUIDs
			}
		}
		return new Caller(jwt.getSubject(), userId, workspaceId, role, agent, perms);
	}

	static void authorize(Caller caller, HandlerMethod method, String httpMethod) {
		RequiresRole requirement = method.getMethodAnnotation(RequiresRole.class);
		if (requirement == null) {
			requirement = method.getBeanType().getAnnotation(RequiresRole.class);
		}
		authorize(caller, requirement, httpMethod);
	}

	static void authorize(Caller caller, RequiresRole requirement, String httpMethod) {
		if (caller.agent()) {
			if (requirement == null || requirement.agentPermission().isEmpty()) {
				throw ApiException.forbidden("Agent keys cannot call this endpoint");
			}
			caller.requirePermission(requirement.agentPermission());
			return;
		}
		Role required = (requirement != null) ? requirement.value()
				: ("GET".equals(httpMethod) || "HEAD".equals(httpMethod)) ? Role.VIEWER : Role.OPERATOR;
		caller.requireRole(required);
	}

}
