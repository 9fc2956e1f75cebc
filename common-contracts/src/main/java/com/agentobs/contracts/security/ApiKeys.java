package com.agentobs.contracts.security;

import com.agentobs.contracts.hash.Sha256;


/** How API keys are stored: the lowercase hex SHA-256 of the whole secret ({@code api_keys.key_hash}). */
public final class ApiKeys {

	private ApiKeys() {
	}

	public static String sha256Hex(String key) {
		return Sha256.hex(key);
	}

}
