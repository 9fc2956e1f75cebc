package com.agentobs.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Workspaces created one per test, all named {@code label} and all deleted by {@link #close()}
 * (from the test class's {@code @AfterAll}), so each test starts in an empty workspace.
 */
public final class TestTenants implements AutoCloseable {

	private final String label;

	private final List<TestTenant> created = new CopyOnWriteArrayList<>();

	public TestTenants(String label) {
		this.label = label;
	}

	/** A new workspace, deleted on {@link #close()}. */
	public TestTenant create() {
		TestTenant tenant = TestTenant.create(this.label);
		this.created.add(tenant);
		return tenant;
	}

	/** The workspace {@link #create()} made last. */
	public TestTenant last() {
		return this.created.get(this.created.size() - 1);
	}

	@Override
	public void close() {
		this.created.forEach(TestTenant::close);
	}

}
