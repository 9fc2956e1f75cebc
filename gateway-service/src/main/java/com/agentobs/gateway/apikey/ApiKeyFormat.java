package com.agentobs.gateway.apikey;

import java.security.SecureRandom;
import java.util.Base64;

import com.agentobs.contracts.security.ApiKeys;

/**
 * {@code ao_live_<43 url-safe chars>} (256 random bits). Stored only as the lowercase hex
 * SHA-256 of the whole key (what {@code agentobs_find_api_key} looks up) and the first 12
 * characters as the visible prefix.
 */
public final class ApiKeyFormat {

	public static final String PREFIX = "ao_live_";

	static final int VISIBLE_PREFIX_LENGTH = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeyFormat() {
	}

	static String generate() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	public static boolean looksLikeKey(String value) {
		return value != null && value.startsWith(PREFIX) && value.length() > PREFIX.length() + 8
				&& value.length() <= 128;
	}

	public static String hash(String key) {
		return ApiKeys.sha256Hex(key);
	}

	static String visiblePrefix(String key) {
		return key.substring(0, VISIBLE_PREFIX_LENGTH);
	}

}
