package com.agentobs.evaluation.online;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic sampling: a trace is in a rule's sample when
 * {@code u = first 8 bytes of SHA-256(seed + ":" + trace_id), read as an unsigned 64-bit
 * integer, divided by 2^64} is below the rule's rate. The seed is the rule's
 * {@code sampling_seed} ({@code default} unless set), so rules sharing a seed select nested sets
 * (two at 10 % score the same traces; one at 5 % scores a subset of them) and a replay selects
 * the same traces again; a rule with its own seed draws an independent sample.
 */
public final class Sampling {

	private static final double TWO_TO_64 = 18446744073709551616.0;

	private Sampling() {
	}

	/** {@code u} in [0, 1) for this seed and trace. */
	public static double position(String seed, String traceId) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			byte[] digest = sha.digest((seed + ":" + traceId).getBytes(StandardCharsets.UTF_8));
			long bits = ByteBuffer.wrap(digest, 0, 8).getLong();
			double unsigned = (bits >= 0) ? bits : bits + TWO_TO_64;
			return unsigned / TWO_TO_64;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

	public static boolean sampled(String seed, String traceId, double rate) {
		return rate >= 1 || (rate > 0 && position(seed, traceId) < rate);
	}

}
