package com.agentobs.contracts.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** A {@link JwtDecoder} that verifies each distinct token once ({@link VerifiedTokens}). */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final VerifiedTokens verified;

	CachingJwtDecoder(JwtDecoder delegate, VerifiedTokens verified) {
		this.delegate = delegate;
		this.verified = verified;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = this.verified.get(token);
		return (known != null) ? known : this.verified.remember(token, this.delegate.decode(token));
	}

}
