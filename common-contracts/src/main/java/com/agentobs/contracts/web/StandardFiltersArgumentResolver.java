package com.agentobs.contracts.web;

import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.StandardFiltersParser;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.tenancy.DepartmentCodes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a controller's {@link StandardFilters} parameter through the one parser; in a service with
 * a database, a {@code department} code must name a department of the caller's workspace
 * ({@link DepartmentCodes}).
 */
class StandardFiltersArgumentResolver implements HandlerMethodArgumentResolver {

	private final StandardFiltersParser parser;

	private final ObjectProvider<DepartmentCodes> departments;

	StandardFiltersArgumentResolver(StandardFiltersParser parser, ObjectProvider<DepartmentCodes> departments) {
		this.parser = parser;
		this.departments = departments;
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
		StandardFilters filters = this.parser.parse(webRequest::getParameter, defaultRange);
		DepartmentCodes codes = (filters.department() != null) ? this.departments.getIfAvailable() : null;
		if (codes != null
				&& webRequest.getAttribute(Caller.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Caller caller
				&& caller.workspaceId() != null) {
			codes.requireKnown(caller.workspaceId(), filters.department());
		}
		return filters;
	}

}
