package com.agentobs.processing.write;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.agentobs.processing.system.ProcessingProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each workspace's {@link PriceTable}, read at most once per {@code cache.ttl}: prices change
 * rarely, and a read per batch would cost a round trip on the commit path. The platform catalog is
 * read once per period for all workspaces, in file order (the order in which entries are tried).
 */
@Component
class PriceCache {

	static final String FIND_WORKSPACE_PRICES = """
			SELECT model, model_provider, price_per_1k_tokens_usd, price_per_1k_input_usd, price_per_1k_output_usd,
			       effective_from
			FROM model_prices WHERE workspace_id = ?::uuid
			""";

	static final String FIND_CATALOG = """
			SELECT model, provider, match_pattern, effective_from, input_per_1m_usd, output_per_1m_usd,
			       cached_input_per_1m_usd, cache_write_per_1m_usd, reasoning_per_1m_usd, total_per_1m_usd,
			       tier_input_tokens, input_tier_per_1m_usd, output_tier_per_1m_usd, cached_input_tier_per_1m_usd,
			       cache_write_tier_per_1m_usd
			FROM price_catalog
			ORDER BY position
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final long ttlMillis;

	private final Map<UUID, Map.Entry<Long, PriceTable>> tables = new ConcurrentHashMap<>();

	private volatile Map.Entry<Long, List<PriceTable.Price>> catalog;

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
		List<PriceTable.Price> own = this.jdbc.sql(FIND_WORKSPACE_PRICES)
			.param(workspaceId.toString())
			.query((rs, n) -> PriceTable.Price.workspace(rs.getString("model"), rs.getString("model_provider"),
					rs.getBigDecimal("price_per_1k_tokens_usd"), rs.getBigDecimal("price_per_1k_input_usd"),
					rs.getBigDecimal("price_per_1k_output_usd"), rs.getTimestamp("effective_from").toInstant()))
			.list();
		PriceTable table = new PriceTable(own, catalog(now));
		this.tables.put(workspaceId, Map.entry(now, table));
		return table;
	}

	private List<PriceTable.Price> catalog(long now) {
		Map.Entry<Long, List<PriceTable.Price>> cached = this.catalog;
		if (cached != null && now - cached.getKey() < this.ttlMillis) {
			return cached.getValue();
		}
		List<PriceTable.Price> rows = this.jdbc.sql(FIND_CATALOG)
			.query((rs, n) -> PriceTable.Price.catalog(rs.getString("model"), rs.getString("provider"),
					rs.getString("match_pattern"),
					rs.getDate("effective_from").toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant(),
					rs.getBigDecimal("input_per_1m_usd"), rs.getBigDecimal("output_per_1m_usd"),
					rs.getBigDecimal("cached_input_per_1m_usd"), rs.getBigDecimal("cache_write_per_1m_usd"),
					rs.getBigDecimal("reasoning_per_1m_usd"), rs.getBigDecimal("total_per_1m_usd"),
					(rs.getObject("tier_input_tokens") != null) ? new PriceTable.Tier(rs.getInt("tier_input_tokens"),
							rs.getBigDecimal("input_tier_per_1m_usd"), rs.getBigDecimal("output_tier_per_1m_usd"),
							rs.getBigDecimal("cached_input_tier_per_1m_usd"), rs.getBigDecimal("cache_write_tier_per_1m_usd"))
							: null))
			.list();
		this.catalog = Map.entry(now, rows);
		return rows;
	}

}
