package com.agentobs.contracts.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How services validate access tokens ({@code agentobs.security.*}).
 *
 * @param jwkSetUri JWKS of the issuer (AGENTOBS_JWKS_URI; default: the gateway's
 * built-in identity provider). Point it at an external OIDC issuer's JWKS to replace it.
 * @param issuer expected {@code iss} (AGENTOBS_JWT_ISSUER)
 * @param publicKeyLocation a PEM RSA public key used instead of the JWKS (tests, offline)
 * @param acceptApiKeys whether agents may call this service directly with {@code X-API-Key}
 * (ingestion and the agent configuration read; everything else only through the gateway)
 * @param apiKeyCacheTtl how long a key lookup is cached (a revoked key works at most this long)
 * @param verifiedTokenCacheSize access tokens remembered after their signature check, until
 * they expire (AGENTOBS_VERIFIED_TOKEN_CACHE_SIZE, default 10000; 0 verifies every request)
 * @param serviceTokens how this service signs the tokens it calls other services with
 */
@ConfigurationProperties("agentobs.security")
public record SecurityProperties(String jwkSetUri, String issuer, Resource publicKeyLocation, boolean acceptApiKeys,
		java.time.Duration apiKeyCacheTtl, Integer verifiedTokenCacheSize, ServiceTokenSettings serviceTokens) {

	/**
	 * The key a service signs its service tokens with ({@code agentobs.security.service-tokens.*}).
	 *
	 * @param signingKeyLocation the identity provider's private key, PEM PKCS#8 (AGENTOBS_JWT_PRIVATE_KEY;
	 * empty: {@code jwt-private.pem} in the key directory)
	 * @param keyDir the gateway's key directory, where its generated key pair is kept (AGENTOBS_KEY_DIR)
	 * @param ttl lifetime of one service token
	 */
	public record ServiceTokenSettings(String signingKeyLocation, String keyDir, java.time.Duration ttl) {

		public ServiceTokenSettings {
			keyDir = (keyDir == null || keyDir.isBlank()) ? ".run/keys" : keyDir;
			ttl = (ttl == null) ? java.time.Duration.ofMinutes(5) : ttl;
		}

	}

	public SecurityProperties {
		if (jwkSetUri == null || jwkSetUri.isBlank()) {
			jwkSetUri = "http://127.0.0.1:8000/.well-known/jwks.json";
		}
		if (issuer == null || issuer.isBlank()) {
			issuer = TokenClaims.ISSUER;
		}
		if (verifiedTokenCacheSize == null) {
			verifiedTokenCacheSize = 10_000;
		}
		if (apiKeyCacheTtl == null) {
			apiKeyCacheTtl = java.time.Duration.ofSeconds(5);
		}
		if (serviceTokens == null) {
			serviceTokens = new ServiceTokenSettings(null, null, null);
		}
	}

}
