package com.agentobs.gateway.edge;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.agentobs.gateway.system.GatewayProperties.Bucket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The local part of rate limiting: a lease never admits more than was taken from Redis. */
class RateLimiterLeaseTest {

	private static final long LEASE = TimeUnit.MILLISECONDS.toNanos(RateLimiter.LEASE_MILLIS);

	private static List<RateLimiter.Draw> draws(double... rates) {
		return java.util.Arrays.stream(rates)
			.mapToObj((rate) -> new RateLimiter.Draw("k" + rate, new Bucket(rate, 1000)))
			.toList();
	}

	@Test
	void lease_admitsExactlyItsTokens_andNothingAfterItExpires() {
		RateLimiter.Lease lease = new RateLimiter.Lease(2, 1_000 + LEASE, 50, 7);
		RateLimiter.Decision first = lease.take(1_000);
		assertThat(first.allowed()).isTrue();
		assertThat(first.remaining()).isEqualTo(8);
		assertThat(lease.take(1_001).remaining()).isEqualTo(7);
		assertThat(lease.take(1_002)).isNull();
		assertThat(lease.used()).isEqualTo(2);

		RateLimiter.Lease expired = new RateLimiter.Lease(5, 1_000 + LEASE, 50, 7);
		assertThat(expired.take(1_000 + LEASE)).isNull();
		assertThat(expired.used()).isZero();
	}

	@Test
	void leaseSize_startsAtOne_doublesWhileUsedUpInTime_andFollowsWhatWasUsed() {
		long now = 1_000_000_000L;
		List<RateLimiter.Draw> fast = draws(100_000);
		assertThat(RateLimiter.leaseSize(null, fast, now)).isEqualTo(1);

		RateLimiter.Lease usedUp = new RateLimiter.Lease(4, now + LEASE / 2, 1000, 0);
		for (int i = 0; i < 4; i++) {
			usedUp.take(now);
		}
		assertThat(RateLimiter.leaseSize(usedUp, fast, now)).isEqualTo(8);

		RateLimiter.Lease leftOver = new RateLimiter.Lease(10, now - 1, 1000, 0);
		assertThat(RateLimiter.leaseSize(leftOver, fast, now)).isEqualTo(1);
		RateLimiter.Lease partlyUsed = new RateLimiter.Lease(10, now + LEASE, 1000, 0);
		partlyUsed.take(now);
		partlyUsed.take(now);
		assertThat(RateLimiter.leaseSize(partlyUsed, fast, now + LEASE)).isEqualTo(3);

		RateLimiter.Lease idle = new RateLimiter.Lease(10, now, 1000, 0);
		assertThat(RateLimiter.leaseSize(idle, fast, now + 2 * LEASE + 1)).isEqualTo(1);
	}

	/** Slow buckets (the per-workspace defaults of small tenants, the tests' tiny limits) stay exact. */
	@Test
	void leaseSize_isOne_whenABucketRefillsLessThanTwoTokensPerLease() {
		long now = 1_000_000_000L;
		RateLimiter.Lease usedUp = new RateLimiter.Lease(0, now + LEASE, 1000, 0);
		assertThat(RateLimiter.leaseSize(usedUp, draws(99), now)).isEqualTo(1);
		assertThat(RateLimiter.leaseSize(usedUp, draws(100_000, 0.01), now)).isEqualTo(1);
		assertThat(RateLimiter.leaseSize(usedUp, draws(200), now)).isEqualTo(2);
		RateLimiter.Lease big = new RateLimiter.Lease(1000, now + LEASE, 1000, 0);
		for (int i = 0; i < 1000; i++) {
			big.take(now);
		}
		assertThat(RateLimiter.leaseSize(big, draws(500), now)).isEqualTo(10);
	}

}
