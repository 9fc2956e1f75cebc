package com.agentobs.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one service's Spring Boot application in this JVM as its own context, with the {@code test} profile (the
 * test stores), on a random port. Every service jar has an {@code application.yml} at its root and the class path
 * shows only the first, so each context is pointed at its own file: the one in the jar or directory its application
 * class comes from.
 */
final class InJvmService {

	private InJvmService() {
	}

	static ConfigurableApplicationContext start(Class<?> application, String... properties) {
		List<String> args = new ArrayList<>();
		args.add("--spring.config.location=" + ownConfig(application));
		args.add("--server.port=0");
		for (String property : properties) {
			args.add("--" + property);
		}
		return new SpringApplicationBuilder(application).profiles("test").run(args.toArray(String[]::new));
	}

	/** The HTTP port a started context listens on. */
	static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
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
