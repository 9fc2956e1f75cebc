package com.agentobs.contracts.security;

import jakarta.servlet.http.HttpServletRequest;

import com.agentobs.contracts.error.ApiException;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands a controller the {@link Caller} that {@link CallerInterceptor} verified. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Caller.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		Object caller = (request != null) ? request.getAttribute(CallerInterceptor.ATTRIBUTE) : null;
		if (caller == null) {
			throw ApiException.unauthenticated("A valid bearer token or API key is required");
		}
		return caller;
	}

}
