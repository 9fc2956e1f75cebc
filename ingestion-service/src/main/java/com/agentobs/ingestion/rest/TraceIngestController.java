package com.agentobs.ingestion.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.ingestion.queue.TraceQueue;
import com.agentobs.ingestion.system.IngestionProperties;
import com.agentobs.ingestion.system.RequestBodies;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The native ingest API: one trace, or {@code {"traces": [...]}}. Each trace is validated
 * on its own; the good ones of a batch are enqueued and the bad ones listed by index.
 */
@RestController
class TraceIngestController {

	private final RequestBodies bodies;

	private final TraceQueue queue;

	private final JsonMapper json;

	private final TraceValidator validator;

	private final Clock clock;

	private final int maxTraces;

	private final Counter rejectedTraces;

	TraceIngestController(RequestBodies bodies, TraceQueue queue, JsonMapper json,
			Clock clock, IngestionProperties properties, MeterRegistry meters) {
		this.bodies = bodies;
		this.queue = queue;
		this.json = json;
		this.clock = clock;
		this.validator = new TraceValidator(clock, properties.limits().maxSpansPerTrace(),
				properties.limits().constraints());
		this.maxTraces = properties.limits().maxTraces();
		this.rejectedTraces = meters.counter("agentobs.ingest.rejected.traces");
	}

	// POST /api/v1/traces
	@PostMapping("/api/v1/traces")
	@RequiresRole(value = Role.OPERATOR, agentPermission = TokenClaims.PERMISSION_INGEST)
	ResponseEntity<ApiResponse<IngestTracesResponse>> ingest(Caller caller, HttpServletRequest request) {
		long started = System.nanoTime();
		UUID workspaceId = caller.workspaceId();
		this.bodies.requireContentType(request, List.of(MediaType.APPLICATION_JSON));
		JsonNode root = parse(this.bodies.read(request));
		boolean batch = root.isObject() && root.has("traces");
		List<JsonNode> items = batch ? items(root.get("traces")) : List.of(root);

		List<IngestTrace> accepted = new ArrayList<>(items.size());
		List<IngestTracesResponse.Rejection> rejected = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			try {
				accepted.add(this.validator.toTrace(items.get(i)));
			}
			catch (TraceValidator.Invalid ex) {
				rejected.add(new IngestTracesResponse.Rejection(i, ex.field, ex.getMessage()));
			}
		}
		if (!rejected.isEmpty()) {
			this.rejectedTraces.increment(rejected.size());
		}
		if (accepted.isEmpty()) {
			throw noneAccepted(batch, rejected);
		}
		this.queue.enqueue(new TraceIngestedEvent(workspaceId, Instant.now(this.clock), TraceIngestedEvent.SOURCE_REST,
				accepted, List.of()));
		IngestTracesResponse body = new IngestTracesResponse(accepted.size(), rejected,
				accepted.stream().map(IngestTrace::traceId).toList());
		long tookMs = ResponseMeta.millisSince(started);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.of(body, ResponseMeta.single(tookMs, false)));
	}

	private JsonNode parse(byte[] body) {
		try {
			JsonNode root = this.json.readTree(body);
			if (root == null || root.isMissingNode() || root.isNull()) {
				throw ApiException.validation("body", "is missing");
			}
			return root;
		}
		catch (JacksonException ex) {
			throw ApiException.validation("body", "is not well-formed JSON");
		}
	}

	private List<JsonNode> items(JsonNode traces) {
		if (traces == null || !traces.isArray()) {
			throw ApiException.validation("traces", "must be an array of trace objects");
		}
		if (traces.isEmpty()) {
			throw ApiException.validation("traces", "must hold at least one trace");
		}
		if (traces.size() > this.maxTraces) {
			throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
					"A batch holds at most " + this.maxTraces + " traces; split it",
					Map.of("field", "traces", "limit_traces", this.maxTraces));
		}
		List<JsonNode> list = new ArrayList<>(traces.size());
		traces.forEach(list::add);
		return list;
	}

	private static ApiException noneAccepted(boolean batch, List<IngestTracesResponse.Rejection> rejected) {
		IngestTracesResponse.Rejection first = rejected.get(0);
		String field = batch ? "traces[" + first.index() + "]." + first.field() : first.field();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("field", field);
		details.put("reason", first.message());
		if (batch) {
			details.put("rejected", rejected.stream()
				.map((r) -> Map.of("index", r.index(), "field", r.field(), "message", r.message()))
				.toList());
		}
		return new ApiException(ErrorCode.VALIDATION_ERROR, "Invalid value for '" + field + "': " + first.message(),
				details);
	}

}
