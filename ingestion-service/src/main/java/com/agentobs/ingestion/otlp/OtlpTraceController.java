package com.agentobs.ingestion.otlp;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.ingestion.queue.TraceQueue;
import com.agentobs.ingestion.system.IngestionProperties;
import com.agentobs.ingestion.system.RequestBodies;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * OTLP/HTTP trace receiver ({@code POST /v1/traces}), binary protobuf or OTLP JSON, gzip
 * accepted. Answers with {@code ExportTraceServiceResponse} in the request's encoding;
 * spans that cannot be used are counted in {@code partial_success}. Failures use the
 * error envelope with 4xx/429 statuses, which OTLP exporters treat as the spec says
 * (429 with {@code Retry-After} is retried).
 */
@RestController
class OtlpTraceController {

	private static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

	private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id",
			"parent_span_id");

	private final RequestBodies bodies;

	private final TraceQueue queue;

	private final JsonMapper json;

	private final Clock clock;

	private final int maxTraces;

	private final OtlpTraceMapper mapper;

	OtlpTraceController(RequestBodies bodies, TraceQueue queue, JsonMapper json, Clock clock,
			IngestionProperties properties) {
		this.bodies = bodies;
		this.queue = queue;
		this.json = json;
		this.clock = clock;
		this.maxTraces = properties.limits().maxTraces();
		this.mapper = new OtlpTraceMapper(properties.limits().constraints());
	}

	// POST /v1/traces (OTLP/HTTP)
	@PostMapping("/v1/traces")
	@RequiresRole(value = Role.OPERATOR, agentPermission = TokenClaims.PERMISSION_INGEST)
	ResponseEntity<byte[]> export(Caller caller, HttpServletRequest request) {
		UUID workspaceId = caller.workspaceId();
		MediaType type = this.bodies.requireContentType(request, List.of(PROTOBUF, MediaType.APPLICATION_JSON));
		byte[] body = this.bodies.read(request);
		boolean protobuf = type.equals(PROTOBUF);
		ExportTraceServiceRequest export = protobuf ? parseProtobuf(body) : parseJson(body);

		OtlpTraceMapper.Result result = this.mapper.map(export, this.clock.instant());
		if (result.traces().size() + result.orphanSpans().size() > this.maxTraces * 100L) {
			throw ApiException.payloadTooLarge("Too many spans in one export", this.maxTraces);
		}
		if (result.traces().size() > this.maxTraces) {
			throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
					"An export holds at most " + this.maxTraces + " root spans; lower the exporter's batch size",
					Map.of("field", "resource_spans", "limit_traces", this.maxTraces));
		}
		if (!result.traces().isEmpty() || !result.orphanSpans().isEmpty()) {
			this.queue.enqueue(new TraceIngestedEvent(workspaceId, Instant.now(this.clock),
					TraceIngestedEvent.SOURCE_OTLP, result.traces(), result.orphanSpans()));
		}
		ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
		if (result.rejectedSpans() > 0) {
			response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
				.setRejectedSpans(result.rejectedSpans())
				.setErrorMessage(result.errorMessage()));
		}
		return protobuf ? ResponseEntity.ok().contentType(PROTOBUF).body(response.build().toByteArray())
				: ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(printJson(response.build()));
	}

	private static ExportTraceServiceRequest parseProtobuf(byte[] body) {
		try {
			return ExportTraceServiceRequest.parseFrom(body);
		}
		catch (InvalidProtocolBufferException ex) {
			throw ApiException.validation("body", "is not a valid ExportTraceServiceRequest protobuf message");
		}
	}

	/** OTLP JSON differs from protobuf's JSON mapping in one way: ids are hex, not base64. */
	private ExportTraceServiceRequest parseJson(byte[] body) {
		JsonNode tree;
		try {
			tree = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw ApiException.validation("body", "is not well-formed JSON");
		}
		if (tree == null || !tree.isObject()) {
			throw ApiException.validation("body", "must be an ExportTraceServiceRequest JSON object");
		}
		hexIdsToBase64(tree);
		ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
		try {
			JsonFormat.parser().ignoringUnknownFields().merge(this.json.writeValueAsString(tree), builder);
		}
		catch (InvalidProtocolBufferException ex) {
			throw ApiException.validation("body", "is not a valid OTLP JSON ExportTraceServiceRequest");
		}
		return builder.build();
	}

	private static void hexIdsToBase64(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> entry : object.properties()) {
				JsonNode value = entry.getValue();
				if (ID_FIELDS.contains(entry.getKey()) && value.isString()) {
					String text = value.stringValue();
					if (text.isEmpty()) {
						continue;
					}
					if (text.length() % 2 != 0 || !text.matches("[0-9a-fA-F]+")) {
						throw ApiException.validation(entry.getKey(), "must be a hex-encoded id");
					}
					entry.setValue(object.stringNode(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(text))));
				}
				else {
					hexIdsToBase64(value);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(OtlpTraceController::hexIdsToBase64);
		}
	}

	private static byte[] printJson(ExportTraceServiceResponse response) {
		try {
			return JsonFormat.printer().print(response).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
