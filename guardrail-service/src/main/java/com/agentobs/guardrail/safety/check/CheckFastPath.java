package com.agentobs.guardrail.safety.check;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.CallerChecks;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.guardrail.system.FastPaths;
import com.agentobs.guardrail.safety.check.CheckController.CheckRequest;
import com.agentobs.guardrail.safety.check.CheckController.CheckResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/guardrails/check} answered before the security filter chain and the
 * dispatcher, with the normal path's own rules rather than copies of them:
 * <ol>
 * <li>a bearer token the service's {@link JwtDecoder} accepts (the same decoder bean: a token
 * verified once is a map lookup);</li>
 * <li>workspace selection and the role / agent-permission check of {@link CheckController}'s
 * {@link RequiresRole}, through {@link CallerChecks} (the interceptor's code);</li>
 * <li>the body read by the same {@link ObjectMapper} the message converter uses, then validated
 * and answered by {@link InlineCheck}, the controller's own code, which also queues the
 * violations to be written afterwards.</li>
 * </ol>
 * It writes only 200. Anything else — a failed check of any kind, a body that does not parse or
 * does not validate, an API key, no or a large {@code Content-Length}, a query string, content
 * negotiation, CORS, TLS — goes on down the chain with the body replayed unchanged, so every
 * 400/401/403/413/415 is the normal path's own answer in its own envelope.
 */
final class CheckFastPath implements Filter {

	static final String PATH = "/api/v1/guardrails/check";

	/** Bodies up to this size are read here; larger ones (and the 413s) stay on the normal path. */
	static final int MAX_BODY_BYTES = 256 * 1024;

	private static final RequiresRole REQUIREMENT = CheckController.class.getAnnotation(RequiresRole.class);

	private final JwtDecoder decoder;

	private final ObjectMapper mapper;

	private final InlineCheck inlineCheck;

	private final Counter served;

	CheckFastPath(JwtDecoder decoder, ObjectMapper mapper, InlineCheck inlineCheck, MeterRegistry meters) {
		this.decoder = decoder;
		this.mapper = mapper;
		this.inlineCheck = inlineCheck;
		this.served = Counter.builder("agentobs.guardrail.check.fast")
			.description("Inline checks answered before the security chain and the dispatcher")
			.register(meters);
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
			chain.doFilter(req, res);
			return;
		}
		if (!candidate(request)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(request.getContentLength());
		if (!serve(request, response, body)) {
			chain.doFilter(new ReplayedBody(request, body), response);
		}
	}

	/** A plain JSON POST with a bearer token and a small declared body; nothing read yet. */
	private static boolean candidate(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod()) || request.isSecure() || request.getQueryString() != null
				|| !PATH.equals(request.getRequestURI())) {
			return false;
		}
		int length = request.getContentLength();
		if (length < 0 || length > MAX_BODY_BYTES || !json(request.getContentType())) {
			return false;
		}
		return FastPaths.plainRequest(request) && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
	}

	/** {@code application/json}, optionally with a UTF-8 charset: what Jackson reads as the converter would. */
	static boolean json(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
		return type.equals("application/json") || type.equals("application/json;charset=utf-8");
	}

	/** {@code true} when answered here; {@code false} leaves the request to the normal path. */
	private boolean serve(HttpServletRequest request, HttpServletResponse response, byte[] body) throws IOException {
		if (body.length != request.getContentLength()) {
			return false;
		}
		Jwt jwt = FastPaths.bearerJwt(this.decoder, request);
		if (jwt == null) {
			return false; // the normal path answers 401 in its envelope
		}
		UUID workspaceId;
		try {
			workspaceId = CallerChecks.authorize(jwt, request, REQUIREMENT).workspaceId();
		}
		catch (RuntimeException ex) {
			return false; // the normal path answers 403/400 in its envelope
		}
		CheckRequest check;
		try {
			check = this.mapper.readValue(body, CheckRequest.class);
		}
		catch (RuntimeException ex) {
			return false; // the converter's 400 / the handler's envelope
		}
		ApiResponse<CheckResponse> answer;
		MDC.put("workspace_id", workspaceId.toString());
		try {
			answer = this.inlineCheck.check(workspaceId, check);
		}
		catch (ApiException ex) {
			return false; // a 400 naming the field, from the controller
		}
		finally {
			MDC.remove("workspace_id");
		}
		byte[] json = this.mapper.writeValueAsBytes(answer);
		response.setStatus(HttpServletResponse.SC_OK);
		writeSecurityHeaders(response);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(json.length);
		response.getOutputStream().write(json);
		this.served.increment();
		return true;
	}

	/** Spring Security's default response headers, caching included, which the normal path's answer carries. */
	private static void writeSecurityHeaders(HttpServletResponse response) {
		FastPaths.writeSecurityHeaders(response);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		response.setHeader(HttpHeaders.EXPIRES, "0");
	}

	/** The request with the body this filter already read, for the normal path to read again. */
	private static final class ReplayedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReplayedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body is already read");
				}
			};
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body),
					(encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8));
		}

	}

}
