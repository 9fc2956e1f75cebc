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
 */
@ConfigurationProperties("agentobs.security")
public record SecurityProperties(String jwkSetUri, String issuer, Resource publicKeyLocation) {

	public SecurityProperties {
		if (jwkSetUri == null || jwkSetUri.isBlank()) {
			jwkSetUri = "http://127.0.0.1:8000/.well-known/jwks.json";
		}
		if (issuer == null || issuer.isBlank()) {
			issuer = TokenClaims.ISSUER;
		}
	}

}
