package com.agentobs.contracts.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * A service's identity towards another service: a short-lived RS256 access token signed with the
 * identity provider's key (the one every service already trusts through its JWKS), granting one role
 * in one workspace. The subject names the caller ({@code service:evaluation}, {@code playbook:<id>}),
 * so the receiving service's audit trail says who acted; its role check is the one any user meets.
 * The key is read on first use: a service that never calls another needs none, and one that does
 * without a key gets an error naming the setting.
 */
public final class ServiceTokens {

	private final SecurityProperties.ServiceTokenSettings settings;

	private final Clock clock;

	private volatile NimbusJwtEncoder encoder;

	private volatile String keyId;

	public ServiceTokens(SecurityProperties.ServiceTokenSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** A token for {@code subject} acting with {@code role} in {@code workspaceId}; {@code name} is what audit shows. */
	public String mint(String subject, String name, UUID workspaceId, Role role) {
		load();
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(TokenClaims.ISSUER)
			.subject(subject)
			.id(UUID.randomUUID().toString())
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plus(this.settings.ttl()))
			.claim(TokenClaims.TYPE, TokenClaims.TYPE_USER)
			.claim(TokenClaims.WORKSPACES, Map.of(workspaceId.toString(), role.code()))
			.claim(TokenClaims.PERMISSIONS, List.of())
			.claim(TokenClaims.NAME, name)
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keyId).type("JWT").build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	private synchronized void load() {
		if (this.encoder != null) {
			return;
		}
		try {
			String location = this.settings.signingKeyLocation();
			String pem = (location != null && !location.isBlank())
					? new String(new DefaultResourceLoader().getResource(location).getInputStream().readAllBytes(),
							StandardCharsets.US_ASCII)
					: Files.readString(Path.of(this.settings.keyDir()).resolve("jwt-private.pem"));
			String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
			RSAPublicKey publicKey = (RSAPublicKey) factory
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			RSAKey jwk = new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
			this.keyId = jwk.getKeyID();
			this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
		}
		catch (Exception ex) {
			throw new IllegalStateException("No signing key for service tokens (" + ex.getClass().getSimpleName()
					+ "): set agentobs.security.service-tokens.signing-key-location (AGENTOBS_JWT_PRIVATE_KEY) or "
					+ "AGENTOBS_KEY_DIR", ex);
		}
	}

}
