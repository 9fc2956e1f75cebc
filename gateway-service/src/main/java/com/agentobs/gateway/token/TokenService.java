package com.agentobs.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.contracts.security.VerifiedTokens;
import com.agentobs.gateway.system.GatewayProperties;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Signs the access tokens of the built-in identity provider (RS256, {@code iss=agentobs},
 * the claims of {@link TokenClaims}) and verifies incoming ones, against the built-in key
 * or, when configured, an external issuer's JWKS.
 */
@Component
public class TokenService {

	/** What an agent token may do: send traces and read its agent's configuration. */
	public static final List<String> AGENT_PERMISSIONS = List.of(TokenClaims.PERMISSION_INGEST,
			TokenClaims.PERMISSION_CONFIG_READ);

	private final VerifiedTokens verified;

	private final NimbusJwtEncoder encoder;

	private final ReactiveJwtDecoder decoder;

	private final SigningKeys keys;

	private final GatewayProperties.Tokens tokens;

	private final Clock clock;

	TokenService(SigningKeys keys, GatewayProperties properties, Clock clock) {
		this.keys = keys;
		this.tokens = properties.tokens();
		this.clock = clock;
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.jwk())));
		NimbusReactiveJwtDecoder decoder = (this.tokens.externalJwkSetUri() != null)
				? NimbusReactiveJwtDecoder.withJwkSetUri(this.tokens.externalJwkSetUri()).build()
				: NimbusReactiveJwtDecoder.withPublicKey(keys.publicKey()).build();
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(TokenClaims.ISSUER)));
		this.decoder = decoder;
		this.verified = new VerifiedTokens(this.tokens.verifiedTokenCacheSize(), clock);
	}

	public IssuedToken mintUser(UUID userId, String email, String name, Map<UUID, Role> workspaces) {
		Map<String, Object> grants = new LinkedHashMap<>();
		workspaces.forEach((ws, role) -> grants.put(ws.toString(), role.code()));
		Instant now = this.clock.instant();
		JwtClaimsSet.Builder claims = base(userId.toString(), TokenClaims.TYPE_USER, grants, List.of(), now,
				now.plus(this.tokens.accessTtl()))
			.claim(TokenClaims.EMAIL, email);
		if (name != null) {
			claims.claim(TokenClaims.NAME, name);
		}
		return new IssuedToken(encode(claims.build()), now.plus(this.tokens.accessTtl()));
	}

	/** The internal token an API key is exchanged for: its one workspace, agent permissions only. */
	public IssuedToken mintAgent(UUID apiKeyId, UUID workspaceId) {
		Instant now = this.clock.instant();
		Instant expires = now.plus(this.tokens.agentTtl());
		JwtClaimsSet claims = base("apikey:" + apiKeyId, TokenClaims.TYPE_AGENT,
				Map.of(workspaceId.toString(), Role.VIEWER.code()), AGENT_PERMISSIONS, now, expires)
			.build();
		return new IssuedToken(encode(claims), expires);
	}

	/**
	 * Verifies signature, issuer and expiry; errors with a {@code JwtException} otherwise. A
	 * token that verified is remembered until it expires (a token cannot be revoked before
	 * then anyway), so a client reusing its token costs a map lookup, not a signature check.
	 */
	public Mono<Jwt> verify(String token) {
		Jwt known = this.verified.get(token);
		return (known != null) ? Mono.just(known)
				: this.decoder.decode(token).map((jwt) -> this.verified.remember(token, jwt));
	}

	private JwtClaimsSet.Builder base(String subject, String type, Map<String, Object> workspaces,
			List<String> permissions, Instant now, Instant expires) {
		return JwtClaimsSet.builder()
			.issuer(TokenClaims.ISSUER)
			.subject(subject)
			.id(UUID.randomUUID().toString())
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(expires)
			.claim(TokenClaims.TYPE, type)
			.claim(TokenClaims.WORKSPACES, workspaces)
			.claim(TokenClaims.PERMISSIONS, permissions);
	}

	private String encode(JwtClaimsSet claims) {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keys.keyId()).type("JWT").build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	public record IssuedToken(String value, Instant expiresAt) {
	}

}
