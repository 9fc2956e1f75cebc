package com.agentobs.alert.automation;

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

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TokenClaims;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * The engine's service identity towards the services that own an action: a short-lived RS256
 * access token signed with the platform's identity-provider key (the one every service already
 * trusts through its JWKS), subject {@code playbook:<playbook_id>}, granting the operator role in
 * the execution's one workspace. The receiving service's action runner records it as
 * {@code actor_type = playbook}. No key configured and none in the key directory: remote steps
 * fail with a clear error (local steps still run).
 */
@Component
class ServiceTokens {

	private final AutomationProperties settings;

	private final Clock clock;

	private volatile NimbusJwtEncoder encoder;

	private volatile String keyId;

	ServiceTokens(AutomationProperties settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** A token for one playbook acting in one workspace. */
	String mint(UUID workspaceId, UUID playbookId) {
		load();
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(TokenClaims.ISSUER)
			.subject("playbook:" + playbookId)
			.id(UUID.randomUUID().toString())
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plus(this.settings.serviceTokenTtl()))
			.claim(TokenClaims.TYPE, TokenClaims.TYPE_USER)
			.claim(TokenClaims.WORKSPACES, Map.of(workspaceId.toString(), Role.OPERATOR.code()))
			.claim(TokenClaims.PERMISSIONS, List.of())
			.claim(TokenClaims.NAME, "playbook " + playbookId)
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keyId).type("JWT").build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	private synchronized void load() {
		if (this.encoder != null) {
			return;
		}
		String pem;
		try {
			String location = this.settings.signingKeyLocation();
			if (location != null && !location.isBlank()) {
				pem = new String(new DefaultResourceLoader().getResource(location).getInputStream().readAllBytes());
			}
			else {
				pem = Files.readString(Path.of(this.settings.keyDir()).resolve("jwt-private.pem"));
			}
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
			throw new IllegalStateException("No signing key for the engine's service tokens ("
					+ ex.getClass().getSimpleName() + "): set agentobs.alert.automation.signing-key-location", ex);
		}
	}

}
