package com.agentobs.gateway.system;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.agentobs.contracts.error.ApiException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * First filter on every request: takes or generates {@code X-Request-ID} (returned and
 * forwarded), starts a W3C {@code traceparent} when the caller sent none, adds the
 * security headers, and enforces the request size limit (declared length and streamed
 * bytes alike).
 */
@Component
class EdgeWebFilter implements WebFilter, Ordered {

	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final long maxBytes;

	private final ErrorEnvelopes envelopes;

	EdgeWebFilter(GatewayProperties properties, ErrorEnvelopes envelopes) {
		this.maxBytes = properties.http().maxRequestSize().toBytes();
		this.envelopes = envelopes;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String requestId = RequestContext.acceptOrGenerate(request.getHeaders().getFirst(RequestContext.REQUEST_ID_HEADER));
		exchange.getAttributes().put(RequestContext.REQUEST_ID_ATTRIBUTE, requestId);
		String path = request.getPath().value();
		// at commit, after a proxied service's own headers were copied in: each header once, and a
		// service's own Cache-Control (ETag polling of an agent's configuration) wins over no-store
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			setIfAbsent(headers, RequestContext.REQUEST_ID_HEADER, requestId);
			addSecurityHeaders(headers, path);
			return Mono.empty();
		});
		String traceparent = request.getHeaders().getFirst(RequestContext.TRACEPARENT_HEADER);
		String forwardedTrace = RequestContext.validTraceparent(traceparent) ? traceparent
				: RequestContext.newTraceparent();
		long declared = request.getHeaders().getContentLength();
		if (declared > this.maxBytes) {
			return this.envelopes.write(exchange, tooLarge());
		}
		ServerHttpRequest mutated = new LimitedRequest(request.mutate().headers((h) -> {
			h.set(RequestContext.REQUEST_ID_HEADER, requestId);
			h.set(RequestContext.TRACEPARENT_HEADER, forwardedTrace);
		}).build(), this.maxBytes);
		return chain.filter(exchange.mutate().request(mutated).build());
	}

	private ApiException tooLarge() {
		return ApiException.payloadTooLarge("The request body is larger than " + this.maxBytes + " bytes", this.maxBytes);
	}

	private static void addSecurityHeaders(HttpHeaders headers, String path) {
		setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
		setIfAbsent(headers, "X-Frame-Options", "DENY");
		setIfAbsent(headers, "Referrer-Policy", "no-referrer");
		setIfAbsent(headers, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		setIfAbsent(headers, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
		setIfAbsent(headers, "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
				+ "style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
				+ "form-action 'self'");
		if (path.startsWith("/api/") || path.startsWith("/v1/")) {
			setIfAbsent(headers, HttpHeaders.CACHE_CONTROL, "no-store");
		}
	}

	/** One value per header: a value the proxied service already sent is kept (duplicates collapsed). */
	private static void setIfAbsent(HttpHeaders headers, String name, String value) {
		List<String> values = headers.get(name);
		if (values == null || values.isEmpty()) {
			headers.set(name, value);
		}
		else if (values.size() > 1) {
			headers.set(name, values.get(0));
		}
	}

	/** Counts streamed body bytes, so a chunked body without a length cannot exceed the limit either. */
	private final class LimitedRequest extends ServerHttpRequestDecorator {

		private final long limit;

		LimitedRequest(ServerHttpRequest delegate, long limit) {
			super(delegate);
			this.limit = limit;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > this.limit) {
					org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
					sink.error(tooLarge());
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

}
