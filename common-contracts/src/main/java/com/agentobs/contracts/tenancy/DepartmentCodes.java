package com.agentobs.contracts.tenancy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.agentobs.contracts.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The department codes of a workspace, and the check every {@code department} filter passes: a code
 * that names no department of the caller's workspace is a 400 naming {@code department} and the codes
 * it has. Why: an unknown code would filter every chart and list to nothing, which reads as "no
 * traffic" rather than "no such department".
 *
 * <p>A code read within the last {@link #FRESH} passes without a database read, so a cached dashboard
 * answer stays a cache hit; any other code is checked against a fresh read (a department created a
 * moment ago is accepted at once, one deleted stays accepted for up to {@link #FRESH}).
 */
public class DepartmentCodes {

	static final Duration FRESH = Duration.ofSeconds(30);

	private static final String SELECT_CODES = """
			SELECT department_code FROM departments WHERE workspace_id = ? ORDER BY department_code
			""";

	private record Read(List<String> codes, long atNanos) {
	}

	private final WorkspaceTransactions transactions;

	private final JdbcClient jdbc;

	private final Map<UUID, Read> reads = new ConcurrentHashMap<>();

	public DepartmentCodes(WorkspaceTransactions transactions, JdbcClient jdbc) {
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	/** The workspace's department codes, in order, read now. */
	public List<String> of(UUID workspaceId) {
		List<String> codes = this.transactions.inWorkspace(workspaceId,
				() -> this.jdbc.sql(SELECT_CODES).param(workspaceId).query(String.class).list());
		this.reads.put(workspaceId, new Read(codes, System.nanoTime()));
		return codes;
	}

	/** Nothing for a null code or one of the workspace's; otherwise the 400 of {@link #unknown}. */
	public void requireKnown(UUID workspaceId, String code) {
		if (code == null) {
			return;
		}
		Read last = this.reads.get(workspaceId);
		if (last != null && System.nanoTime() - last.atNanos() < FRESH.toNanos() && last.codes().contains(code)) {
			return;
		}
		List<String> codes = of(workspaceId);
		if (!codes.contains(code)) {
			throw unknown(code, codes);
		}
	}

	/** The 400 for a department code the workspace does not have, listing the ones it has. */
	public static ApiException unknown(String code, List<String> known) {
		return ApiException.validation("department", "unknown department code '" + code + "'", known);
	}

}
