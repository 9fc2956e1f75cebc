package com.agentobs.testsupport;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Resolves the test stores once per test plan that holds an integration test (a class named
 * {@code *IT}), before its first class runs (registered through {@code META-INF/services}), so
 * that any fallback container URLs are system properties before a Spring test context reads
 * {@code AGENTOBS_TEST_DB_URL} and {@code AGENTOBS_TEST_REDIS_URL}. Unit-test runs never probe.
 */
public final class StoresListener implements TestExecutionListener {

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		boolean integration = testPlan.getRoots()
			.stream()
			.flatMap((root) -> testPlan.getDescendants(root).stream())
			.anyMatch(StoresListener::isIntegrationTestClass);
		if (integration) {
			TestStores.resolve();
		}
	}

	private static boolean isIntegrationTestClass(TestIdentifier identifier) {
		return identifier.getSource()
			.filter(ClassSource.class::isInstance)
			.map((source) -> ((ClassSource) source).getClassName().endsWith("IT"))
			.orElse(false);
	}

}
