package com.agentobs.contracts.hash;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.erdtman.jcs.JsonCanonicalizer;

/**
 * {@code config_hash}: SHA-256 (lowercase hex) of the RFC 8785 canonical form of a JSON document.
 * Canonical JSON sorts object keys by UTF-16 code units, drops insignificant whitespace and prints
 * numbers the ECMAScript way, so key order or spacing never changes the hash; agents, the seeder
 * and the control plane compute the same value.
 */
public final class ConfigHash {

	private ConfigHash() {
	}

	/** The RFC 8785 canonical text of {@code json} (any valid JSON text). */
	public static String canonical(String json) {
		try {
			return new JsonCanonicalizer(json).getEncodedString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Not canonicalisable JSON", ex);
		}
	}

	/** SHA-256 hex of {@link #canonical(String)}. */
	public static String of(String json) {
		return Sha256.hex(canonical(json));
	}

}
