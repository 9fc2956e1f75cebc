// Bounded OTLP/gRPC load on the ingestion service, the gRPC twin of bench/ingest_load.py (same arguments,
// same one-line JSON result): batches of N single-span GenAI traces as ExportTraceServiceRequest, a fixed
// number of requests at a fixed concurrency, optionally paced (open loop: latency counts from each
// request's scheduled start). RESOURCE_EXHAUSTED is retried after the RetryInfo delay, like a 429.
// Run (bench/ingest.sh does this):
//   mkdir lib && (cd lib && unzip -j ../ingestion-service/target/ingestion-service.jar "BOOT-INF/lib/*.jar"); CP="lib/*"
//   java -cp "$CP" bench/OtlpGrpcLoad.java --port 4317 --key ao_... --requests 200 --batch 100
import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

public class OtlpGrpcLoad {

	public static void main(String[] args) throws Exception {
		Map<String, String> a = new TreeMap<>(Map.of("--requests", "200", "--batch", "100", "--concurrency", "4",
				"--rate", "0", "--run", Long.toString(System.currentTimeMillis() / 1000)));
		for (int i = 0; i + 1 < args.length; i += 2) {
			a.put(args[i], args[i + 1]);
		}
		int port = Integer.parseInt(a.get("--port"));
		int requests = Integer.parseInt(a.get("--requests"));
		int batch = Integer.parseInt(a.get("--batch"));
		int concurrency = Integer.parseInt(a.get("--concurrency"));
		double rate = Double.parseDouble(a.get("--rate"));
		// bodies are built before the clock starts, so the generator's cost is not measured
		List<ExportTraceServiceRequest> bodies = new ArrayList<>(requests);
		for (int i = 0; i < requests; i++) {
			bodies.add(request(batch));
		}
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), a.get("--key"));
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
		TraceServiceGrpc.TraceServiceBlockingStub stub = TraceServiceGrpc.newBlockingStub(channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
		List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
		Map<String, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
		AtomicInteger next = new AtomicInteger();
		double intervalNanos = (rate > 0) ? batch / rate * 1e9 : 0;
		long cpu0 = cpuNanos();
		long start = System.nanoTime();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < concurrency; t++) {
			Thread thread = new Thread(() -> {
				for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
					long scheduled = -1;
					if (intervalNanos > 0) {
						scheduled = start + (long) (i * intervalNanos);
						sleepUntil(scheduled);
					}
					while (true) {
						long t0 = (scheduled >= 0) ? scheduled : System.nanoTime();
						scheduled = -1;
						String status = "OK";
						long retryMillis = 0;
						try {
							stub.withDeadlineAfter(30, TimeUnit.SECONDS).export(bodies.get(i));
						}
						catch (StatusRuntimeException ex) {
							status = ex.getStatus().getCode().name();
							if (ex.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
								retryMillis = retryDelayMillis(ex);
							}
						}
						latencies.add((System.nanoTime() - t0) / 1e6);
						statuses.merge(status, 1, Integer::sum);
						if (retryMillis == 0) {
							break;
						}
						sleepUntil(System.nanoTime() + retryMillis * 1_000_000);
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		double cpu = (cpuNanos() - cpu0) / 1e9;
		channel.shutdownNow();
		List<Double> lat = new ArrayList<>(latencies);
		Collections.sort(lat);
		System.out.printf(
				"{\"mode\": \"grpc\", \"requests\": %d, \"batch\": %d, \"traces\": %d, \"seconds\": %.3f, "
						+ "\"accept_rate_traces_per_s\": %d, \"p50_ms\": %.1f, \"p99_ms\": %.1f, \"max_ms\": %.1f, "
						+ "\"generator_cpu_s\": %.2f, \"paced_traces_per_s\": %s, \"statuses\": %s}%n",
				requests, batch, requests * batch, elapsed, Math.round(requests * batch / elapsed), pct(lat, 0.50),
				pct(lat, 0.99), lat.get(lat.size() - 1), cpu, (rate > 0) ? Double.toString(rate) : "null",
				json(statuses));
	}

	private static ExportTraceServiceRequest request(int n) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Resource resource = Resource.newBuilder()
			.addAttributes(kv("service.name", "support-bot-bench"))
			.addAttributes(kv("deployment.environment.name", "production"))
			.addAttributes(kv("service.version", "v2.1"))
			.build();
		ScopeSpans.Builder scope = ScopeSpans.newBuilder();
		long now = System.currentTimeMillis() * 1_000_000;
		for (int i = 0; i < n; i++) {
			long startNanos = now - random.nextLong(1, 3_600_000_000_000L);
			scope.addSpans(Span.newBuilder()
				.setTraceId(ByteString.copyFrom(bytes(16)))
				.setSpanId(ByteString.copyFrom(bytes(8)))
				.setName("chat gpt-4-turbo")
				.setKind(Span.SpanKind.SPAN_KIND_CLIENT)
				.setStartTimeUnixNano(startNanos)
				.setEndTimeUnixNano(startNanos + random.nextLong(50, 3000) * 1_000_000)
				.addAttributes(kv("gen_ai.operation.name", "chat"))
				.addAttributes(kv("gen_ai.provider.name", "openai"))
				.addAttributes(kv("gen_ai.request.model", "gpt-4-turbo"))
				.addAttributes(kv("gen_ai.usage.input_tokens", random.nextInt(100, 2000)))
				.addAttributes(kv("gen_ai.usage.output_tokens", random.nextInt(50, 800)))
				.addAttributes(kv("user.id", "user-" + random.nextInt(1, 5000))));
		}
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
			.build();
	}

	private static KeyValue kv(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
	}

	private static KeyValue kv(String key, long value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
	}

	private static byte[] bytes(int n) {
		byte[] out = new byte[n];
		ThreadLocalRandom.current().nextBytes(out);
		return out;
	}

	private static long retryDelayMillis(StatusRuntimeException ex) {
		com.google.rpc.Status status = StatusProto.fromThrowable(ex);
		if (status != null) {
			for (com.google.protobuf.Any detail : status.getDetailsList()) {
				if (detail.is(RetryInfo.class)) {
					try {
						return Math.max(1, detail.unpack(RetryInfo.class).getRetryDelay().getSeconds() * 1000);
					}
					catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
						// fall through to the default delay
					}
				}
			}
		}
		return 1000;
	}

	private static void sleepUntil(long nanoTime) {
		long wait;
		while ((wait = nanoTime - System.nanoTime()) > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static double pct(List<Double> sorted, double q) {
		return sorted.get(Math.min(sorted.size() - 1, (int) (q * sorted.size())));
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static String json(Map<String, Integer> counts) {
		StringBuilder out = new StringBuilder("{");
		counts.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
		return out.append('}').toString();
	}

}
