package com.agentobs.contracts.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.error.ErrorResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel/JSON error page: errors raised outside Spring MVC (servlet
 * filters, the container's own limits) also answer in the error envelope.
 */
@RestController
class EnvelopeErrorController implements ErrorController {

	@RequestMapping(path = "${spring.web.error.path:${server.error.path:/error}}", produces = MediaType.ALL_VALUE)
	ResponseEntity<ErrorResponse> error(HttpServletRequest request) {
		Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (statusAttribute instanceof Integer value) ? value : 500;
		ErrorCode code = ErrorCode.forStatus(status);
		String message = switch (code) {
			case RESOURCE_NOT_FOUND -> "No endpoint or resource at this path";
			case PAYLOAD_TOO_LARGE -> "The request body is too large";
			case UNAUTHENTICATED -> "Authentication is required";
			case INSUFFICIENT_PERMISSIONS -> "You do not have permission to access this resource";
			case INTERNAL_ERROR -> "An unexpected error occurred; quote the request_id when reporting it";
			default -> "The request could not be processed";
		};
		return ResponseEntity.status(code.status())
			.contentType(MediaType.APPLICATION_JSON)
			.body(ErrorResponse.of(code, message, Map.of(), RequestIds.current(request)));
	}

}
