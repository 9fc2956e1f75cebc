package com.agentobs.gemini.insights;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.contracts.cache.CacheKey;
import com.agentobs.contracts.cache.CacheTtl;
import com.agentobs.contracts.cache.DataVersion;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.gemini.system.GeminiProperties;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads the facts in a workspace transaction, has the generator write the cards, and caches
 * the answer for 30 minutes under the workspace's current data version, so a processed batch
 * or an action makes the next request recompute. Redis being down means uncached answers,
 * never an error.
 */
@Service
class InsightsService {

	private static final Logger log = LoggerFactory.getLogger(InsightsService.class);

	static final String DOMAIN = "insights";

	private final FactSheets sheets;

	private final InsightGenerator generator;

	private final WorkspaceTransactions transactions;

	private final StringRedisTemplate redis;

	private final JsonMapper mapper;

	private final boolean cacheEnabled;

	InsightsService(FactSheets sheets, InsightGenerator generator, WorkspaceTransactions transactions,
			StringRedisTemplate redis, JsonMapper mapper, GeminiProperties properties) {
		this.sheets = sheets;
		this.generator = generator;
		this.transactions = transactions;
		this.redis = redis;
		this.mapper = mapper;
		this.cacheEnabled = properties.insights().cacheEnabled();
	}

	record Answer(InsightsResponse response, boolean cached) {
	}

	Answer insights(InsightTab tab, StandardFilters filters) {
		long version = dataVersion(filters);
		String key = CacheKey.of(DOMAIN, filters.workspaceId(), CacheKey.scopeOf(filters.department(), filters.agentId()),
				version, keyParams(tab, filters));
		if (this.cacheEnabled) {
			try {
				String stored = this.redis.opsForValue().get(key);
				if (stored != null) {
					return new Answer(this.mapper.readValue(stored, InsightsResponse.class), true);
				}
			}
			catch (RuntimeException ex) {
				log.warn("insights cache unavailable, reading through: {}", ex.toString());
			}
		}
		FactSheet sheet = this.transactions.inWorkspace(filters.workspaceId(), () -> this.sheets.build(tab, filters));
		Insights written = this.generator.generate(filters.workspaceId(), sheet);
		InsightsResponse response = new InsightsResponse(tab.code(), written.provider(), written.fallbackReason(),
				version, written.cards(), sheet.facts(), sheet.evidence(), new InsightsResponse.Usage(
						written.inputTokens(), written.outputTokens(), written.costUsd()));
		if (this.cacheEnabled) {
			try {
				this.redis.opsForValue().set(key, this.mapper.writeValueAsString(response), CacheTtl.COLD.duration());
			}
			catch (RuntimeException ex) {
				log.warn("insights cache write failed: {}", ex.toString());
			}
		}
		return new Answer(response, false);
	}

	private long dataVersion(StandardFilters filters) {
		try {
			String value = this.redis.opsForValue().get(DataVersion.key(filters.workspaceId()));
			return (value != null) ? Long.parseLong(value) : 0L;
		}
		catch (RuntimeException ex) {
			return 0L;
		}
	}

	private static Map<String, Object> keyParams(InsightTab tab, StandardFilters f) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tab", tab.code());
		params.put("range", f.range().code());
		if (f.range() == TimeRange.CUSTOM) {
			params.put("from", f.from());
			params.put("to", f.to());
		}
		params.put("department", f.department());
		params.put("environment", f.environment());
		params.put("version", f.version());
		params.put("agent_id", f.agentId());
		return params;
	}

}
