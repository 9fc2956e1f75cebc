package com.agentobs.contracts.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs access tokens with the test key pair whose public half the {@code test} profile
 * trusts ({@code agentobs-test-jwt-public.pem}), so integration tests call services the
 * way the gateway's tokens would.
 */
public final class TestJwts {

	private static final NimbusJwtEncoder ENCODER = encoder();

	private TestJwts() {
	}

	/** A user token granting each workspace with its role. */
	public static String user(UUID userId, Map<UUID, Role> workspaces) {
		Map<String, Object> grants = new LinkedHashMap<>();
		workspaces.forEach((ws, role) -> grants.put(ws.toString(), role.code()));
		return sign(userId.toString(), TokenClaims.TYPE_USER, grants, List.of(), Instant.now().plusSeconds(600));
	}

	public static String user(UUID workspaceId, Role role) {
		return user(UUID.randomUUID(), Map.of(workspaceId, role));
	}

	/** An agent token, as the gateway issues for an API key. */
	public static String agent(UUID apiKeyId, UUID workspaceId, List<String> permissions) {
		return sign("apikey:" + apiKeyId, TokenClaims.TYPE_AGENT, Map.of(workspaceId.toString(), Role.VIEWER.code()),
				permissions, Instant.now().plusSeconds(300));
	}

	/** Service tokens signed with the test key, as a service calling another mints them. */
	public static ServiceTokens serviceTokens() {
		return new ServiceTokens(new SecurityProperties.ServiceTokenSettings("classpath:agentobs-test-jwt-private.pem",
				null, null), java.time.Clock.systemUTC());
	}

	public static String expired(UUID workspaceId, Role role) {
		return sign(UUID.randomUUID().toString(), TokenClaims.TYPE_USER, Map.of(workspaceId.toString(), role.code()),
				List.of(), Instant.now().minusSeconds(120));
	}

	public static String sign(String subject, String type, Map<String, Object> workspaces, List<String> permissions,
			Instant expiresAt) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(TokenClaims.ISSUER)
			.subject(subject)
			.issuedAt(expiresAt.minusSeconds(900))
			.expiresAt(expiresAt)
			.claim(TokenClaims.TYPE, type)
			.claim(TokenClaims.WORKSPACES, workspaces)
			.claim(TokenClaims.PERMISSIONS, permissions)
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("agentobs-test").build();
		return ENCODER.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	private static NimbusJwtEncoder encoder() {
		try {
			RSAPublicKey publicKey = ResourceServerAutoConfiguration.parsePem(read("/agentobs-test-jwt-public.pem"));
			String pem = read("/agentobs-test-jwt-private.pem").replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
				.replaceAll("\\s", "");
			RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
			RSAKey jwk = new RSAKey.Builder(publicKey).privateKey(privateKey).keyID("agentobs-test").build();
			return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot load the test key pair", ex);
		}
	}

	private static String read(String resource) throws IOException {
		try (InputStream in = TestJwts.class.getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

}
