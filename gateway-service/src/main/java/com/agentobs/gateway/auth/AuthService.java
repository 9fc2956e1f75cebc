package com.agentobs.gateway.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Role;
import com.agentobs.gateway.apikey.ApiKeyFormat;
import com.agentobs.gateway.system.GatewayProperties;
import com.agentobs.gateway.token.TokenService;
import com.agentobs.gateway.token.TokenService.IssuedToken;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Login, refresh and logout of the built-in identity provider. Blocking (BCrypt and JDBC):
 * the controller runs it on the bounded elastic scheduler.
 */
@Service
class AuthService {

	/** Compared against when the email is unknown, so both paths cost one BCrypt check. */
	private static final String DUMMY_HASH = new BCryptPasswordEncoder().encode("not-a-real-password");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final UserRepository users;

	private final RefreshTokenRepository refreshTokens;

	private final TokenService tokens;

	private final GatewayProperties.Tokens ttl;

	private final Clock clock;

	private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();

	AuthService(UserRepository users, RefreshTokenRepository refreshTokens, TokenService tokens,
			GatewayProperties properties, Clock clock) {
		this.users = users;
		this.refreshTokens = refreshTokens;
		this.tokens = tokens;
		this.ttl = properties.tokens();
		this.clock = clock;
	}

	/** Empty credentials or a wrong password: 401 with one message for both (no account probing). */
	TokenResponse login(String email, String password, ClientInfo client) {
		UserRepository.UserRow user = this.users.findByEmail(email.strip()).orElse(null);
		String hash = (user != null && user.passwordHash() != null) ? user.passwordHash() : DUMMY_HASH;
		boolean matches;
		try {
			matches = this.passwords.matches(password, hash);
		}
		catch (IllegalArgumentException ex) {
			// longer than BCrypt's 72 bytes: cannot be anyone's password
			matches = false;
		}
		if (user == null || user.passwordHash() == null || !matches || !user.active()) {
			throw badCredentials();
		}
		this.users.recordLogin(user.id());
		String refresh = newRefreshToken();
		this.refreshTokens.insert(user.id(), UUID.randomUUID(), ApiKeyFormat.hash(refresh),
				this.clock.instant().plus(this.ttl.refreshTtl()), client.ip(), client.userAgent());
		return issue(user, refresh);
	}

	TokenResponse refresh(String refreshToken, ClientInfo client) {
		Instant now = this.clock.instant();
		String next = newRefreshToken();
		UUID userId = this.refreshTokens
			.rotate(ApiKeyFormat.hash(refreshToken), ApiKeyFormat.hash(next), now, now.plus(this.ttl.refreshTtl()),
					client.ip(), client.userAgent())
			.orElseThrow(() -> ApiException.unauthenticated("The refresh token is invalid, expired or revoked"));
		UserRepository.UserRow user = this.users.findById(userId)
			.filter(UserRepository.UserRow::active)
			.orElseThrow(() -> ApiException.unauthenticated("The account is disabled"));
		return issue(user, next);
	}

	void logout(String refreshToken) {
		this.refreshTokens.revokeFamilyOf(ApiKeyFormat.hash(refreshToken));
	}

	private TokenResponse issue(UserRepository.UserRow user, String refreshToken) {
		List<UserRepository.Membership> memberships = this.users.memberships(user.id());
		Map<UUID, Role> grants = new LinkedHashMap<>();
		memberships.forEach((m) -> Role.fromCode(m.role()).ifPresent((role) -> grants.put(m.workspaceId(), role)));
		IssuedToken access = this.tokens.mintUser(user.id(), user.email(), user.displayName(), grants);
		return new TokenResponse(access.value(), "Bearer", this.ttl.accessTtl().toSeconds(), refreshToken,
				this.ttl.refreshTtl().toSeconds(), new TokenResponse.User(user.id(), user.email(), user.displayName()),
				memberships.stream()
					.map((m) -> new TokenResponse.Workspace(m.workspaceId(), m.slug(), m.name(), m.role()))
					.toList());
	}

	private static String newRefreshToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static ApiException badCredentials() {
		return ApiException.unauthenticated("Invalid email or password");
	}

	record ClientInfo(String ip, String userAgent) {
	}

	// POST /api/v1/auth/login and /api/v1/auth/refresh
	record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
			long refreshExpiresIn, User user, List<Workspace> workspaces) {

		record User(UUID id, String email, String displayName) {
		}

		record Workspace(UUID workspaceId, String slug, String name, String role) {
		}

	}

}
