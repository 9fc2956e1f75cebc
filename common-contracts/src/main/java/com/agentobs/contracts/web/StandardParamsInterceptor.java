package com.agentobs.contracts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.agentobs.contracts.filter.StandardFiltersParser;
import com.agentobs.contracts.filter.TimeRange;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Validates the standard parameters on every {@code /api/**} request, whichever handler
 * it reaches, so that {@code range=banana} or {@code limit=5000} is a 400 naming the
 * field on every service and every path — never ignored.
 */
class StandardParamsInterceptor implements HandlerInterceptor {

	private final StandardFiltersParser parser;

	StandardParamsInterceptor(StandardFiltersParser parser) {
		this.parser = parser;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		boolean hasStandardParam = StandardFiltersParser.PARAMETERS.stream()
			.anyMatch((name) -> request.getParameter(name) != null);
		if (hasStandardParam) {
			this.parser.parse(request::getParameter, TimeRange.LAST_24H);
		}
		return true;
	}

}
