package com.agentobs.processing.write;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.agentobs.processing.system.ProcessingProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each workspace's {@link PriceTable}, read at most once per {@code cache.ttl}: prices change
 * rarely, and a read per batch would cost a round trip on the commit path. The platform catalog is
 * read once per period for all workspaces, in file order (the order in which entries are tried).
 *
 * <p>A workspace's own prices are its {@code workspace_prices} rows, then its legacy {@code model_prices}
 * rows. A workspace price matches its model id whole (optionally behind one provider prefix) and, when
 * the id names a catalog entry, every id of that entry too (an override of {@code gpt-4o} covers
 * {@code gpt-4o-2024-08-06}). A {@code deployment} row (an Azure deployment name) takes the rows of the
 * catalog entry it names, under its own id and provider.
 */
@Component
public class PriceCache {

	static final String FIND_OWN_PRICES = """
			SELECT model, provider, kind, catalog_model, input_per_1m_usd, output_per_1m_usd, cached_input_per_1m_usd,
			       cache_write_per_1m_usd, reasoning_per_1m_usd, effective_from
			FROM workspace_prices WHERE workspace_id = ?::uuid
			ORDER BY lower(model), effective_from
			""";

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
	public PriceTable prices(UUID workspaceId) {
		long now = this.clock.millis();
		Map.Entry<Long, PriceTable> cached = this.tables.get(workspaceId);
		if (cached != null && now - cached.getKey() < this.ttlMillis) {
			return cached.getValue();
		}
		return read(workspaceId, now);
	}

	/** The workspace's prices read now (a recompute must see a price added a moment ago); same transaction rule. */
	public PriceTable fresh(UUID workspaceId) {
		return read(workspaceId, this.clock.millis());
	}

	/** Forgets a workspace's table here, after its prices changed (other instances see it within the TTL). */
	public void evict(UUID workspaceId) {
		this.tables.remove(workspaceId);
	}

	private PriceTable read(UUID workspaceId, long now) {
		List<PriceTable.Price> catalog = catalog(now);
		List<PriceTable.Price> own = new ArrayList<>(ownPrices(workspaceId, catalog));
		own.addAll(this.jdbc.sql(FIND_WORKSPACE_PRICES)
			.param(workspaceId.toString())
			.query((rs, n) -> PriceTable.Price.workspace(rs.getString("model"), rs.getString("model_provider"),
					rs.getBigDecimal("price_per_1k_tokens_usd"), rs.getBigDecimal("price_per_1k_input_usd"),
					rs.getBigDecimal("price_per_1k_output_usd"), rs.getTimestamp("effective_from").toInstant()))
			.list());
		PriceTable table = new PriceTable(own, catalog);
		this.tables.put(workspaceId, Map.entry(now, table));
		return table;
	}

	private List<PriceTable.Price> ownPrices(UUID workspaceId, List<PriceTable.Price> catalog) {
		List<PriceTable.Price> own = new ArrayList<>();
		this.jdbc.sql(FIND_OWN_PRICES).param(workspaceId.toString()).query((rs) -> {
			String model = rs.getString("model");
			String provider = rs.getString("provider");
			if ("deployment".equals(rs.getString("kind"))) {
				String entry = rs.getString("catalog_model");
				for (PriceTable.Price c : catalog) {
					if (c.model().equals(entry)) {
						own.add(new PriceTable.Price(model, (provider != null) ? provider : c.provider(),
								PriceTable.Price.exactly(model), c.effectiveFrom(), c.input(), c.output(), c.cachedInput(),
								c.cacheWrite(), c.reasoning(), c.total(), c.tier()));
					}
				}
				return;
			}
			PriceTable.Price entry = catalog.stream().filter((c) -> c.model().equalsIgnoreCase(model)).findFirst().orElse(null);
			Pattern pattern = (entry == null) ? PriceTable.Price.exactly(model)
					: Pattern.compile("(?:" + entry.pattern().pattern() + ")|" + PriceTable.Price.exactly(model).pattern(),
							Pattern.CASE_INSENSITIVE);
			own.add(new PriceTable.Price(model,
					(provider != null) ? provider : (entry != null) ? entry.provider() : null, pattern,
					rs.getTimestamp("effective_from").toInstant(), rs.getBigDecimal("input_per_1m_usd"),
					rs.getBigDecimal("output_per_1m_usd"), rs.getBigDecimal("cached_input_per_1m_usd"),
					rs.getBigDecimal("cache_write_per_1m_usd"), rs.getBigDecimal("reasoning_per_1m_usd"), null, null));
		});
		return own;
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
