package com.agentobs.guardrail.system;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.agentobs.contracts.security.CallerChecks;
import com.agentobs.contracts.security.TokenClaims;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What the fast paths share (a hot endpoint answered by a servlet filter before the security
 * filter chain and the dispatcher, with the normal path's own checks): where the filter sits,
 * which requests it may take at all, and the headers the normal path's answer carries. A fast
 * path must be indistinguishable from the normal path, so these rules live in one place.
 */
public final class FastPaths {

	private FastPaths() {
	}

	/**
	 * Registers {@code filter} right after the request-id filter (so the id is set and returned)
	 * and ahead of the HTTP observation filter, the security filter chain and the dispatcher; for
	 * {@code urlPattern} only, and only when {@code enabled}.
	 */
	public static <F extends Filter> FilterRegistrationBean<F> register(F filter, String urlPattern,
			boolean enabled) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		// the request-id filter is HIGHEST_PRECEDENCE; Boot's observation filter is also +1 and,
		// registered by an auto-configuration, sorts after this application bean
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.addUrlPatterns(urlPattern);
		registration.setEnabled(enabled);
		return registration;
	}

	/**
	 * No header that changes the normal path's answer in every fast path: an {@code Accept} other
	 * than JSON or anything (content negotiation), an {@code Origin} (CORS), an API key (resolved
	 * only by the security chain).
	 */
	public static boolean plainRequest(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept != null && !accept.equals("*/*") && !accept.equals(MediaType.APPLICATION_JSON_VALUE)) {
			return false;
		}
		return request.getHeader(HttpHeaders.ORIGIN) == null && request.getHeader(TokenClaims.API_KEY_HEADER) == null;
	}

	/**
	 * The request's bearer token as the service's own decoder accepts it (signature, issuer,
	 * expiry), or {@code null} when there is none or it is refused: the normal path then answers
	 * 401 in its envelope.
	 */
	public static Jwt bearerJwt(JwtDecoder decoder, HttpServletRequest request) {
		String token = CallerChecks.bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (token == null) {
			return null;
		}
		try {
			return decoder.decode(token);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** Spring Security's default response headers other than caching, which every normal-path answer carries. */
	public static void writeSecurityHeaders(HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-XSS-Protection", "0");
		response.setHeader("X-Frame-Options", "DENY");
	}

}
