package com.agentobs.processing.write;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.agentobs.processing.system.ProcessingProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each workspace's {@link PriceTable}, read at most once per {@code cache.ttl}: prices change
 * rarely, and a read per batch would cost a round trip on the commit path.
 */
@Component
class PriceCache {

	static final String FIND_PRICES = """
			SELECT workspace_id, model, model_provider, price_per_1k_tokens_usd, price_per_1k_input_usd,
			       price_per_1k_output_usd, effective_from
			FROM model_prices WHERE workspace_id IS NULL OR workspace_id = ?::uuid
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final long ttlMillis;

	private final Map<UUID, Map.Entry<Long, PriceTable>> tables = new ConcurrentHashMap<>();

	PriceCache(JdbcClient jdbc, Clock clock, ProcessingProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ttlMillis = properties.cache().ttl().toMillis();
	}

	/** Must run inside a transaction that has set {@code app.workspace_id} to {@code workspaceId}. */
	PriceTable prices(UUID workspaceId) {
		long now = this.clock.millis();
		Map.Entry<Long, PriceTable> cached = this.tables.get(workspaceId);
		if (cached != null && now - cached.getKey() < this.ttlMillis) {
			return cached.getValue();
		}
		List<PriceTable.Price> rows = this.jdbc.sql(FIND_PRICES)
			.param(workspaceId.toString())
			.query((rs, n) -> new PriceTable.Price(rs.getObject("workspace_id", UUID.class), rs.getString("model"),
					rs.getString("model_provider"), rs.getBigDecimal("price_per_1k_tokens_usd"),
					rs.getBigDecimal("price_per_1k_input_usd"), rs.getBigDecimal("price_per_1k_output_usd"),
					rs.getTimestamp("effective_from").toInstant()))
			.list();
		PriceTable table = new PriceTable(rows);
		this.tables.put(workspaceId, Map.entry(now, table));
		return table;
	}

}
