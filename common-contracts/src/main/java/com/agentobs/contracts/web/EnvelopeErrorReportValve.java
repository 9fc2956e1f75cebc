package com.agentobs.contracts.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.error.ErrorResponse;

import tools.jackson.databind.ObjectMapper;

/**
 * Tomcat's last-resort error page, as the error envelope. Tomcat answers some requests
 * before any servlet, filter or error page of the application runs (an encoded {@code /},
 * {@code \}, NUL or {@code %} in the path, a malformed request line, a URI or headers past
 * the connector's limits), and would render them as an HTML page.
 */
class EnvelopeErrorReportValve extends ErrorReportValve {

	private final ObjectMapper mapper;

	EnvelopeErrorReportValve(ObjectMapper mapper) {
		this.mapper = mapper;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		if (status == 400 && tooLarge(throwable, response)) {
			// Tomcat says 400 for both; the request line is parsed only when the headers overflowed
			status = request.getCoyoteRequest().requestURI().isNull() ? 414 : 431;
			response.setStatus(status);
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String requestId = requestId(request);
		ErrorResponse body = ErrorResponse.of(ErrorCode.forStatus(status), message(status), details(status), requestId);
		try {
			response.setHeader(RequestIds.HEADER, requestId);
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(this.mapper.writeValueAsString(body));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response cannot be written: nothing left to report to
		}
	}

	/** Tomcat's "Request header is too large": the request line or the headers overflowed the buffer. */
	private static boolean tooLarge(Throwable throwable, Response response) {
		for (Throwable t = throwable; t != null; t = t.getCause()) {
			if (String.valueOf(t.getMessage()).contains("too large")) {
				return true;
			}
		}
		return String.valueOf(response.getMessage()).contains("too large");
	}

	static String message(int status) {
		return switch (status) {
			case 400 -> "The request is malformed (request line, path, query or headers)";
			case 404 -> "No endpoint or resource at this path";
			case 413 -> "The request body is too large";
			case 414 -> "The request URI is too long";
			case 431 -> "The request headers are too large";
			default -> (status >= 500) ? "An unexpected error occurred; quote the request_id when reporting it"
					: "The request could not be processed";
		};
	}

	private static Map<String, Object> details(int status) {
		return switch (status) {
			case 400 -> Map.of("field", "request", "reason",
					"contains a character, escape or syntax that HTTP or this server does not allow");
			case 414 -> Map.of("field", "uri", "reason", "is longer than the server accepts");
			case 431 -> Map.of("field", "headers", "reason", "are larger than the server accepts");
			default -> Map.of();
		};
	}

	private static String requestId(Request request) {
		Object id = request.getAttribute(RequestIds.ATTRIBUTE);
		if (id != null) {
			return id.toString();
		}
		String header = null;
		try {
			header = request.getHeader(RequestIds.HEADER);
		}
		catch (RuntimeException ex) {
			// headers that could not be parsed: generate an id
		}
		return RequestIds.acceptOrGenerate(header);
	}

}
