package com.agentobs.contracts.tenancy;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction scoped to one workspace: sets {@code app.workspace_id} for
 * the transaction only, which the row-level security policies (V005) read. Services
 * still filter on {@code workspace_id} themselves; RLS is the line behind that.
 */
public class WorkspaceTransactions {

	private static final String SET_WORKSPACE = "SELECT set_config('app.workspace_id', ?, true)";

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	public WorkspaceTransactions(TransactionTemplate transactions, JdbcClient jdbc) {
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	public <T> T inWorkspace(UUID workspaceId, Supplier<T> work) {
		if (workspaceId == null) {
			throw new IllegalArgumentException("workspaceId is required");
		}
		return this.transactions.execute((status) -> {
			this.jdbc.sql(SET_WORKSPACE).param(workspaceId.toString()).query(String.class).single();
			return work.get();
		});
	}

	public void runInWorkspace(UUID workspaceId, Runnable work) {
		inWorkspace(workspaceId, () -> {
			work.run();
			return null;
		});
	}

}
