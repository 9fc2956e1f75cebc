package com.agentobs.gateway.edge;

import java.util.List;

import com.agentobs.gateway.system.GatewayProperties.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token buckets in Redis (one Lua script, Redis' own clock, so every gateway instance shares
 * one bucket per key). When Redis is unreachable requests pass: limiting is protection,
 * not a reason to take the platform down.
 */
@Component
class RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	/** KEYS[1] bucket; ARGV rate per second, burst. Returns {allowed, remaining, retry_after_ms}. */
	private static final String TOKEN_BUCKET = """
			local rate = tonumber(ARGV[1])
			local burst = tonumber(ARGV[2])
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
			local tokens = tonumber(state[1])
			local ts = tonumber(state[2])
			if tokens == nil then tokens = burst; ts = now end
			tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
			local allowed = 0
			local retry = 0
			if tokens >= 1 then
			  tokens = tokens - 1
			  allowed = 1
			else
			  retry = math.ceil((1 - tokens) * 1000 / rate)
			end
			redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
			redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
			return {allowed, math.floor(tokens), retry}
			""";

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(TOKEN_BUCKET, List.class);

	private final ReactiveStringRedisTemplate redis;

	RateLimiter(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	Mono<Decision> consume(String key, Bucket bucket) {
		return this.redis
			.execute(SCRIPT, List.of("ratelimit:" + key),
					List.of(Double.toString(bucket.requestsPerSecond()), Integer.toString(bucket.burst())))
			.next()
			.map((r) -> new Decision(r.get(0) == 1L, bucket.burst(), r.get(1), (r.get(2) + 999) / 1000))
			.onErrorResume((ex) -> {
				log.warn("Rate limiting skipped, Redis failed: {}", ex.toString());
				return Mono.just(new Decision(true, bucket.burst(), bucket.burst(), 0));
			});
	}

	record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds) {
	}

}
