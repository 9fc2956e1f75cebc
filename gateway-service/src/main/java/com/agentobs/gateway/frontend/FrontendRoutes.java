package com.agentobs.gateway.frontend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.gateway.system.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * Serves the dashboard's built files at {@code /} with a single-page-app fallback: a GET
 * for a path that is not a file (and not an API path) answers {@code index.html}, so deep
 * links work. Hashed assets are cached for a year, {@code index.html} never. Without a
 * build, {@code /} answers a short note instead of an error.
 */
@Configuration(proxyBeanMethods = false)
class FrontendRoutes {

	private static final List<String> NOT_FRONTEND = List.of("/api/", "/v1/", "/actuator", "/.well-known/",
			"/v3/api-docs", "/swagger-ui", "/webjars/");

	@Bean
	RouterFunction<ServerResponse> frontend(GatewayProperties properties) {
		Path root = properties.frontend().dir().toAbsolutePath().normalize();
		RequestPredicate frontendPath = (request) -> {
			String path = request.path();
			return NOT_FRONTEND.stream().noneMatch(path::startsWith) && !path.equals("/api");
		};
		return RouterFunctions.route(GET("/**").and(frontendPath), (request) -> serve(root, request));
	}

	private static Mono<ServerResponse> serve(Path root, ServerRequest request) {
		String path = request.path();
		if (!Files.isDirectory(root)) {
			if (path.equals("/") || path.equals("/index.html")) {
				return ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("service", "agentobs-gateway", "status", "up", "message",
							"The dashboard is not built yet: build frontend/ (npm run build) or set AGENTOBS_FRONTEND_DIR. "
									+ "The API is under /api/v1."));
			}
			return Mono.error(ApiException.notFound("page", path));
		}
		Path file = root.resolve(path.substring(1)).normalize();
		if (!file.startsWith(root)) {
			return Mono.error(ApiException.notFound("page", path));
		}
		if (Files.isRegularFile(file)) {
			boolean hashedAsset = path.startsWith("/assets/");
			return file(file, hashedAsset ? CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable()
					: CacheControl.noCache());
		}
		String last = path.substring(path.lastIndexOf('/') + 1);
		Path index = root.resolve("index.html");
		if (last.contains(".") || !Files.isRegularFile(index)) {
			return Mono.error(ApiException.notFound("file", path));
		}
		return file(index, CacheControl.noCache());
	}

	private static Mono<ServerResponse> file(Path file, CacheControl cache) {
		FileSystemResource resource = new FileSystemResource(file);
		return ServerResponse.ok()
			.contentType(MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM))
			.cacheControl(cache)
			.bodyValue(resource);
	}

}
