package com.agentobs.ingestion.otlp;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.contracts.error.ApiException;
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

	private final JsonMapper json;

	private final OtlpIngest ingest;

	OtlpTraceController(RequestBodies bodies, JsonMapper json, OtlpIngest ingest) {
		this.bodies = bodies;
		this.json = json;
		this.ingest = ingest;
	}

	// POST /v1/traces (OTLP/HTTP)
	@PostMapping("/v1/traces")
	@RequiresRole(value = Role.OPERATOR, agentPermission = TokenClaims.PERMISSION_INGEST)
	ResponseEntity<byte[]> export(Caller caller, HttpServletRequest request) {
		MediaType type = this.bodies.requireContentType(request, List.of(PROTOBUF, MediaType.APPLICATION_JSON));
		byte[] body = this.bodies.read(request);
		boolean protobuf = type.equals(PROTOBUF);
		ExportTraceServiceRequest export = protobuf ? parseProtobuf(body) : parseJson(body);
		ExportTraceServiceResponse response = this.ingest.export(caller.workspaceId(), export);
		return protobuf ? ResponseEntity.ok().contentType(PROTOBUF).body(response.toByteArray())
				: ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(printJson(response));
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
