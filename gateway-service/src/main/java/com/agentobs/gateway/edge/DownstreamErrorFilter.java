package com.agentobs.gateway.edge;

import java.util.Map;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.gateway.system.ErrorEnvelopes;
import com.agentobs.gateway.system.RequestContext;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * A service's error answer reaches the client only as the JSON error envelope: an error status
 * whose body is not JSON (a container's HTML error page, an empty body) is replaced by the
 * envelope for that status, so no HTML, stack trace or server banner is relayed.
 */
@Component
class DownstreamErrorFilter implements GlobalFilter, Ordered {

	private final ErrorEnvelopes envelopes;

	DownstreamErrorFilter(ErrorEnvelopes envelopes) {
		this.envelopes = envelopes;
	}

	@Override
	public int getOrder() {
		// wraps the response before NettyWriteResponseFilter writes the service's body into it
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpResponse original = exchange.getResponse();
		String requestId = RequestContext.requestId(exchange);
		ServerHttpResponseDecorator decorated = new ServerHttpResponseDecorator(original) {

			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				if (!needsEnvelope(getDelegate())) {
					return super.writeWith(body);
				}
				return Flux.from(body)
					.doOnNext(DataBufferUtils::release)
					.then(Mono.defer(() -> replace(getDelegate(), requestId)));
			}

			@Override
			public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
				if (!needsEnvelope(getDelegate())) {
					return super.writeAndFlushWith(body);
				}
				return writeWith(Flux.from(body).flatMapSequential((part) -> part));
			}

			@Override
			public Mono<Void> setComplete() {
				if (!needsEnvelope(getDelegate())) {
					return super.setComplete();
				}
				return replace(getDelegate(), requestId);
			}

		};
		return chain.filter(exchange.mutate().response(decorated).build());
	}

	private Mono<Void> replace(ServerHttpResponse response, String requestId) {
		HttpStatusCode status = response.getStatusCode();
		return this.envelopes.write(response, status, envelope(status), requestId);
	}

	/** An error status without a JSON body: anything a service sends that is not our envelope. */
	static boolean needsEnvelope(ServerHttpResponse response) {
		HttpStatusCode status = response.getStatusCode();
		if (status == null || !status.isError()) {
			return false;
		}
		MediaType type = response.getHeaders().getContentType();
		boolean json = type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
				|| MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"));
		return !json;
	}

	private static ApiException envelope(HttpStatusCode status) {
		int code = status.value();
		HttpStatus known = HttpStatus.resolve(code);
		String message = (code >= 500) ? "The service behind this endpoint failed"
				: (known != null) ? known.getReasonPhrase() : "The request was refused";
		return new ApiException(ErrorCode.forStatus(code), message, Map.of("status", code));
	}

}
