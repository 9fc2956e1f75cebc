package com.agentobs.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.agentobs.contracts.security.Role;
import com.agentobs.gateway.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The gateway's added latency: the same request, open loop at a fixed rate, sent straight
 * to a service (the JDK stub) and through the gateway (token verification, workspace check,
 * Redis rate limit, proxy), in one run, interleaved in rounds. Not part of the build:
 * {@code mvn -o -pl gateway-service -am verify -Pbench} (figures on stdout).
 */
class GatewayOverheadBenchmark extends GatewayTestSupport {

	private static final int RATE = Integer.getInteger("bench.rate", 500);

	private static final int SECONDS = Integer.getInteger("bench.seconds", 10);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void measureAddedLatency() throws Exception {
		UUID workspace = createWorkspace("{\"rate_limit\": {\"requests_per_second\": 100000, \"burst\": 100000}}");
		String token = accessToken(createUser(workspace, Role.VIEWER));
		URI direct = URI.create(STUB.url() + "/api/v1/metrics/home-kpis");
		URI viaGateway = URI.create(baseUrl() + "/api/v1/metrics/home-kpis");
		run(direct, token, RATE, 3);
		run(viaGateway, token, RATE, 3);
		List<Long> directAll = new ArrayList<>();
		List<Long> gatewayAll = new ArrayList<>();
		int[] errors = new int[2];
		for (int round = 0; round < ROUNDS; round++) {
			Result d = run(direct, token, RATE, SECONDS);
			Result g = run(viaGateway, token, RATE, SECONDS);
			directAll.addAll(d.latenciesMicros());
			gatewayAll.addAll(g.latenciesMicros());
			errors[0] += d.errors();
			errors[1] += g.errors();
		}
		long[] ds = sorted(directAll);
		long[] gs = sorted(gatewayAll);
		System.out.printf("%nBENCH gateway overhead at %d req/s, %d x %d s per path, %d cores%n", RATE, ROUNDS, SECONDS,
				Runtime.getRuntime().availableProcessors());
		System.out.printf("BENCH direct : n=%d errors=%d p50=%.2f ms p99=%.2f ms%n", ds.length, errors[0],
				pct(ds, 50), pct(ds, 99));
		System.out.printf("BENCH gateway: n=%d errors=%d p50=%.2f ms p99=%.2f ms%n", gs.length, errors[1],
				pct(gs, 50), pct(gs, 99));
		System.out.printf("BENCH added  : p50=%.2f ms p99=%.2f ms%n%n", pct(gs, 50) - pct(ds, 50),
				pct(gs, 99) - pct(ds, 99));
	}

	private Result run(URI uri, String token, int rate, int seconds) throws Exception {
		int total = rate * seconds;
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		List<CompletableFuture<Long>> futures = new ArrayList<>(total);
		AtomicInteger errors = new AtomicInteger();
		HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			long scheduled = start + i * intervalNanos;
			long wait = scheduled - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			// latency from the scheduled send time: queueing counts (no coordinated omission)
			futures.add(this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, ex) -> {
				if (ex != null || response.statusCode() != 200) {
					errors.incrementAndGet();
				}
				return (System.nanoTime() - scheduled) / 1000;
			}));
		}
		CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		return new Result(futures.stream().map(CompletableFuture::join).toList(), errors.get());
	}

	private static long[] sorted(List<Long> values) {
		long[] array = values.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(array);
		return array;
	}

	private static double pct(long[] sortedMicros, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.length) - 1;
		return sortedMicros[Math.max(0, index)] / 1000.0;
	}

	private record Result(List<Long> latenciesMicros, int errors) {
	}

}
