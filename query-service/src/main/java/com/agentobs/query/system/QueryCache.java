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
import tools.jackson.databind.util.RawValue;

import com.agentobs.contracts.cache.CacheKey;
import com.agentobs.contracts.cache.CacheTtl;
import com.agentobs.contracts.cache.DataVersion;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Cache-aside in Redis. The key carries the workspace's current data
 * version ({@code data_version:{ws}}, INCR'd by processing after each committed batch and
 * by actions), so the first request after a bump misses and recomputes; old entries age
 * out by TTL. Redis being down degrades to uncached reads, never to an error. Lookups are
 * counted as {@code agentobs.query.cache.requests{result=hit|miss|bypass}} with the hit
 * ratio as {@code agentobs.query.cache.hit.ratio}.
 * <p>
 * A lookup is one round trip: a Lua script reads the data version and then the entry keyed
 * by it (single-node Redis; both keys live in the same workspace). The stored value is a
 * small JSON header (paging, extra) and the view's JSON after a newline; a hit hands the
 * data JSON to the envelope as a raw value, so it is neither parsed nor re-serialised.
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

	/** Reads {@code data_version:{ws}} (KEYS[1]) and then {@code ARGV[1] .. version .. ARGV[2]}. */
	private static final RedisScript<java.util.List> LOOKUP = new DefaultRedisScript<>("""
			local v = redis.call('GET', KEYS[1]) or '0'
			local value = redis.call('GET', ARGV[1] .. v .. ARGV[2])
			if value then return {v, value} end
			return {v}
			""", java.util.List.class);

	/**
	 * What a request serves: {@code data} is either a JSON tree (just computed) or the stored
	 * JSON text (a hit); {@link #tree} parses it only when a caller needs the tree (CSV).
	 */
	record Entry(Object data, View.Paging paging, Map<String, Object> extra) {

		JsonNode tree(JsonMapper mapper) {
			return (this.data instanceof RawValue raw) ? mapper.readTree(raw.rawValue().toString())
					: (JsonNode) this.data;
		}

	}

	/** The stored header: everything but {@code data}. */
	record Header(View.Paging paging, Map<String, Object> extra) {
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
			// CacheKey's format split around the version: prefix ends with ":v", suffix starts with ":"
			String prefix = domain + ":" + workspaceId + ":" + scope + ":v";
			String any = CacheKey.of(domain, workspaceId, scope, 0, params);
			if (!any.startsWith(prefix + "0:")) {
				throw new IllegalStateException("unexpected cache key format: " + any);
			}
			String suffix = any.substring(prefix.length() + 1);
			java.util.List<?> found = this.redis.execute(LOOKUP, java.util.List.of(DataVersion.key(workspaceId)),
					prefix, suffix);
			this.lookups.incrementAndGet();
			key = prefix + found.get(0) + suffix;
			Entry stored = (found.size() > 1 && found.get(1) != null) ? fromStored(found.get(1).toString()) : null;
			if (stored != null) {
				this.hits.incrementAndGet();
				this.hitCounter.increment();
				return new Outcome(stored, true);
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
			this.redis.opsForValue().set(key, toStored(entry), ttl.duration());
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

	private String toStored(Entry entry) {
		return this.mapper.writeValueAsString(new Header(entry.paging(), entry.extra())) + "\n"
				+ this.mapper.writeValueAsString(entry.data());
	}

	private Entry fromStored(String stored) {
		int newline = stored.indexOf('\n');
		if (newline < 0) {
			return null; // an entry in an older format: recompute and overwrite
		}
		Header header = this.mapper.readValue(stored.substring(0, newline), Header.class);
		return new Entry(new RawValue(stored.substring(newline + 1)), header.paging(), header.extra());
	}

	private Entry toEntry(View view) {
		return new Entry(this.mapper.valueToTree(view.data()), view.paging(), view.extra());
	}

	double hitRatio() {
		long total = this.lookups.get();
		return (total == 0) ? 0.0 : (double) this.hits.get() / total;
	}

}
