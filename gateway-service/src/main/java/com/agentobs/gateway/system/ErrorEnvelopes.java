package com.agentobs.gateway.system;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.error.ErrorResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Writes the error envelope from anywhere in the gateway (filters, handlers, the proxy) and
 * maps what can go wrong on the way to a service onto the stable error codes: a service
 * that refuses connections is 503 {@code SERVICE_UNAVAILABLE}, one that is late is 504
 * {@code UPSTREAM_TIMEOUT}.
 */
@Component
public class ErrorEnvelopes {

	private final JsonMapper mapper;

	ErrorEnvelopes(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public Mono<Void> write(ServerWebExchange exchange, ApiException error) {
		return write(exchange.getResponse(), error, RequestContext.requestId(exchange));
	}

	/** Writes the envelope to {@code response}, replacing whatever status and content type it had. */
	public Mono<Void> write(ServerHttpResponse response, ApiException error, String requestId) {
		return write(response, HttpStatusCode.valueOf(error.code().status()), error, requestId);
	}

	/** As above with a status other than the code's own (a service's 502 stays 502). */
	public Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, ApiException error,
			String requestId) {
		if (response.isCommitted()) {
			return Mono.error(error);
		}
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.remove(HttpHeaders.CONTENT_LENGTH);
		headers.remove(HttpHeaders.CONTENT_ENCODING);
		if (error.retryAfterSeconds() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
		}
		if (error.code() == ErrorCode.UNAUTHENTICATED) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		DataBuffer buffer = response.bufferFactory().wrap(body(error, requestId));
		return response.writeWith(Mono.just(buffer));
	}

	/** The envelope's bytes, for the layers below Spring (the Netty connection handlers). */
	public byte[] body(ApiException error, String requestId) {
		return this.mapper.writeValueAsBytes(
				ErrorResponse.of(error.code(), error.getMessage(), error.details(), requestId));
	}

	/** The envelope error for anything thrown while handling a request. */
	public static ApiException toApiException(Throwable ex) {
		if (ex instanceof ApiException api) {
			return api;
		}
		if (ex instanceof JwtException) {
			return ApiException.unauthenticated("The access token is invalid or expired");
		}
		if (ex instanceof WebExchangeBindException bind && bind.getFieldError() != null) {
			FieldError field = bind.getFieldError();
			return ApiException.validation(snake(field.getField()),
					(field.getDefaultMessage() != null) ? field.getDefaultMessage() : "is invalid");
		}
		if (ex instanceof ServerWebInputException input) {
			return new ApiException(ErrorCode.VALIDATION_ERROR,
					(input.getReason() != null) ? input.getReason() : "The request is malformed", Map.of());
		}
		if (ex instanceof org.springframework.web.server.ServerErrorException missing
				&& missing.getMethodParameter() != null
				&& missing.getMethodParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
			// a blank path segment where a variable is expected: the client's input, not our failure
			String name = missing.getMethodParameter().getParameterName();
			return ApiException.validation(snake((name != null) ? name : "path"), "is required");
		}
		java.sql.SQLException sql = cause(ex, java.sql.SQLException.class);
		if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
			// a data exception (NUL in text, a value out of range): the input cannot be stored as sent
			return new ApiException(ErrorCode.VALIDATION_ERROR,
					"A value in the request cannot be stored as sent (SQLSTATE " + sql.getSQLState() + ")", Map.of());
		}
		if (hasCause(ex, DataBufferLimitException.class)) {
			return ApiException.payloadTooLarge("The request body is too large", -1);
		}
		if (ex instanceof ResponseStatusException status) {
			int code = status.getStatusCode().value();
			return switch (code) {
				case 504 -> timeout();
				case 503 -> unavailable();
				case 404 -> new ApiException(ErrorCode.RESOURCE_NOT_FOUND, "No such endpoint", Map.of());
				default -> new ApiException(ErrorCode.forStatus(code),
						(status.getReason() != null) ? status.getReason() : HttpStatus.valueOf(code).getReasonPhrase(),
						Map.of());
			};
		}
		if (hasCause(ex, ConnectException.class) || hasCause(ex, UnknownHostException.class)
				|| hasCause(ex, NoRouteToHostException.class)
				|| hasCause(ex, io.netty.channel.ConnectTimeoutException.class)
				|| hasCause(ex, reactor.netty.http.client.PrematureCloseException.class)) {
			return unavailable();
		}
		if (hasCause(ex, TimeoutException.class)) {
			return timeout();
		}
		return new ApiException(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side", Map.of());
	}

	private static ApiException unavailable() {
		return ApiException.unavailable("The service behind this endpoint is not available; try again shortly", 5);
	}

	private static ApiException timeout() {
		return new ApiException(ErrorCode.UPSTREAM_TIMEOUT, "The service behind this endpoint did not answer in time",
				Map.of());
	}

	private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		return cause(ex, type) != null;
	}

	private static String snake(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
	}

}
