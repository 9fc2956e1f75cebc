package com.agentobs.gateway.system;

import com.agentobs.contracts.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The one error path: every exception that reaches the web layer (our own, Spring's,
 * the proxy's) becomes the error envelope with the request id. 5xx are logged at WARN.
 */
@Component
@Order(-2)
class GlobalErrorHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GlobalErrorHandler.class);

	private final ErrorEnvelopes envelopes;

	GlobalErrorHandler(ErrorEnvelopes envelopes) {
		this.envelopes = envelopes;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ApiException error = ErrorEnvelopes.toApiException(ex);
		if (error.code().status() >= 500) {
			log.warn("{} {} failed with {} (request_id={}): {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath().value(), error.code(), RequestContext.requestId(exchange),
					ex.toString());
		}
		else {
			log.debug("{} {} -> {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
					error.code());
		}
		return this.envelopes.write(exchange, error);
	}

}
