package com.agentobs.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Resolves the test stores once, when the JUnit launcher session opens (registered through
 * {@code META-INF/services}), so that any fallback container URLs are system properties before
 * the first Spring test context reads {@code AGENTOBS_TEST_DB_URL} and {@code AGENTOBS_TEST_REDIS_URL}.
 */
public final class StoresSessionListener implements LauncherSessionListener {

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		TestStores.resolve();
	}

}
