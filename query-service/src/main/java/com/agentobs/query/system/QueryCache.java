package com.agentobs.query.system;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.contracts.cache.CacheKey;
import com.agentobs.contracts.cache.CacheTtl;
import com.agentobs.contracts.cache.DataVersion;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Cache-aside in Redis (CONVENTIONS.md §7). The key carries the workspace's current data
 * version ({@code data_version:{ws}}, INCR'd by processing after each committed batch and
 * by actions), so the first request after a bump misses and recomputes; old entries age
 * out by TTL. Redis being down degrades to uncached reads, never to an error. Lookups are
 * counted as {@code agentobs.query.cache.requests{result=hit|miss|bypass}} with the hit
 * ratio as {@code agentobs.query.cache.hit.ratio}.
 */
@Component
class QueryCache {

	private static final Logger log = LoggerFactory.getLogger(QueryCache.class);

	private final StringRedisTemplate redis;

	private final JsonMapper mapper;

	private final boolean enabled;

	private final Counter hitCounter;

	private final Counter missCounter;

	private final Counter bypassCounter;

	private final AtomicLong hits = new AtomicLong();

	private final AtomicLong lookups = new AtomicLong();

	QueryCache(StringRedisTemplate redis, JsonMapper mapper, MeterRegistry registry, QueryProperties properties) {
		this.redis = redis;
		this.mapper = mapper;
		this.enabled = properties.cache().enabled();
		this.hitCounter = Counter.builder("agentobs.query.cache.requests").tag("result", "hit").register(registry);
		this.missCounter = Counter.builder("agentobs.query.cache.requests").tag("result", "miss").register(registry);
		this.bypassCounter = Counter.builder("agentobs.query.cache.requests")
			.tag("result", "bypass")
			.register(registry);
		Gauge.builder("agentobs.query.cache.hit.ratio", this, QueryCache::hitRatio)
			.description("Redis cache hits / lookups since start")
			.register(registry);
	}

	/** The stored form: {@code data} as a JSON tree plus the meta parts. */
	record Entry(JsonNode data, View.Paging paging, Map<String, Object> extra) {
	}

	record Outcome(Entry entry, boolean cached) {
	}

	Outcome get(String domain, UUID workspaceId, String scope, Map<String, ?> params, CacheTtl ttl,
			Supplier<View> compute) {
		if (!this.enabled) {
			this.bypassCounter.increment();
			return new Outcome(toEntry(compute.get()), false);
		}
		String key;
		try {
			key = CacheKey.of(domain, workspaceId, scope, dataVersion(workspaceId), params);
			String stored = this.redis.opsForValue().get(key);
			this.lookups.incrementAndGet();
			if (stored != null) {
				this.hits.incrementAndGet();
				this.hitCounter.increment();
				return new Outcome(this.mapper.readValue(stored, Entry.class), true);
			}
		}
		catch (RuntimeException ex) {
			log.warn("cache unavailable, reading through: {}", ex.toString());
			this.bypassCounter.increment();
			return new Outcome(toEntry(compute.get()), false);
		}
		this.missCounter.increment();
		Entry entry = toEntry(compute.get());
		try {
			this.redis.opsForValue().set(key, this.mapper.writeValueAsString(entry), ttl.duration());
		}
		catch (RuntimeException ex) {
			log.warn("cache write failed for {}: {}", domain, ex.toString());
		}
		return new Outcome(entry, false);
	}

	long dataVersion(UUID workspaceId) {
		String value = this.redis.opsForValue().get(DataVersion.key(workspaceId));
		return (value != null) ? Long.parseLong(value) : 0L;
	}

	private Entry toEntry(View view) {
		return new Entry(this.mapper.valueToTree(view.data()), view.paging(), view.extra());
	}

	double hitRatio() {
		long total = this.lookups.get();
		return (total == 0) ? 0.0 : (double) this.hits.get() / total;
	}

}
