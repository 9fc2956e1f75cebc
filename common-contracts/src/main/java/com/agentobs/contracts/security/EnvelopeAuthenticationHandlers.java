package com.agentobs.contracts.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.error.ErrorResponse;
import com.agentobs.contracts.web.RequestIds;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.ObjectMapper;

/** 401 and 403 raised by the security filter chain, written as the error envelope. */
class EnvelopeAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final ObjectMapper mapper;

	EnvelopeAuthenticationHandlers(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer");
		write(request, response, ErrorCode.UNAUTHENTICATED, "A valid bearer token or API key is required");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		write(request, response, ErrorCode.INSUFFICIENT_PERMISSIONS,
				"You do not have permission to access this resource");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
			throws IOException {
		response.setStatus(code.status());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		this.mapper.writeValue(response.getOutputStream(),
				ErrorResponse.of(code, message, Map.of(), RequestIds.current(request)));
	}

}
