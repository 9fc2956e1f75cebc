package com.agentobs.gateway.apikey;

import com.agentobs.contracts.security.ApiKeys;

/** The gateway's view of the one key format in {@link ApiKeys}: generate, recognise, hash. */
public final class ApiKeyFormat {

	public static final String PREFIX = ApiKeys.PREFIX;

	private ApiKeyFormat() {
	}

	static String generate() {
		return ApiKeys.generate();
	}

	public static boolean looksLikeKey(String value) {
		return value != null && value.startsWith(PREFIX) && value.length() > PREFIX.length() + 8
				&& value.length() <= 128;
	}

	public static String hash(String key) {
		return ApiKeys.sha256Hex(key);
	}

	static String visiblePrefix(String key) {
		return ApiKeys.visiblePrefix(key);
	}

}
