package com.agentobs.testsupport;

import java.sql.SQLException;
import java.util.UUID;

/**
 * A workspace of its own in the test database, written as the owner role, with a random
 * slug so tests never depend on an empty database or on each other. {@link #close()} deletes
 * the workspace and, through its foreign keys, everything the test wrote into it.
 */
public final class TestTenant implements AutoCloseable {

	private final UUID id;

	private final String slug;

	private TestTenant(UUID id, String slug) {
		this.id = id;
		this.slug = slug;
	}

	/** A new workspace named {@code label}, slug {@code <label>-<random>}. */
	public static TestTenant create(String label) {
		String slug = label + "-" + UUID.randomUUID().toString().substring(0, 12);
		UUID id = UUID.randomUUID();
		execute("INSERT INTO workspaces (id, name, slug) VALUES (?, ?, ?)", id, label, slug);
		return new TestTenant(id, slug);
	}

	public UUID id() {
		return this.id;
	}

	public String slug() {
		return this.slug;
	}

	/**
	 * Registers an agent in this workspace as ingestion would (its id doubles as its name; version
	 * v2.1 on gpt-4o by openai; department and environment left to their defaults); returns the id.
	 */
	public String agent(String agentId) {
		execute("INSERT INTO agents (workspace_id, agent_id, name, version, model, model_provider)"
				+ " VALUES (?, ?, ?, 'v2.1', 'gpt-4o', 'openai')", this.id, agentId, agentId);
		return agentId;
	}

	@Override
	public void close() {
		execute("DELETE FROM workspaces WHERE id = ?", this.id);
	}

	private static void execute(String sql, Object... params) {
		try {
			TestStores.ownerUpdate(sql, params);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

}
