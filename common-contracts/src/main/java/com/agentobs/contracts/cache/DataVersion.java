package com.agentobs.contracts.cache;

import java.util.UUID;

/**
 * The per-workspace data version. Processing INCRs it after each
 * committed batch and the action pattern after each completed action; readers put the
 * current value into every cache key, so a bump makes all older entries unreachable and
 * they simply age out (no pattern deletes on request paths).
 */
public final class DataVersion {

	private DataVersion() {
	}

	/** The Redis key holding the workspace's version ({@code INCR} it; absent means 0). */
	public static String key(UUID workspaceId) {
		if (workspaceId == null) {
			throw new IllegalArgumentException("workspaceId is required");
		}
		return "data_version:" + workspaceId;
	}

}
