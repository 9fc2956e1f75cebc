package com.agentobs.ingestion.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.ingest.TraceConstraints;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Every setting of ingestion-service ({@code agentobs.ingestion.*}, see application.yml for env vars). */
@ConfigurationProperties("agentobs.ingestion")
public record IngestionProperties(Limits limits, Stream stream, Grpc grpc) {

	/**
	 * @param enabled whether the OTLP/gRPC receiver listens at all
	 * @param port its own port, on the service's bind address ({@code server.address}); 0 picks a free one
	 */
	public record Grpc(boolean enabled, int port) {
	}

	/**
	 * @param maxBody largest accepted request body (after gzip decoding)
	 * @param maxTraces most traces per request
	 * @param maxSpansPerTrace most spans inside one trace
	 * @param earliestTimestamp the oldest trace or span timestamp accepted
	 * @param maxFuture how far past the current time a timestamp may lie (client clock skew)
	 */
	public record Limits(DataSize maxBody, int maxTraces, int maxSpansPerTrace, Instant earliestTimestamp,
			Duration maxFuture) {

		/** The store's rules with this service's timestamp window. */
		public TraceConstraints constraints() {
			return new TraceConstraints(this.earliestTimestamp, this.maxFuture);
		}

	}

	/**
	 * @param maxBacklog entries of {@code traces:ingest} that processing's consumer group has not
	 *        yet read (its lag), over all workspaces, before every new request gets 429: the
	 *        bound on what Redis holds
	 * @param workspaceMaxBacklog traces of one workspace enqueued and not yet acknowledged by
	 *        processing before that workspace's requests get 429 (the others keep going)
	 * @param workspaceWeights per-workspace multipliers of {@code workspaceMaxBacklog} (absent = 1)
	 * @param retryAfterSeconds the {@code Retry-After} of those 429s
	 */
	public record Stream(long maxBacklog, long workspaceMaxBacklog, Map<UUID, Double> workspaceWeights,
			long retryAfterSeconds) {

		public Stream {
			workspaceWeights = (workspaceWeights != null) ? Map.copyOf(workspaceWeights) : Map.of();
			workspaceWeights.forEach((workspace, weight) -> {
				if (!(weight > 0)) {
					throw new IllegalArgumentException(
							"agentobs.ingestion.stream.workspace-weights." + workspace + " must be > 0, was " + weight);
				}
			});
		}

		/** The backlog bound of one workspace, in traces. */
		public long workspaceBound(UUID workspace) {
			return Math.max(1, Math.round(this.workspaceMaxBacklog * this.workspaceWeights.getOrDefault(workspace, 1.0)));
		}

	}

}
