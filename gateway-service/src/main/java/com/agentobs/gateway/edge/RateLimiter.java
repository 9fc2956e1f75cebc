package com.agentobs.gateway.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.agentobs.gateway.system.GatewayProperties.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token buckets in Redis, shared by every gateway instance: all the buckets a request draws
 * from (its workspace's, and its API key's) in ONE Lua script call; Redis' own clock. A request
 * takes a token from every bucket or from none. When Redis is unreachable requests pass:
 * limiting is protection, not a reason to take the platform down.
 * <p>
 * A busy caller does not pay a Redis round trip per request: the script may hand out a small
 * lease — up to the tokens this instance used in the last {@value #LEASE_MILLIS} ms, at most
 * {@code rate × }{@value #LEASE_MILLIS}{@code  ms} — taken from every bucket at once in Redis and
 * then spent here, for at most {@value #LEASE_MILLIS} ms. Nothing is ever admitted that was not
 * taken from Redis first, so the limits hold across instances; a lease that expires unspent only
 * under-admits (by at most one lease per caller and instance). For a bucket that refills less
 * than two tokens per lease period (under 100 requests/s) every request still goes to Redis.
 */
@Component
class RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	/**
	 * KEYS the buckets; ARGV rate per second and burst of each, in turn, then the tokens wanted
	 * (at least 1). Takes {@code min(wanted, every bucket's whole tokens)} from every bucket when each
	 * has one, else nothing. Returns {allowed, remaining of the tightest bucket, retry_after_ms,
	 * index (1-based) of the tightest bucket, tokens taken}.
	 */
	private static final String TOKEN_BUCKETS = """
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			local want = tonumber(ARGV[2 * #KEYS + 1]) or 1
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
			local take = 0
			if allowed == 1 then
			  take = math.max(1, want)
			  for i = 1, #KEYS do take = math.min(take, math.floor(tokens[i])) end
			end
			local tightest = 1
			for i = 1, #KEYS do
			  local rate = tonumber(ARGV[2 * i - 1])
			  local burst = tonumber(ARGV[2 * i])
			  tokens[i] = tokens[i] - take
			  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens[i]), 'ts', tostring(now))
			  redis.call('PEXPIRE', KEYS[i], math.ceil(burst * 1000 / rate) + 1000)
			  if tokens[i] < tokens[tightest] then tightest = i end
			end
			return {allowed, math.floor(tokens[tightest]), retry, tightest, take}
			""";

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(TOKEN_BUCKETS, List.class);

	/** How long a lease may be spent, and the refill time its size is capped at. */
	static final int LEASE_MILLIS = 20;

	private static final long LEASE_NANOS = TimeUnit.MILLISECONDS.toNanos(LEASE_MILLIS);

	private static final int MAX_LEASES = 10_000;

	private final Map<String, Lease> leases = new ConcurrentHashMap<>();

	private final ReactiveStringRedisTemplate redis;

	RateLimiter(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Takes one token from every bucket, or (when any is empty) from none. */
	Mono<Decision> consume(List<Draw> draws) {
		String leaseKey = leaseKey(draws);
		long now = System.nanoTime();
		Lease previous = this.leases.get(leaseKey);
		if (previous != null) {
			Decision local = previous.take(now);
			if (local != null) {
				return Mono.just(local);
			}
		}
		int wanted = leaseSize(previous, draws, now);
		List<String> keys = new ArrayList<>(draws.size());
		List<String> args = new ArrayList<>(draws.size() * 2 + 1);
		for (Draw draw : draws) {
			keys.add("ratelimit:" + draw.key());
			args.add(Double.toString(draw.bucket().requestsPerSecond()));
			args.add(Integer.toString(draw.bucket().burst()));
		}
		args.add(Integer.toString(wanted));
		return this.redis.execute(SCRIPT, keys, args).next().map((r) -> {
			Bucket tightest = draws.get((int) (r.get(3) - 1)).bucket();
			boolean allowed = r.get(0) == 1L;
			long taken = (r.size() > 4) ? r.get(4) : (allowed ? 1 : 0);
			long remaining = r.get(1);
			if (allowed) {
				// this request spends one; the rest is this instance's to spend within the lease
				if (this.leases.size() >= MAX_LEASES) {
					this.leases.clear();
				}
				this.leases.put(leaseKey,
						new Lease((int) (taken - 1), now + LEASE_NANOS, tightest.burst(), remaining));
			}
			return new Decision(allowed, tightest.burst(), remaining + Math.max(0, taken - 1),
					(r.get(2) + 999) / 1000);
		}).onErrorResume((ex) -> {
			log.warn("Rate limiting skipped, Redis failed: {}", ex.toString());
			Bucket first = draws.get(0).bucket();
			return Mono.just(new Decision(true, first.burst(), first.burst(), 0));
		});
	}

	private static String leaseKey(List<Draw> draws) {
		if (draws.size() == 1) {
			return draws.get(0).key();
		}
		StringBuilder key = new StringBuilder();
		for (Draw draw : draws) {
			key.append(draw.key()).append('|');
		}
		return key.toString();
	}

	/**
	 * How many tokens to ask for: 1 for a caller seen for the first time or idle for a lease
	 * period; twice the last lease when it was used up in time; what the last lease actually
	 * served (plus this request) when it expired unspent. Never more than every bucket refills in
	 * {@value #LEASE_MILLIS} ms.
	 */
	static int leaseSize(Lease previous, List<Draw> draws, long now) {
		double slowest = Double.MAX_VALUE;
		for (Draw draw : draws) {
			slowest = Math.min(slowest, draw.bucket().requestsPerSecond());
		}
		int cap = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, Math.floor(slowest * LEASE_MILLIS / 1000.0)));
		if (previous == null || now - previous.expiresAt() > LEASE_NANOS) {
			return 1;
		}
		int wanted = previous.exhausted(now) ? Math.max(2, previous.size() * 2) : previous.used() + 1;
		return Math.max(1, Math.min(cap, wanted));
	}

	/** Tokens already taken from every bucket in Redis, spent by this instance until {@code expiresAt}. */
	static final class Lease {

		private final int size;

		private final AtomicInteger left;

		private final AtomicInteger used = new AtomicInteger();

		private final long expiresAt;

		private final long limit;

		private final long remainingInRedis;

		Lease(int size, long expiresAt, long limit, long remainingInRedis) {
			this.size = size;
			this.left = new AtomicInteger(size);
			this.expiresAt = expiresAt;
			this.limit = limit;
			this.remainingInRedis = remainingInRedis;
		}

		/** A decision for one more request from this lease, or {@code null} when spent or expired. */
		Decision take(long now) {
			if (now - this.expiresAt >= 0) {
				return null;
			}
			int remaining = this.left.decrementAndGet();
			if (remaining < 0) {
				return null;
			}
			this.used.incrementAndGet();
			return new Decision(true, this.limit, this.remainingInRedis + remaining, 0);
		}

		boolean exhausted(long now) {
			return this.left.get() <= 0 && now - this.expiresAt < 0;
		}

		int size() {
			return this.size;
		}

		int used() {
			return this.used.get();
		}

		long expiresAt() {
			return this.expiresAt;
		}

	}

	/** One bucket a request draws from: its Redis key suffix and its size. */
	record Draw(String key, Bucket bucket) {
	}

	record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds) {
	}

}
