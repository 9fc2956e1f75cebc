package com.agentobs.contracts.security;

/**
 * Claim names of the access tokens the gateway's identity provider signs (RS256) and every
 * service validates against its JWKS.
 * <ul>
 * <li>{@code sub}: the user id (UUID) or {@code apikey:<api_key_id>} for agents</li>
 * <li>{@value #TYPE}: {@value #TYPE_USER} or {@value #TYPE_AGENT}</li>
 * <li>{@value #WORKSPACES}: object {@code {workspace_id: role}}; an agent token grants one
 * workspace with role {@code viewer} and carries {@value #PERMISSIONS}</li>
 * <li>{@value #PERMISSIONS}: array, e.g. {@code ["ingest", "config:read"]} for agents</li>
 * </ul>
 */
public final class TokenClaims {

	public static final String ISSUER = "agentobs";

	public static final String TYPE = "typ";

	public static final String TYPE_USER = "user";

	public static final String TYPE_AGENT = "agent";

	public static final String WORKSPACES = "workspaces";

	public static final String PERMISSIONS = "perm";

	public static final String EMAIL = "email";

	public static final String NAME = "name";

	public static final String PERMISSION_INGEST = "ingest";

	public static final String PERMISSION_CONFIG_READ = "config:read";

	/** The header an agent or SDK sends its API key in (the gateway exchanges it). */
	public static final String API_KEY_HEADER = "X-API-Key";

	/** The header that selects the workspace; honoured only when the token grants it. */
	public static final String WORKSPACE_HEADER = "X-Workspace-ID";

	private TokenClaims() {
	}

}
