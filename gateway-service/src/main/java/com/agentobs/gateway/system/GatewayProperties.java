package com.agentobs.gateway.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything the gateway is configured with ({@code agentobs.gateway.*}); each property and
 * its environment variable is listed in {@code application.yml}.
 */
@ConfigurationProperties("agentobs.gateway")
public record GatewayProperties(Services services, Tokens tokens, Keys keys, Login login, RateLimit rateLimit,
		Http http, Frontend frontend, Management management) {

	public GatewayProperties {
		services = (services != null) ? services : new Services(null, null, null, null, null, null, null);
		tokens = (tokens != null) ? tokens : new Tokens(null, null, null, null, null, null);
		keys = (keys != null) ? keys : new Keys(null, null, null);
		login = (login != null) ? login : new Login(0, null, 0, null, null, null);
		rateLimit = (rateLimit != null) ? rateLimit : new RateLimit(true, null, null);
		http = (http != null) ? http : new Http(null, null, null, null, 0, null);
		frontend = (frontend != null) ? frontend : new Frontend(null);
		management = (management != null) ? management : new Management(null);
	}

	/** Base URLs of the services behind the gateway. */
	public record Services(URI ingestion, URI processing, URI query, URI evaluation, URI guardrail, URI alert,
			URI gemini) {

		public Services {
			ingestion = orDefault(ingestion, 8001);
			processing = orDefault(processing, 8002);
			query = orDefault(query, 8003);
			evaluation = orDefault(evaluation, 8004);
			guardrail = orDefault(guardrail, 8005);
			alert = orDefault(alert, 8006);
			gemini = orDefault(gemini, 8007);
		}

		private static URI orDefault(URI uri, int port) {
			return (uri != null) ? uri : URI.create("http://127.0.0.1:" + port);
		}

	}

	/**
	 * Token lifetimes. {@code externalJwkSetUri}: when set, user tokens are verified against
	 * an external OIDC issuer's JWKS instead of the built-in key. {@code verifiedTokenCacheSize}:
	 * tokens remembered after their signature check until they expire (0 = verify every request).
	 */
	public record Tokens(Duration accessTtl, Duration refreshTtl, Duration agentTtl, Duration apiKeyCacheTtl,
			String externalJwkSetUri, Integer verifiedTokenCacheSize) {

		public Tokens {
			accessTtl = (accessTtl != null) ? accessTtl : Duration.ofMinutes(15);
			refreshTtl = (refreshTtl != null) ? refreshTtl : Duration.ofDays(7);
			agentTtl = (agentTtl != null) ? agentTtl : Duration.ofMinutes(5);
			apiKeyCacheTtl = (apiKeyCacheTtl != null) ? apiKeyCacheTtl : Duration.ofSeconds(5);
			externalJwkSetUri = (externalJwkSetUri != null && !externalJwkSetUri.isBlank()) ? externalJwkSetUri : null;
			verifiedTokenCacheSize = (verifiedTokenCacheSize != null) ? verifiedTokenCacheSize : 10_000;
		}

	}

	/** The RS256 key pair: PEM files, or generated once and kept in {@code dir}. */
	public record Keys(String privateKeyLocation, String publicKeyLocation, Path dir) {

		public Keys {
			dir = (dir != null) ? dir : Path.of(".run", "keys");
			privateKeyLocation = (privateKeyLocation != null && !privateKeyLocation.isBlank()) ? privateKeyLocation
					: null;
			publicKeyLocation = (publicKeyLocation != null && !publicKeyLocation.isBlank()) ? publicKeyLocation : null;
		}

	}

	/**
	 * Brute-force protection: failures per email and IP before a lockout of {@code lockout}; and,
	 * whatever the source address, failures per account before each further attempt must wait a
	 * backoff that doubles from {@code accountBackoff} up to {@code accountMaxBackoff}. The account
	 * count is forgotten after {@code accountWindow} without a failure, so the real user is never
	 * locked out for longer than the largest backoff once guessing stops.
	 */
	public record Login(int maxFailures, Duration lockout, int accountMaxFailures, Duration accountBackoff,
			Duration accountMaxBackoff, Duration accountWindow) {

		public Login {
			maxFailures = (maxFailures > 0) ? maxFailures : 5;
			lockout = (lockout != null) ? lockout : Duration.ofMinutes(15);
			accountMaxFailures = (accountMaxFailures > 0) ? accountMaxFailures : 20;
			accountBackoff = (accountBackoff != null) ? accountBackoff : Duration.ofSeconds(1);
			accountMaxBackoff = (accountMaxBackoff != null) ? accountMaxBackoff : Duration.ofMinutes(5);
			accountWindow = (accountWindow != null) ? accountWindow : Duration.ofHours(1);
		}

	}

	/** Token buckets; a workspace may override its own in {@code workspaces.settings.rate_limit}. */
	public record RateLimit(boolean enabled, Bucket workspace, Bucket apiKey) {

		public RateLimit {
			workspace = (workspace != null) ? workspace : new Bucket(200, 400);
			apiKey = (apiKey != null) ? apiKey : new Bucket(500, 1000);
		}

	}

	public record Bucket(double requestsPerSecond, int burst) {

		public Bucket {
			if (requestsPerSecond <= 0 || burst < 1) {
				throw new IllegalArgumentException("a rate limit needs requests-per-second > 0 and burst >= 1");
			}
		}

	}

	/**
	 * Edge settings: body size limit, CORS, downstream timeouts and retries for idempotent calls,
	 * and how long a connection may take to send a complete request head.
	 */
	public record Http(DataSize maxRequestSize, List<String> corsAllowedOrigins, Duration responseTimeout,
			Duration retryFirstBackoff, int retries, Duration headerReadTimeout) {

		public Http {
			maxRequestSize = (maxRequestSize != null) ? maxRequestSize : DataSize.ofMegabytes(10);
			corsAllowedOrigins = (corsAllowedOrigins != null) ? List.copyOf(corsAllowedOrigins)
					: List.of("http://localhost:5173", "http://127.0.0.1:5173");
			responseTimeout = (responseTimeout != null) ? responseTimeout : Duration.ofSeconds(30);
			retryFirstBackoff = (retryFirstBackoff != null) ? retryFirstBackoff : Duration.ofMillis(100);
			retries = (retries >= 0) ? retries : 3;
			headerReadTimeout = (headerReadTimeout != null) ? headerReadTimeout : Duration.ofSeconds(20);
		}

	}

	/** The dashboard's built files ({@code frontend/dist}). */
	public record Frontend(Path dir) {

		public Frontend {
			dir = (dir != null) ? dir : Path.of("frontend", "dist");
		}

	}

	/** The bearer token the metrics endpoints require; without one they are not served at all. */
	public record Management(String metricsToken) {

		public Management {
			metricsToken = (metricsToken != null && !metricsToken.isBlank()) ? metricsToken : null;
		}

	}

}
