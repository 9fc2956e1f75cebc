package com.agentobs.alert.slo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.agentobs.contracts.cache.CacheKey;
import com.agentobs.contracts.cache.CacheTtl;
import com.agentobs.contracts.cache.DataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Cache-aside for the SLO evaluations (30 days of hourly rollups per SLO): warm TTL, keyed by the
 * workspace's data version, the SLO, the view, its parameters and the current hour, so new traffic
 * or the next hour makes a new key and old entries age out. Redis being down only costs the cache.
 */
@Component
class SloCache {

	private static final Logger log = LoggerFactory.getLogger(SloCache.class);

	private final StringRedisTemplate redis;

	private final ObjectMapper mapper;

	SloCache(StringRedisTemplate redis, ObjectMapper mapper) {
		this.redis = redis;
		this.mapper = mapper;
	}

	<T> T get(UUID ws, Slo slo, String view, Instant now, Map<String, ?> params, TypeReference<T> type,
			Supplier<T> compute) {
		String key;
		try {
			String version = this.redis.opsForValue().get(DataVersion.key(ws));
			Map<String, Object> identifier = new LinkedHashMap<>(params);
			identifier.put("slo", slo.sloId());
			identifier.put("hour", now.truncatedTo(ChronoUnit.HOURS));
			key = CacheKey.of("slo_" + view, ws, CacheKey.scopeOf(slo.department(), slo.agentId()),
					(version != null) ? Long.parseLong(version) : 0, identifier);
			String hit = this.redis.opsForValue().get(key);
			if (hit != null) {
				return this.mapper.readValue(hit, type);
			}
		}
		catch (RuntimeException ex) {
			log.debug("SLO cache unavailable, computing [workspace_id={}]: {}", ws, ex.getMessage());
			return compute.get();
		}
		T value = compute.get();
		try {
			this.redis.opsForValue().set(key, this.mapper.writeValueAsString(value), CacheTtl.WARM.duration());
		}
		catch (RuntimeException ex) {
			log.debug("SLO cache not written [workspace_id={}]: {}", ws, ex.getMessage());
		}
		return value;
	}

}
