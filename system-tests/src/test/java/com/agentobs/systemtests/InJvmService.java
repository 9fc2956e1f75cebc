package com.agentobs.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.gemini.GeminiApplication;
import com.agentobs.guardrail.GuardrailApplication;
import com.agentobs.ingestion.IngestionApplication;
import com.agentobs.processing.ProcessingApplication;
import com.agentobs.query.QueryApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The services of these tests, each started once per JVM as its own Spring context with the {@code test} profile
 * (the test stores) on a random port, and shared by every test class (closed by the JVM's shutdown hook). Every
 * service jar has an {@code application.yml} at its root and the class path shows only the first, so each context
 * is pointed at its own file: the one in the jar or directory its application class comes from.
 */
public final class InJvmService {

	private static final Map<Class<?>, ConfigurableApplicationContext> started = new HashMap<>();

	private InJvmService() {
	}

	/** processing-service, which also migrates the test database; short waits, as in its own test profile. */
	static synchronized ConfigurableApplicationContext processing() {
		return start(ProcessingApplication.class, "agentobs.processing.consumer.block=100ms",
				"agentobs.processing.consumer.rollup-interval=200ms",
				"agentobs.processing.consumer.workspace-statistics-interval=0s", "agentobs.processing.search.block=100ms",
				"agentobs.processing.recompute.poll=200ms");
	}

	/** ingestion-service, OTLP/HTTP and REST only. */
	static synchronized ConfigurableApplicationContext ingestion() {
		processing();
		return start(IngestionApplication.class, "spring.flyway.enabled=false", "agentobs.ingestion.grpc.enabled=false");
	}

	/** query-service, without its scheduled business job (it would bump other workspaces' data versions). */
	static synchronized ConfigurableApplicationContext query() {
		processing();
		return start(QueryApplication.class, "spring.flyway.enabled=false", "agentobs.business.job-enabled=false");
	}

	/** gemini-service with its default, offline model generator. */
	public static synchronized ConfigurableApplicationContext gemini() {
		processing();
		return start(GeminiApplication.class, "spring.flyway.enabled=false");
	}

	/** guardrail-service (safety checks and the redactor). */
	public static synchronized ConfigurableApplicationContext guardrail() {
		processing();
		return start(GuardrailApplication.class, "spring.flyway.enabled=false");
	}

	/** The HTTP port a started context listens on. */
	public static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static ConfigurableApplicationContext start(Class<?> application, String... properties) {
		return started.computeIfAbsent(application, (app) -> {
			List<String> args = new ArrayList<>();
			args.add("--spring.config.location=" + ownConfig(app));
			args.add("--server.port=0");
			for (String property : properties) {
				args.add("--" + property);
			}
			return new SpringApplicationBuilder(app).profiles("test").run(args.toArray(String[]::new));
		});
	}

	private static String ownConfig(Class<?> application) {
		String home = application.getProtectionDomain().getCodeSource().getLocation().getPath();
		try {
			return Collections.list(application.getClassLoader().getResources("application.yml"))
				.stream()
				.map(URL::toString)
				.filter((url) -> url.contains(home))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No application.yml beside " + application.getName()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
