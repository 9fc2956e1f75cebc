package com.agentobs.gateway.auth;

import java.time.Duration;
import java.util.Locale;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.gateway.apikey.ApiKeyFormat;
import com.agentobs.gateway.system.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for login: failures are counted in Redis per email and client IP;
 * after {@code maxFailures} the pair is locked out (429 with {@code Retry-After}) until the
 * lockout expires, even for the right password. A success clears the counter.
 */
@Component
class LoginThrottle {

	private final ReactiveStringRedisTemplate redis;

	private final int maxFailures;

	private final Duration lockout;

	LoginThrottle(ReactiveStringRedisTemplate redis, GatewayProperties properties) {
		this.redis = redis;
		this.maxFailures = properties.login().maxFailures();
		this.lockout = properties.login().lockout();
	}

	Mono<Void> checkNotLocked(String email, String ip) {
		String key = key(email, ip);
		return this.redis.opsForValue().get(key).map(Long::parseLong).defaultIfEmpty(0L).flatMap((failures) -> {
			if (failures < this.maxFailures) {
				return Mono.<Void>empty();
			}
			return this.redis.getExpire(key)
				.defaultIfEmpty(this.lockout)
				.flatMap((ttl) -> Mono.error(ApiException.rateLimited(
						"Too many failed sign-in attempts; try again later", Math.max(1, ttl.toSeconds()))));
		});
	}

	Mono<Void> recordFailure(String email, String ip) {
		String key = key(email, ip);
		return this.redis.opsForValue()
			.increment(key)
			.flatMap((count) -> (count == 1 || count >= this.maxFailures) ? this.redis.expire(key, this.lockout)
					: Mono.just(true))
			.then();
	}

	Mono<Void> clear(String email, String ip) {
		return this.redis.delete(key(email, ip)).then();
	}

	/** The email is hashed so the key space does not list who tried to sign in. */
	private static String key(String email, String ip) {
		return "login:failures:" + ApiKeyFormat.hash(email.strip().toLowerCase(Locale.ROOT)).substring(0, 32) + ":"
				+ ip;
	}

}
