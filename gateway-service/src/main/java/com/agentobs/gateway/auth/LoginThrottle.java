package com.agentobs.gateway.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.gateway.apikey.ApiKeyFormat;
import com.agentobs.gateway.system.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for login, in Redis, two ceilings:
 * <ul>
 * <li>per email and client IP: after {@code maxFailures} the pair is locked out (429 with
 * {@code Retry-After}) until the lockout expires, even for the right password; a success clears it;</li>
 * <li>per account, whatever the source address (guesses spread over many addresses): after
 * {@code accountMaxFailures} failures within {@code accountWindow}, each attempt must wait a backoff
 * that doubles with every further failure, from {@code accountBackoff} up to {@code accountMaxBackoff}.
 * The wait is taken when an attempt is let through, so parallel guesses cannot share one free slot.
 * The count is forgotten {@code accountWindow} after the last failure and a success does not reset
 * it. An address the account signed in from successfully (within 30 days) is exempt from this
 * ceiling, so the real user is not kept out by someone guessing from elsewhere; the per-address
 * lockout still applies to it.</li>
 * </ul>
 * Attempts refused with 429 are not evaluated and not counted.
 */
@Component
class LoginThrottle {

	private static final Duration KNOWN_ADDRESS_TTL = Duration.ofDays(30);

	/**
	 * KEYS failure count, wait marker; ARGV max failures, base backoff ms, max backoff ms. Returns the
	 * ms still to wait (refuse), or 0 (evaluate; at or over the ceiling the next wait starts now).
	 */
	private static final RedisScript<Long> ACCOUNT_CHECK = RedisScript.of("""
			local n = tonumber(redis.call('GET', KEYS[1]) or '0')
			local max = tonumber(ARGV[1])
			if n < max then return 0 end
			local ttl = redis.call('PTTL', KEYS[2])
			if ttl > 0 then return ttl end
			local wait = math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) * 2 ^ math.min(n - max, 30))
			redis.call('SET', KEYS[2], '1', 'PX', math.floor(wait))
			return 0
			""", Long.class);

	/** KEYS failure count, wait marker; ARGV window ms, then as above. Counts a failure, starts the wait. */
	private static final RedisScript<Long> ACCOUNT_FAILURE = RedisScript.of("""
			local n = redis.call('INCR', KEYS[1])
			redis.call('PEXPIRE', KEYS[1], ARGV[1])
			local max = tonumber(ARGV[2])
			if n >= max then
			  local wait = math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * 2 ^ math.min(n - max, 30))
			  if redis.call('PTTL', KEYS[2]) < wait then redis.call('SET', KEYS[2], '1', 'PX', math.floor(wait)) end
			end
			return n
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final GatewayProperties.Login settings;

	LoginThrottle(ReactiveStringRedisTemplate redis, GatewayProperties properties) {
		this.redis = redis;
		this.settings = properties.login();
	}

	Mono<Void> checkNotLocked(String email, String ip) {
		String key = key(email, ip);
		Mono<Void> perAddress = this.redis.opsForValue()
			.get(key)
			.map(Long::parseLong)
			.defaultIfEmpty(0L)
			.flatMap((failures) -> {
				if (failures < this.settings.maxFailures()) {
					return Mono.<Void>empty();
				}
				return this.redis.getExpire(key)
					.defaultIfEmpty(this.settings.lockout())
					.flatMap((ttl) -> Mono.error(tooMany(ttl)));
			});
		return perAddress.then(this.redis.hasKey(knownKey(email, ip)).flatMap((known) -> known ? Mono.empty()
				: this.redis
					.execute(ACCOUNT_CHECK, List.of(accountKey(email), waitKey(email)),
							List.of(Integer.toString(this.settings.accountMaxFailures()),
									Long.toString(this.settings.accountBackoff().toMillis()),
									Long.toString(this.settings.accountMaxBackoff().toMillis())))
					.next()
					.flatMap((waitMillis) -> (waitMillis > 0) ? Mono.error(tooMany(Duration.ofMillis(waitMillis)))
							: Mono.empty())));
	}

	Mono<Void> recordFailure(String email, String ip) {
		String key = key(email, ip);
		Mono<Void> perAddress = this.redis.opsForValue()
			.increment(key)
			.flatMap((count) -> (count == 1 || count >= this.settings.maxFailures())
					? this.redis.expire(key, this.settings.lockout()) : Mono.just(true))
			.then();
		Mono<Void> account = this.redis
			.execute(ACCOUNT_FAILURE, List.of(accountKey(email), waitKey(email)),
					List.of(Long.toString(this.settings.accountWindow().toMillis()),
							Integer.toString(this.settings.accountMaxFailures()),
							Long.toString(this.settings.accountBackoff().toMillis()),
							Long.toString(this.settings.accountMaxBackoff().toMillis())))
			.then();
		return perAddress.then(account);
	}

	/** A success clears the address's failures and remembers the address for this account. */
	Mono<Void> succeeded(String email, String ip) {
		return this.redis.delete(key(email, ip))
			.then(this.redis.opsForValue().set(knownKey(email, ip), "1", KNOWN_ADDRESS_TTL))
			.then();
	}

	private static ApiException tooMany(Duration wait) {
		return ApiException.rateLimited("Too many failed sign-in attempts; try again later",
				Math.max(1, (wait.toMillis() + 999) / 1000));
	}

	/** The email is hashed so the key space does not list who tried to sign in. */
	private static String key(String email, String ip) {
		return "login:failures:" + account(email) + ":" + ip;
	}

	private static String accountKey(String email) {
		return "login:account:" + account(email) + ":failures";
	}

	private static String waitKey(String email) {
		return "login:account:" + account(email) + ":wait";
	}

	private static String knownKey(String email, String ip) {
		return "login:account:" + account(email) + ":known:" + ip;
	}

	private static String account(String email) {
		return ApiKeyFormat.hash(email.strip().toLowerCase(Locale.ROOT)).substring(0, 32);
	}

}
