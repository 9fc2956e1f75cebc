package com.agentobs.contracts.web;

import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.StandardFiltersParser;
import com.agentobs.contracts.filter.TimeRange;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves a controller's {@link StandardFilters} parameter through the one parser. */
class StandardFiltersArgumentResolver implements HandlerMethodArgumentResolver {

	private final StandardFiltersParser parser;

	StandardFiltersArgumentResolver(StandardFiltersParser parser) {
		this.parser = parser;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return StandardFilters.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		FilterDefaults defaults = parameter.getParameterAnnotation(FilterDefaults.class);
		TimeRange defaultRange = (defaults != null) ? defaults.range() : TimeRange.LAST_24H;
		return this.parser.parse(webRequest::getParameter, defaultRange);
	}

}
