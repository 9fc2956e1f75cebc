package com.agentobs.contracts.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CacheKeyTest {

	private static final UUID WS = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

	@Test
	void of_sortsAndDropsNullParameters() {
		Map<String, Object> params = new HashMap<>();
		params.put("range", "24h");
		params.put("environment", null);
		params.put("agent_id", "a-1");
		assertThat(CacheKey.of("home_kpis", WS, CacheKey.department("engineering"), 42, params))
			.isEqualTo("home_kpis:" + WS + ":dept:engineering:v42:agent_id=a-1&range=24h");
	}

	@Test
	void of_hashesParameters_whenLong() {
		String key = CacheKey.of("traces", WS, CacheKey.fleet(), 1, Map.of("q", "x".repeat(500)));
		assertThat(key).startsWith("traces:" + WS + ":fleet:v1:h").hasSizeLessThan(150);
	}

	@Test
	void scopeOf_prefersAgentThenDepartment() {
		assertThat(CacheKey.scopeOf("sales", "a-1")).isEqualTo("agent:a-1");
		assertThat(CacheKey.scopeOf("sales", null)).isEqualTo("dept:sales");
		assertThat(CacheKey.scopeOf(null, null)).isEqualTo("fleet");
	}

	@Test
	void of_rejectsDomainsOutsideSnakeCase() {
		assertThatIllegalArgumentException().isThrownBy(() -> CacheKey.of("Home:KPIs", WS, "fleet", 0, Map.of()));
	}

	@Test
	void ttls_matchTheConventions() {
		assertThat(CacheTtl.HOT.duration().toSeconds()).isEqualTo(30);
		assertThat(CacheTtl.WARM.duration().toMinutes()).isEqualTo(5);
		assertThat(CacheTtl.COLD.duration().toMinutes()).isEqualTo(30);
		assertThat(DataVersion.key(WS)).isEqualTo("data_version:" + WS);
	}

}
