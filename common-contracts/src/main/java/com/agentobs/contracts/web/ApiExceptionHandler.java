package com.agentobs.contracts.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.error.ErrorResponse;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.databind.DatabindException;

/**
 * The one error path of every servlet service: {@link ApiException} and Spring's own
 * exceptions become the error envelope with the right status and stable code; client
 * mistakes are never a 500 and never show a stack trace. 4xx are logged at DEBUG, 5xx at
 * WARN with the request id (ids, never payloads).
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApi(ApiException ex, NativeWebRequest request) {
		HttpHeaders headers = new HttpHeaders();
		if (ex.retryAfterSeconds() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
		}
		return envelope(ex.code(), ex.getMessage(), ex.details(), headers, request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, NativeWebRequest request) {
		var violation = ex.getConstraintViolations().iterator().next();
		String path = violation.getPropertyPath().toString();
		String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
		ApiException api = ApiException.validation(field, violation.getMessage());
		return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, NativeWebRequest request) {
		log.warn("Unexpected error [request_id={}]", requestId(request), ex);
		return envelope(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred; quote the request_id when reporting it",
				Map.of(), new HttpHeaders(), request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		FieldError fieldError = ex.getBindingResult().getFieldError();
		String field = (fieldError != null) ? snakeCase(fieldError.getField()) : ex.getObjectName();
		String reason = (fieldError != null) ? fieldError.getDefaultMessage() : "is invalid";
		ApiException api = ApiException.validation(field, reason);
		return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var result = ex.getParameterValidationResults().get(0);
		String field = result.getMethodParameter().getParameterName();
		String reason = result.getResolvableErrors().get(0).getDefaultMessage();
		ApiException api = ApiException.validation((field != null) ? snakeCase(field) : "parameter", reason);
		return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ApiException api = ApiException.validation(ex.getParameterName(), "is required");
		return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "the expected type";
		ApiException api = ApiException.validation(field, "must be a valid " + type);
		return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, Object> details = new LinkedHashMap<>();
		String message = "The request body is not valid JSON";
		if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			String field = databind.getPath()
				.stream()
				.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
				.orElse("body");
			details.put("field", field);
			details.put("reason", "has the wrong type or format");
			message = "Invalid value for '" + field + "'";
		}
		else {
			details.put("field", "body");
			details.put("reason", "is missing or is not well-formed JSON");
		}
		return envelope(ErrorCode.VALIDATION_ERROR, message, details, new HttpHeaders(), request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<String> supported = ex.getSupportedMediaTypes().stream().map(MediaType::toString).toList();
		ApiException api = ApiException.unsupportedMediaType(String.valueOf(ex.getContentType()), supported);
		return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ApiException api = ApiException.payloadTooLarge("The request body is too large", ex.getMaxUploadSize());
		return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
	}

	/** Every other exception Spring MVC maps itself (405, 406, 404 for unknown paths…). */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ErrorCode code = ErrorCode.forStatus(statusCode.value());
		String message = switch (code) {
			case RESOURCE_NOT_FOUND -> "No endpoint or resource at this path";
			case METHOD_NOT_ALLOWED -> "This method is not allowed on this path";
			case NOT_ACCEPTABLE -> "The requested response format is not available";
			case INTERNAL_ERROR -> "An unexpected error occurred; quote the request_id when reporting it";
			default -> "The request could not be processed";
		};
		if (code == ErrorCode.INTERNAL_ERROR) {
			log.warn("Unexpected error [request_id={}]", requestId(request), ex);
		}
		HttpHeaders copied = new HttpHeaders();
		if (headers != null) {
			copied.addAll(headers);
		}
		return envelope(code, message, Map.of(), copied, request);
	}

	private ResponseEntity<Object> envelope(ErrorCode code, String message, Map<String, Object> details,
			HttpHeaders headers, WebRequest request) {
		if (code.status() < 500) {
			log.debug("{} {} [request_id={}]", code.status(), code, requestId(request));
		}
		headers.setContentType(MediaType.APPLICATION_JSON);
		ErrorResponse body = ErrorResponse.of(code, message, details, requestId(request));
		return ResponseEntity.status(code.status()).headers(headers).body(body);
	}

	private static String requestId(WebRequest request) {
		if (request instanceof NativeWebRequest nativeRequest) {
			HttpServletRequest servletRequest = nativeRequest.getNativeRequest(HttpServletRequest.class);
			if (servletRequest != null) {
				return RequestIds.current(servletRequest);
			}
		}
		return null;
	}

	static String snakeCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
	}

}
