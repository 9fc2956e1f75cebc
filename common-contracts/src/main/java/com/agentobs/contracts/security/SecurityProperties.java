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
 */
@ConfigurationProperties("agentobs.security")
public record SecurityProperties(String jwkSetUri, String issuer, Resource publicKeyLocation, boolean acceptApiKeys,
		java.time.Duration apiKeyCacheTtl, Integer verifiedTokenCacheSize) {

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
	}

}
