package com.agentobs.contracts.cache;

import com.agentobs.contracts.hash.Sha256;

import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Builds cache keys {@code {domain}:{workspace_id}:{scope}:{identifier}}:
 * {@code scope} is {@code fleet}, {@code dept:{code}} or {@code agent:{agent_id}};
 * {@code identifier} is {@code v{data_version}:} followed by the sorted non-null
 * parameters, hashed (SHA-256, first 32 hex digits) when longer than
 * {@link #MAX_PARAMS_LENGTH}. Example:
 * {@code home_kpis:<ws>:dept:engineering:v42:range=24h}.
 */
public final class CacheKey {

	public static final int MAX_PARAMS_LENGTH = 160;

	private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private CacheKey() {
	}

	public static String fleet() {
		return "fleet";
	}

	public static String department(String code) {
		return "dept:" + Objects.requireNonNull(code, "code");
	}

	public static String agent(String agentId) {
		return "agent:" + Objects.requireNonNull(agentId, "agentId");
	}

	/** The narrowest scope the filters select: agent, else department, else fleet. */
	public static String scopeOf(String department, String agentId) {
		if (agentId != null) {
			return agent(agentId);
		}
		return (department != null) ? department(department) : fleet();
	}

	public static String of(String domain, UUID workspaceId, String scope, long dataVersion,
			Map<String, ?> params) {
		if (domain == null || !DOMAIN.matcher(domain).matches()) {
			throw new IllegalArgumentException("domain must be snake_case: " + domain);
		}
		Objects.requireNonNull(workspaceId, "workspaceId");
		Objects.requireNonNull(scope, "scope");
		return domain + ":" + workspaceId + ":" + scope + ":v" + dataVersion + ":" + identifierParams(params);
	}

	static String identifierParams(Map<String, ?> params) {
		StringJoiner joiner = new StringJoiner("&");
		new TreeMap<String, Object>(params).forEach((name, value) -> {
			if (value != null) {
				joiner.add(name + "=" + value);
			}
		});
		String joined = joiner.toString();
		return (joined.length() > MAX_PARAMS_LENGTH) ? "h" + sha256(joined).substring(0, 32) : joined;
	}

	private static String sha256(String value) {
		return Sha256.hex(value);
	}

}
