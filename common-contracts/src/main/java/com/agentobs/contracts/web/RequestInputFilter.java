package com.agentobs.contracts.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorResponse;
import com.agentobs.contracts.validation.PlainTexts;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.ObjectMapper;

/**
 * Refuses, before any handler or security filter reads them, the inputs that no endpoint
 * accepts: a query string that is not well-formed percent-encoded UTF-8 ({@code %zz},
 * {@code %C3%28}, a lone {@code %}), a NUL in a query parameter (PostgreSQL cannot store
 * NUL in text), and a {@code Content-Type} that is
 * malformed or a wildcard ({@code *}{@code /*} describes no body), a header value with
 * control characters. 400 or 415 in the envelope, naming the parameter or header.
 */
class RequestInputFilter extends OncePerRequestFilter {

	private final ObjectMapper mapper;

	RequestInputFilter(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ApiException refused = checkQuery(request.getQueryString());
		if (refused == null) {
			refused = checkHeaders(request);
		}
		if (refused == null) {
			refused = checkContentType(request);
		}
		if (refused != null) {
			response.setStatus(refused.code().status());
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			this.mapper.writeValue(response.getOutputStream(), ErrorResponse.of(refused.code(), refused.getMessage(),
					refused.details(), RequestIds.current(request)));
			return;
		}
		chain.doFilter(request, response);
	}

	/** The first malformed part of a raw query string, or null when it is well-formed. */
	static ApiException checkQuery(String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		for (String pair : query.split("&", -1)) {
			int equals = pair.indexOf('=');
			String rawName = (equals >= 0) ? pair.substring(0, equals) : pair;
			String rawValue = (equals >= 0) ? pair.substring(equals + 1) : "";
			String name = decode(rawName);
			if (name == null) {
				return ApiException.validation("query", "is not valid percent-encoded UTF-8");
			}
			String field = name.isEmpty() ? "query" : PlainTexts.printable(name);
			String value = decode(rawValue);
			if (value == null) {
				return ApiException.validation(field, "is not valid percent-encoded UTF-8");
			}
			String problem = PlainTexts.storableProblem(name);
			if (problem == null) {
				problem = PlainTexts.storableProblem(value);
			}
			if (problem != null) {
				return ApiException.validation(field, problem);
			}
		}
		return null;
	}

	/** Strict form decoding: {@code +} is a space, every {@code %} starts two hex digits, bytes are UTF-8. */
	static String decode(String raw) {
		if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
			return raw.chars().allMatch((c) -> c < 0x80) ? raw : null;
		}
		ByteBuffer bytes = ByteBuffer.allocate(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%') {
				if (i + 2 >= raw.length()) {
					return null;
				}
				int high = Character.digit(raw.charAt(i + 1), 16);
				int low = Character.digit(raw.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return null;
				}
				bytes.put((byte) ((high << 4) + low));
				i += 2;
			}
			else if (c >= 0x80) {
				return null;
			}
			else {
				bytes.put((byte) ((c == '+') ? ' ' : c));
			}
		}
		bytes.flip();
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes)
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/**
	 * Header values as Spring Security's firewall accepts them (assigned, non-control
	 * characters once read as ISO-8859-1), refused here so that the refusal is a 400 naming
	 * the header rather than an exception thrown wherever a header happens to be read, and
	 * an {@code Accept} that does not parse (the error itself could not be written).
	 */
	private static ApiException checkHeaders(HttpServletRequest request) {
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				for (int i = 0; i < value.length(); i++) {
					char c = value.charAt(i);
					if (Character.isISOControl(c) || !Character.isDefined(c)) {
						return ApiException.validation(PlainTexts.printable(name),
								"contains a character that is not allowed in a header");
					}
				}
			}
		}
		String accept = request.getHeader("Accept");
		if (accept != null) {
			try {
				MediaType.parseMediaTypes(accept);
			}
			catch (InvalidMediaTypeException ex) {
				return ApiException.validation("Accept", "is not a valid list of media types");
			}
		}
		return null;
	}

	private static ApiException checkContentType(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null || contentType.isBlank() || !hasBody(request)) {
			return null;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			if (type.isWildcardType() || type.isWildcardSubtype()) {
				return unsupported(contentType);
			}
		}
		catch (InvalidMediaTypeException ex) {
			return unsupported(contentType);
		}
		return null;
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null
				|| "POST".equals(request.getMethod()) || "PUT".equals(request.getMethod())
				|| "PATCH".equals(request.getMethod());
	}

	private static ApiException unsupported(String contentType) {
		return new ApiException(com.agentobs.contracts.error.ErrorCode.UNSUPPORTED_MEDIA_TYPE,
				"Content type '" + PlainTexts.printable(contentType) + "' is not supported",
				Map.of("field", "Content-Type", "reason", "must name one concrete media type, such as application/json"));
	}

}
