package com.agentobs.contracts.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.error.ErrorResponse;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel/JSON error page: errors raised outside Spring MVC (servlet
 * filters, the security firewall, the container's own limits) also answer in the error
 * envelope. A client mistake rejected by a filter ({@link ApiException}, the firewall's
 * {@code RequestRejectedException}, Tomcat's parameter parsing) is its 4xx, not a 500.
 */
@Hidden
@RestController
class EnvelopeErrorController implements ErrorController {

	@RequestMapping(path = "${spring.web.error.path:${server.error.path:/error}}", produces = MediaType.ALL_VALUE)
	ResponseEntity<ErrorResponse> error(HttpServletRequest request) {
		Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// requested directly rather than dispatched to on an error: there is nothing here
		int status = (statusAttribute instanceof Integer value) ? value : 404;
		Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		for (Throwable t = exception; t != null; t = t.getCause()) {
			if (t instanceof ApiException api) {
				return respond(request, api.code(), api.getMessage(), api.details());
			}
			if (ApiExceptionHandler.REQUEST_REJECTED.equals(t.getClass().getName())) {
				ApiException api = ApiExceptionHandler.firewallRejection(t);
				return respond(request, api.code(), api.getMessage(), api.details());
			}
			if (t instanceof org.apache.tomcat.util.http.InvalidParameterException) {
				return respond(request, ErrorCode.VALIDATION_ERROR, "The request parameters could not be read",
						Map.of("field", "query", "reason", "is malformed or has too many parameters"));
			}
		}
		ErrorCode code = ErrorCode.forStatus(status);
		String message = switch (code) {
			case UNAUTHENTICATED -> "Authentication is required";
			case INSUFFICIENT_PERMISSIONS -> "You do not have permission to access this resource";
			case METHOD_NOT_ALLOWED -> "This method is not allowed on this path";
			case UNSUPPORTED_MEDIA_TYPE -> "This content type is not supported";
			default -> EnvelopeErrorReportValve.message(code.status());
		};
		return respond(request, code, message, Map.of());
	}

	private static ResponseEntity<ErrorResponse> respond(HttpServletRequest request, ErrorCode code, String message,
			Map<String, Object> details) {
		return ResponseEntity.status(code.status())
			.contentType(MediaType.APPLICATION_JSON)
			.body(ErrorResponse.of(code, message, details, RequestIds.current(request)));
	}

}
