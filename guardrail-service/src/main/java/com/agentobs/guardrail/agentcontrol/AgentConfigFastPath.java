package com.agentobs.guardrail.agentcontrol;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.guardrail.system.FastPaths;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The read every agent makes on every request, {@code GET /api/v1/agents/{agent_id}/config},
 * answered before the security filter chain and the dispatcher when the configuration is in
 * {@link AgentConfigCache} — with the same checks, in the same order, as the normal path:
 * <ol>
 * <li>a bearer token the service's {@link JwtDecoder} accepts (signature, issuer, expiry: the
 * same decoder bean, so a token verified once is a map lookup in {@code VerifiedTokens});</li>
 * <li>the workspace: {@code X-Workspace-ID} when sent, else the token's only workspace, and it
 * must be granted by the token ({@code CallerInterceptor}'s rule);</li>
 * <li>a user with a known role in it (viewer or higher), or an agent token with
 * {@code config:read};</li>
 * <li>the agent in that workspace: only an entry cached for exactly (workspace, agent) is
 * served, which exists only after the normal path found the agent there.</li>
 * </ol>
 * It writes only 200 (the pre-serialised body, see {@link PreparedConfigBody}) and 304, with the
 * headers the normal path writes. Anything else — any failed check, an uncached agent, a query
 * string, conditional headers other than a matching {@code If-None-Match}, content negotiation,
 * CORS, TLS — goes on down the chain unchanged, so every 400/401/403/404 and every unusual case is
 * the normal path's own answer. No header is trusted alone.
 */
final class AgentConfigFastPath implements Filter {

	private static final String PREFIX = "/api/v1/agents/";

	private static final String SUFFIX = "/config";

	private static final String CACHE_CONTROL = AgentConfigController.CACHE_CONTROL.getHeaderValue();

	private final JwtDecoder decoder;

	private final AgentConfigCache cache;

	private final Clock clock;

	private final Counter served;

	private final Counter notModified;

	private static final int MAX_ACCESS_ENTRIES = 10_000;

	private final Map<Jwt, Access> access = new ConcurrentHashMap<>();

	AgentConfigFastPath(JwtDecoder decoder, AgentConfigCache cache, Clock clock, MeterRegistry meters) {
		this.decoder = decoder;
		this.cache = cache;
		this.clock = clock;
		this.served = Counter.builder("agentobs.agent.config.fast.reads")
			.description("Agent configuration reads answered before the security chain and the dispatcher")
			.tag("status", "200")
			.register(meters);
		this.notModified = Counter.builder("agentobs.agent.config.fast.reads")
			.description("Agent configuration reads answered before the security chain and the dispatcher")
			.tag("status", "304")
			.register(meters);
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
				|| !serve(request, response)) {
			chain.doFilter(req, res);
		}
	}

	/** {@code true} when answered here; {@code false} leaves the request to the normal path untouched. */
	private boolean serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!"GET".equals(request.getMethod()) || request.isSecure() || request.getQueryString() != null) {
			return false;
		}
		String agentId = agentId(request.getRequestURI());
		if (agentId == null || !plainRequest(request)) {
			return false;
		}
		Jwt jwt = FastPaths.bearerJwt(this.decoder, request);
		if (jwt == null) {
			return false; // the normal path answers 401 in its envelope
		}
		UUID workspaceId = grantedWorkspace(jwt, request.getHeader(TokenClaims.WORKSPACE_HEADER));
		if (workspaceId == null) {
			return false;
		}
		AgentConfigCache.Entry entry = this.cache.peek(workspaceId, agentId);
		if (entry == null || entry.body() == null) {
			return false;
		}
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null) {
			if (!printable(ifNoneMatch) || !AgentConfigController.matches(ifNoneMatch, entry.etag())) {
				return false; // a stale ETag: rare, answered by the controller
			}
			writeHeaders(response, HttpServletResponse.SC_NOT_MODIFIED, entry.etag());
			this.notModified.increment();
			return true;
		}
		byte[] body = entry.body().render(this.clock.instant());
		writeHeaders(response, HttpServletResponse.SC_OK, entry.etag());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		this.served.increment();
		return true;
	}

	/**
	 * The agent id of {@code /api/v1/agents/{agent_id}/config}, or {@code null}. Only plain ids
	 * (letters, digits, {@code - _ . ~}, not {@code .} or {@code ..}, at most 255): anything the
	 * firewall, URL decoding or path matching might treat specially stays on the normal path.
	 */
	static String agentId(String uri) {
		if (uri == null || !uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX)) {
			return null;
		}
		int start = PREFIX.length();
		int end = uri.length() - SUFFIX.length();
		if (end <= start || end - start > 255) {
			return null;
		}
		for (int i = start; i < end; i++) {
			char c = uri.charAt(i);
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.' || c == '~';
			if (!plain) {
				return null;
			}
		}
		String id = uri.substring(start, end);
		return (id.equals(".") || id.equals("..")) ? null : id;
	}

	/** No header that changes the normal path's answer (negotiation, CORS, API keys, other conditionals). */
	private static boolean plainRequest(HttpServletRequest request) {
		return FastPaths.plainRequest(request) && request.getHeader(HttpHeaders.IF_MATCH) == null
				&& request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) == null
				&& request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE) == null;
	}

	/**
	 * The workspace {@code CallerInterceptor} would select, when the token grants it with a role
	 * that may read this configuration; {@code null} for every other case (the normal path answers).
	 */
	UUID grantedWorkspace(Jwt jwt, String header) {
		Access access = this.access.get(jwt);
		if (access == null) {
			access = Access.of(jwt);
			if (this.access.size() >= MAX_ACCESS_ENTRIES) {
				this.access.clear();
			}
			this.access.put(jwt, access);
		}
		return access.workspace(header);
	}

	/**
	 * What a verified token allows on this path, read from its claims once: the decoder hands out
	 * the same {@link Jwt} instance for a token it remembers, so this is keyed by identity
	 * ({@code Jwt} does not override {@code equals}) and never outlives what the decoder accepts —
	 * the decoder is asked first on every request.
	 *
	 * @param readable granted workspace id (as in the claim) → whether this caller may read there
	 * @param only the only granted workspace, or {@code null}
	 */
	record Access(Map<String, Boolean> readable, String only) {

		static Access of(Jwt jwt) {
			Map<String, Object> grants = jwt.getClaimAsMap(TokenClaims.WORKSPACES);
			if (grants == null || grants.isEmpty()) {
				return new Access(Map.of(), null);
			}
			boolean agent = TokenClaims.TYPE_AGENT.equals(jwt.getClaimAsString(TokenClaims.TYPE));
			boolean agentMayRead = false;
			if (agent) {
				List<String> permissions = jwt.getClaimAsStringList(TokenClaims.PERMISSIONS);
				agentMayRead = permissions != null && permissions.contains(TokenClaims.PERMISSION_CONFIG_READ);
			}
			Map<String, Boolean> readable = new HashMap<>();
			for (Map.Entry<String, Object> grant : grants.entrySet()) {
				// a known role: every role is at least viewer, what a user needs; an agent needs config:read
				boolean knownRole = grant.getValue() != null && Role.fromCode(grant.getValue().toString()).isPresent();
				readable.put(grant.getKey(), knownRole && (!agent || agentMayRead));
			}
			return new Access(Map.copyOf(readable), (grants.size() == 1) ? grants.keySet().iterator().next() : null);
		}

		/** The selected workspace when readable, else {@code null}. */
		UUID workspace(String header) {
			String requested = (header != null) ? header : this.only;
			if (requested == null) {
				return null;
			}
			UUID workspaceId;
			try {
				workspaceId = UUID.fromString(requested);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
			return Boolean.TRUE.equals(this.readable.get(workspaceId.toString())) ? workspaceId : null;
		}

	}

	private static boolean printable(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

	/** The headers of the normal path's answer: ETag, Cache-Control and Spring Security's defaults. */
	private static void writeHeaders(HttpServletResponse response, int status, String etag) {
		response.setStatus(status);
		response.setHeader(HttpHeaders.ETAG, etag);
		response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		FastPaths.writeSecurityHeaders(response);
	}

}
