package com.agentobs.ingestion;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.contracts.stream.TraceStreams;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability of accepted traces: ingestion against a redis-server this test starts on a
 * free port with AOF ({@code appendfsync everysec}) — never the shared one — killed with
 * SIGKILL and restarted while a client keeps posting. Every trace answered 202 is in the
 * stream afterwards; requests during the outage get 503 in the envelope, never 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.ingestion.stream.max-backlog=1000000",
				"agentobs.ingestion.stream.workspace-max-backlog=1000000", "spring.data.redis.timeout=2s" })
@ActiveProfiles("test")
@DirtiesContext
class RedisRestartIT {

	private static String binary;

	private static Path dir;

	private static int redisPort;

	private static Process redis;

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate template;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startOwnRedis() throws Exception {
		binary = Stream.of(System.getenv("AGENTOBS_TEST_REDIS_SERVER"), "/usr/bin/redis-server",
				"/usr/local/bin/redis-server")
			.filter((p) -> p != null && new File(p).canExecute())
			.findFirst()
			.orElse(null);
		Assumptions.assumeTrue(binary != null, "no redis-server binary (set AGENTOBS_TEST_REDIS_SERVER)");
		dir = Files.createTempDirectory("agentobs-redis-restart");
		try (ServerSocket socket = new ServerSocket(0)) {
			redisPort = socket.getLocalPort();
		}
		startRedis();
	}

	private static void startRedis() throws Exception {
		redis = new ProcessBuilder(binary, "--port", Integer.toString(redisPort), "--bind", "127.0.0.1", "--dir",
				dir.toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--daemonize", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			if (ping()) {
				return;
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("redis-server did not start; see " + dir.resolve("redis.log"));
	}

	/** PING over a raw socket, and the server has finished loading its AOF. */
	private static boolean ping() {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", redisPort)) {
			socket.setSoTimeout(1000);
			socket.getOutputStream().write("PING\r\n".getBytes());
			byte[] reply = new byte[64];
			int n = socket.getInputStream().read(reply);
			return n > 0 && new String(reply, 0, n).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	@AfterAll
	static void stopOwnRedis() throws IOException {
		if (redis != null) {
			redis.destroyForcibly();
		}
		if (dir != null) {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@DynamicPropertySource
	static void ownRedis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + redisPort + "/0");
	}

	@Test
	void acceptedTraces_surviveARedisCrash_whenAofIsOn() throws Exception {
		JsonNode readiness = this.json.readTree(get("/actuator/health/readiness").body());
		assertThat(readiness.get("status").stringValue()).isEqualTo("UP");
		JsonNode persistence = readiness.get("components").get("redisPersistence");
		assertThat(persistence.get("status").stringValue()).isEqualTo("UP");
		assertThat(persistence.get("details").get("appendfsync").stringValue()).isEqualTo("everysec");

		String key = IngestFixtures.newKey(IngestFixtures.newWorkspace(), false);
		ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Integer> refusals = new ConcurrentLinkedQueue<>();
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> senders = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			Thread sender = new Thread(() -> {
				while (running.get()) {
					String id = "crash-" + UUID.randomUUID();
					try {
						HttpResponse<String> response = post(key, TraceIngestIT.goodTrace(id, "eng-crash"));
						if (response.statusCode() == 202) {
							accepted.add(id);
						}
						else {
							refusals.add(response.statusCode());
						}
					}
					catch (Exception ex) {
						refusals.add(-1);
					}
				}
			});
			sender.start();
			senders.add(sender);
		}
		awaitAccepted(accepted, 100);
		redis.destroyForcibly().waitFor();
		int beforeCrash = accepted.size();
		Thread.sleep(3000);
		startRedis();
		awaitAccepted(accepted, beforeCrash + 100);
		running.set(false);
		for (Thread sender : senders) {
			sender.join(10_000);
		}

		Set<String> stored = this.template.opsForStream()
			.range(TraceStreams.INGEST, Range.unbounded())
			.stream()
			.map((r) -> this.json.readValue(String.valueOf(r.getValue().get(TraceStreams.FIELD_PAYLOAD)),
					TraceIngestedEvent.class))
			.flatMap((e) -> e.traces().stream())
			.map((t) -> t.traceId())
			.collect(Collectors.toSet());
		assertThat(accepted).hasSizeGreaterThan(200);
		assertThat(stored).containsAll(accepted);
		assertThat(refusals).as("answers while Redis was down").isNotEmpty().allSatisfy((s) -> assertThat(s).isEqualTo(503));

		// the same Redis without persistence: the component says so, readiness stays UP
		this.template.execute((RedisCallback<Object>) (c) -> {
			c.serverCommands().setConfig("appendonly", "no");
			return null;
		});
		JsonNode degraded = this.json.readTree(get("/actuator/health/readiness").body());
		assertThat(degraded.get("status").stringValue()).isEqualTo("UP");
		assertThat(degraded.get("components").get("redisPersistence").get("status").stringValue()).isEqualTo("DEGRADED");
	}

	private static void awaitAccepted(ConcurrentLinkedQueue<String> accepted, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (accepted.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

	private HttpResponse<String> post(String key, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/traces"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("X-API-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
