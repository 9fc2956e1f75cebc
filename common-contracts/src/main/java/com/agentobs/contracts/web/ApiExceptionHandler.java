package com.agentobs.contracts.web;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.error.ErrorResponse;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
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

	/** Spring Security's firewall refusal (by name: the security module is optional here). */
	static final String REQUEST_REJECTED = "org.springframework.security.web.firewall.RequestRejectedException";

	private static final Pattern REJECTED_HEADER = Pattern.compile("header(?: name)?: \"([A-Za-z0-9_-]{1,64})");

	/**
	 * SQLSTATEs of data exceptions caused by the value sent, not by the server: string too
	 * long, numeric out of range, invalid datetime format, datetime overflow, NUL or invalid
	 * byte in text, invalid parameter value (the driver's NUL check), invalid text
	 * representation, untranslatable character (NUL in jsonb).
	 */
	private static final Set<String> INPUT_SQL_STATES = Set.of("22001", "22003", "22007", "22008", "22021",
			"22023", "22P02", "22P05");

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> handleApi(ApiException ex, WebRequest request) {
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
		ApiException api = ApiException.validation(snakeCase(field), violation.getMessage());
		return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
	}

	/** Tomcat could not parse the parameters (too many, or malformed in a form body). */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> handleInvalidParameter(InvalidParameterException ex, NativeWebRequest request) {
		ErrorCode code = (ex.getErrorCode() == 413) ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.VALIDATION_ERROR;
		return envelope(code, "The request parameters could not be read",
				Map.of("field", "query", "reason", "is malformed or has too many parameters"), new HttpHeaders(),
				request);
	}

	/**
	 * PostgreSQL refused a value the request carried (a NUL in text, a number past a column's
	 * precision, a date out of range, a string too long): the client's input, so a 400. Any
	 * other database failure stays a 500.
	 */
	@ExceptionHandler(DataAccessException.class)
	ResponseEntity<Object> handleDataAccess(DataAccessException ex, NativeWebRequest request) {
		String sqlState = sqlState(ex);
		if (sqlState != null && INPUT_SQL_STATES.contains(sqlState)) {
			log.info("Stored value refused, SQLSTATE {} [request_id={}]", sqlState, requestId(request));
			return envelope(ErrorCode.VALIDATION_ERROR, "A value in the request cannot be stored",
					Map.of("field", "body", "reason", "contains a value the store refuses (" + sqlState + ")"),
					new HttpHeaders(), request);
		}
		return handleUnexpected(ex, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, NativeWebRequest request) {
		if (REQUEST_REJECTED.equals(ex.getClass().getName())) {
			return handleApi(firewallRejection(ex), request);
		}
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

	/** A path variable that converts to nothing (a blank UUID) is the client's; a missing one is ours. */
	@Override
	protected ResponseEntity<Object> handleMissingPathVariable(MissingPathVariableException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (!ex.isMissingAfterConversion()) {
			return super.handleMissingPathVariable(ex, headers, status, request);
		}
		ApiException api = ApiException.validation(ex.getVariableName(), "must not be blank");
		return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
	}

	@Override
	protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex instanceof MissingRequestHeaderException missing) {
			ApiException api = ApiException.validation(missing.getHeaderName(), "is required");
			return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
		}
		return super.handleServletRequestBindingException(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex.getPropertyName() != null) ? snakeCase(ex.getPropertyName()) : "parameter";
		String type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "the expected type";
		ApiException api = ApiException.validation(field, "must be a valid " + type);
		return envelope(api.code(), api.getMessage(), api.details(), new HttpHeaders(), request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ApiException thrownByConstructor = cause(ex, ApiException.class);
		if (thrownByConstructor != null) {
			return handleApi(thrownByConstructor, request);
		}
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

	/**
	 * The firewall refuses a header value with control or non-ISO-8859-1 characters when it is
	 * read, and a URL with encoded separators or NUL: the client's input, a 400.
	 */
	static ApiException firewallRejection(Throwable ex) {
		Matcher header = REJECTED_HEADER.matcher(String.valueOf(ex.getMessage()));
		if (header.find()) {
			return ApiException.validation(header.group(1), "contains a character that is not allowed in a header");
		}
		return ApiException.validation("path", "contains a character or sequence that is not allowed");
	}

	private static String sqlState(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	static String snakeCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
	}

}
