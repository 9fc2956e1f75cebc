package com.agentobs.contracts.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lowercase hex SHA-256: the one digest helper (API-key hashes, cache keys, config hashes, ETags). */
public final class Sha256 {

	private Sha256() {
	}

	public static String hex(byte[] value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	public static String hex(String value) {
		return hex(value.getBytes(StandardCharsets.UTF_8));
	}

}
