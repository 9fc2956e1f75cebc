package com.agentobs.gateway.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./agentobs up} leaves Redis persisting: the script's {@code ensure_redis persist} run
 * against Redis servers this test starts itself on free ports (never the shared one).
 */
class AgentobsRedisScriptIT {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@TempDir
	Path dir;

	@Test
	void ensureRedis_turnsAofOn_whenALocalRedisRunsWithoutPersistence() throws Exception {
		assumeTrue(onPath("redis-server") && onPath("redis-cli"), "redis-server is not installed");
		int port = freePort();
		run(List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", Integer.toString(port),
				"--save", "", "--appendonly", "no", "--dir", this.dir.toString(), "--pidfile",
				this.dir.resolve("redis.pid").toString()));
		try {
			waitForPing(port);

			String output = script(port, this.dir.resolve("unused"));

			assertThat(output).contains("turning AOF on");
			assertThat(config(port, "appendonly")).isEqualTo("yes");
			assertThat(config(port, "appendfsync")).isEqualTo("everysec");
		}
		finally {
			shutdown(port);
		}
	}

	@Test
	void ensureRedis_startsRedisWithAof_inItsDataDirectory_whenNoneRuns() throws Exception {
		assumeTrue(onPath("redis-server") && onPath("redis-cli"), "redis-server is not installed");
		int port = freePort();
		Path data = this.dir.resolve("redis-data");
		try {
			String output = script(port, data);

			assertThat(output).contains("with AOF");
			assertThat(config(port, "appendonly")).isEqualTo("yes");
			assertThat(config(port, "dir")).isEqualTo(data.toString());
		}
		finally {
			shutdown(port);
		}
	}

	private static String script(int port, Path redisDir) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", "-c",
				"source ./agentobs && parse_redis_url && ensure_redis persist")
			.directory(ROOT.toFile())
			.redirectErrorStream(true);
		builder.environment().put("AGENTOBS_REDIS_URL", "redis://127.0.0.1:" + port + "/0");
		builder.environment().put("AGENTOBS_REDIS_DIR", redisDir.toString());
		builder.environment().remove("AGENTOBS_REDIS_KEEP_CONFIG");
		return run(builder);
	}

	private static String config(int port, String name) throws Exception {
		List<String> lines = run(List.of("redis-cli", "-p", Integer.toString(port), "config", "get", name)).lines()
			.toList();
		return lines.get(1);
	}

	private static void waitForPing(int port) throws Exception {
		for (int i = 0; i < 100; i++) {
			if (run(List.of("redis-cli", "-p", Integer.toString(port), "ping")).contains("PONG")) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("redis on " + port + " did not answer");
	}

	private static void shutdown(int port) throws Exception {
		run(List.of("redis-cli", "-p", Integer.toString(port), "shutdown", "nosave"));
	}

	private static String run(List<String> command) throws Exception {
		return run(new ProcessBuilder(command).redirectErrorStream(true));
	}

	private static String run(ProcessBuilder builder) throws Exception {
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", builder.command()).isTrue();
		return output;
	}

	private static boolean onPath(String program) {
		for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(entry, program))) {
				return true;
			}
		}
		return false;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
