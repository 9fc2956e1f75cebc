package com.agentobs.contracts.security;

import java.security.SecureRandom;
import java.util.Base64;

import com.agentobs.contracts.hash.Sha256;

/**
 * The one API-key format: {@code ao_live_<43 url-safe chars>} (256 random bits). Stored only as the
 * lowercase hex SHA-256 of the whole secret ({@code api_keys.key_hash}, what
 * {@code agentobs_find_api_key} looks up) and the first 12 characters as the visible prefix. The
 * gateway issues keys with it; the seeder issues the demo key with it.
 */
public final class ApiKeys {

	public static final String PREFIX = "ao_live_";

	public static final int VISIBLE_PREFIX_LENGTH = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeys() {
	}

	public static String generate() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	public static String sha256Hex(String key) {
		return Sha256.hex(key);
	}

	public static String visiblePrefix(String key) {
		return key.substring(0, VISIBLE_PREFIX_LENGTH);
	}

}
