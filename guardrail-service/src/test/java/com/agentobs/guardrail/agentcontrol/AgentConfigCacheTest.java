package com.agentobs.guardrail.agentcontrol;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentConfigCacheTest {

	private static final UUID WS = UUID.randomUUID();

	private static AgentConfigCache.Entry entry(String status) {
		return new AgentConfigCache.Entry(new AgentConfigResponse("a", status, "active", "production", "v1", null, null,
				null, null, List.of(), null, null, 1, java.util.Map.of(), null, List.of()), "\"" + status + "\"");
	}

	private static AgentConfigCache listening() {
		AgentConfigCache cache = new AgentConfigCache(new AgentControlProperties(100, null, null));
		cache.setListening(true);
		return cache;
	}

	@Test
	void secondRead_isServedFromMemory_untilEvicted() {
		AgentConfigCache cache = listening();
		AtomicInteger loads = new AtomicInteger();
		cache.get(WS, "a", () -> entry("active" + loads.incrementAndGet()));
		assertThat(cache.get(WS, "a", () -> entry("active" + loads.incrementAndGet())).etag()).isEqualTo("\"active1\"");
		cache.evict(WS, "a");
		assertThat(cache.get(WS, "a", () -> entry("paused")).config().status()).isEqualTo("paused");
		assertThat(cache.get(UUID.randomUUID(), "a", () -> entry("other")).config().status()).isEqualTo("other");
	}

	@Test
	void loadThatRacedWithAnEviction_isAnsweredButNotKept() {
		AgentConfigCache cache = listening();
		AgentConfigCache.Entry stale = cache.get(WS, "a", () -> {
			cache.evict(WS, "a"); // the change commits while this (older) read is in flight
			return entry("active");
		});
		assertThat(stale.config().status()).isEqualTo("active");
		assertThat(cache.isCached(WS, "a")).isFalse();
		assertThat(cache.get(WS, "a", () -> entry("paused")).config().status()).isEqualTo("paused");
	}

	@Test
	void withoutTheChangeListener_everyReadGoesToTheLoader() {
		AgentConfigCache cache = listening();
		cache.get(WS, "a", () -> entry("active"));
		cache.setListening(false);
		assertThat(cache.isCached(WS, "a")).isFalse();
		assertThat(cache.get(WS, "a", () -> entry("paused")).config().status()).isEqualTo("paused");
		assertThat(cache.isCached(WS, "a")).isFalse();
	}

}
