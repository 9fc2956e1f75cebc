package com.agentobs.contracts.security;

import jakarta.servlet.http.HttpServletRequest;

import com.agentobs.contracts.error.ApiException;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * {@link CallerInterceptor}'s rules for a filter that answers a request ahead of the security chain
 * and the dispatcher (a fast path): the same workspace selection and the same role / agent
 * permission check, so such a filter never carries a second copy of them.
 */
public final class CallerChecks {

	/** The characters of a bearer token before its {@code =} padding (RFC 6750 b64token). */
	private static final boolean[] TOKEN_CHARS = new boolean[128];

	static {
		for (char c : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/".toCharArray()) {
			TOKEN_CHARS[c] = true;
		}
	}

	private CallerChecks() {
	}

	/**
	 * The caller of a request carrying {@code jwt} (already verified by the service's decoder),
	 * authorised as an endpoint annotated with {@code requirement} would be.
	 * @throws ApiException exactly what the normal path would answer (400, 403)
	 */
	public static Caller authorize(Jwt jwt, HttpServletRequest request, RequiresRole requirement) {
		Caller caller = CallerInterceptor.resolve(jwt, request);
		CallerInterceptor.authorize(caller, requirement, request.getMethod());
		return caller;
	}

	/**
	 * The token of {@code Authorization: Bearer <token>} in the exact form Spring Security's
	 * bearer token resolver accepts ({@code [a-zA-Z0-9-._~+/]+=*}), else {@code null}.
	 */
	public static String bearerToken(String authorization) {
		if (authorization == null || authorization.length() <= 7 || !authorization.startsWith("Bearer ")
				|| authorization.charAt(7) == '=') {
			return null;
		}
		int end = authorization.length();
		while (authorization.charAt(end - 1) == '=') {
			end--;
		}
		for (int i = 7; i < end; i++) {
			char c = authorization.charAt(i);
			if (c >= TOKEN_CHARS.length || !TOKEN_CHARS[c]) {
				return null;
			}
		}
		return authorization.substring(7);
	}

}
