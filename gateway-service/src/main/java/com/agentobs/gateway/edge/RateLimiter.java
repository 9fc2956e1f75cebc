package com.agentobs.gateway.edge;

import java.util.ArrayList;
import java.util.List;

import com.agentobs.gateway.system.GatewayProperties.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token buckets in Redis, shared by every gateway instance: all the buckets a request draws
 * from (its workspace's, and its API key's) in ONE Lua script call, so one round trip per
 * request; Redis' own clock. A request takes a token from every bucket or from none. When
 * Redis is unreachable requests pass: limiting is protection, not a reason to take the
 * platform down.
 */
@Component
class RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	/**
	 * KEYS the buckets; ARGV rate per second and burst of each, in turn. Returns
	 * {allowed, remaining of the tightest bucket, retry_after_ms, index (1-based) of the tightest bucket}.
	 */
	private static final String TOKEN_BUCKETS = """
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			local tokens = {}
			local allowed = 1
			local retry = 0
			for i = 1, #KEYS do
			  local rate = tonumber(ARGV[2 * i - 1])
			  local burst = tonumber(ARGV[2 * i])
			  local state = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
			  local level = tonumber(state[1])
			  local ts = tonumber(state[2])
			  if level == nil then level = burst; ts = now end
			  level = math.min(burst, level + math.max(0, now - ts) * rate / 1000)
			  if level < 1 then
			    allowed = 0
			    retry = math.max(retry, math.ceil((1 - level) * 1000 / rate))
			  end
			  tokens[i] = level
			end
			local tightest = 1
			for i = 1, #KEYS do
			  local rate = tonumber(ARGV[2 * i - 1])
			  local burst = tonumber(ARGV[2 * i])
			  if allowed == 1 then tokens[i] = tokens[i] - 1 end
			  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens[i]), 'ts', tostring(now))
			  redis.call('PEXPIRE', KEYS[i], math.ceil(burst * 1000 / rate) + 1000)
			  if tokens[i] < tokens[tightest] then tightest = i end
			end
			return {allowed, math.floor(tokens[tightest]), retry, tightest}
			""";

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(TOKEN_BUCKETS, List.class);

	private final ReactiveStringRedisTemplate redis;

	RateLimiter(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Takes one token from every bucket, or (when any is empty) from none. */
	Mono<Decision> consume(List<Draw> draws) {
		List<String> keys = new ArrayList<>(draws.size());
		List<String> args = new ArrayList<>(draws.size() * 2);
		for (Draw draw : draws) {
			keys.add("ratelimit:" + draw.key());
			args.add(Double.toString(draw.bucket().requestsPerSecond()));
			args.add(Integer.toString(draw.bucket().burst()));
		}
		return this.redis.execute(SCRIPT, keys, args).next().map((r) -> {
			Bucket tightest = draws.get((int) (r.get(3) - 1)).bucket();
			return new Decision(r.get(0) == 1L, tightest.burst(), r.get(1), (r.get(2) + 999) / 1000);
		}).onErrorResume((ex) -> {
			log.warn("Rate limiting skipped, Redis failed: {}", ex.toString());
			Bucket first = draws.get(0).bucket();
			return Mono.just(new Decision(true, first.burst(), first.burst(), 0));
		});
	}

	/** One bucket a request draws from: its Redis key suffix and its size. */
	record Draw(String key, Bucket bucket) {
	}

	record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds) {
	}

}
