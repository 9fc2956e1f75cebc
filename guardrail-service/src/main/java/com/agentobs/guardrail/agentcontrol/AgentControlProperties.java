package com.agentobs.guardrail.agentcontrol;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code agentobs.agent-control.*}.
 *
 * @param configCacheMaxEntries agents whose effective configuration is kept in memory
 * (AGENTOBS_CONFIG_CACHE_MAX_ENTRIES, default 100000; 0 turns the cache off and every read
 * goes to the database)
 * @param listenerCheckInterval how often the change listener checks its connection while no
 * notification arrives (default 5s); a lost connection bypasses the cache until it is back
 * @param configFastPath whether a configuration read held in memory is answered by
 * {@link AgentConfigFastPath} before the security filter chain and the dispatcher, with the
 * same checks (AGENTOBS_CONFIG_FAST_PATH, default true); false: every read goes through them
 */
@ConfigurationProperties("agentobs.agent-control")
record AgentControlProperties(Integer configCacheMaxEntries, Duration listenerCheckInterval,
		Boolean configFastPath) {

	AgentControlProperties {
		if (configCacheMaxEntries == null) {
			configCacheMaxEntries = 100_000;
		}
		if (configCacheMaxEntries < 0) {
			throw new IllegalArgumentException("agentobs.agent-control.config-cache-max-entries must be >= 0");
		}
		if (listenerCheckInterval == null) {
			listenerCheckInterval = Duration.ofSeconds(5);
		}
		if (configFastPath == null) {
			configFastPath = true;
		}
	}

}
