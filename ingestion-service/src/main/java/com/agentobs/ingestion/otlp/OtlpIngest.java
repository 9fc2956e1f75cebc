package com.agentobs.ingestion.otlp;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.ingestion.queue.TraceQueue;
import com.agentobs.ingestion.system.IngestionProperties;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * One OTLP export, whatever its transport (HTTP or gRPC): mapped, bounded, enqueued as one
 * stream entry, answered with the spans left out in {@code partial_success}. Refusals are
 * {@link ApiException}s (413 for an export too large, 429 from the queue's back-pressure),
 * which each transport turns into its own status.
 */
@Component
class OtlpIngest {

	private final TraceQueue queue;

	private final Clock clock;

	private final int maxTraces;

	private final OtlpTraceMapper mapper;

	OtlpIngest(TraceQueue queue, JsonMapper json, Clock clock, IngestionProperties properties) {
		this.queue = queue;
		this.clock = clock;
		this.maxTraces = properties.limits().maxTraces();
		this.mapper = new OtlpTraceMapper(properties.limits().constraints(), json);
	}

	ExportTraceServiceResponse export(UUID workspaceId, ExportTraceServiceRequest export) {
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
		return response.build();
	}

}
