package com.agentobs.processing.system;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every setting of processing-service ({@code agentobs.processing.*}, env vars in application.yml). */
@ConfigurationProperties("agentobs.processing")
public record ProcessingProperties(Consumer consumer, Cache cache, Search search) {

	/**
	 * @param enabled whether this instance consumes {@code traces:ingest}
	 * @param name consumer name in the group; blank = host name + process id
	 * @param batchEntries stream entries read per batch (one entry = one ingest request)
	 * @param block how long one read waits for new entries
	 * @param claimMinIdle how long an entry stays pending before another consumer reclaims it
	 * @param claimInterval how often pending entries are checked
	 * @param maxDeliveries deliveries after which a failing entry goes to the dead-letter stream
	 * @param trimInterval how often acknowledged entries are trimmed from {@code traces:ingest}
	 * @param processedMaxLength approximate length kept of {@code traces:processed}
	 * @param rollupInterval pause between rollup passes over dirty hours (at least twice the last pass's
	 *        duration): the rollup staleness bound on a lightly loaded system
	 * @param workspaceStatisticsInterval least time between two analyses of {@code traces} prompted by a
	 *        written workspace the planner under-counts; the table-size rule does not wait for it
	 * @param threads consumers this instance runs in the group ({@code name-1}, {@code name-2}, ... when more
	 *        than one), each reading and committing its own batches
	 */
	public record Consumer(boolean enabled, String name, int batchEntries, Duration block, Duration claimMinIdle,
			Duration claimInterval, int maxDeliveries, Duration trimInterval, long processedMaxLength, Duration rollupInterval,
			Duration workspaceStatisticsInterval, int threads) {

		public Consumer {
			if (threads < 1) {
				throw new IllegalArgumentException("agentobs.processing.consumer.threads must be at least 1, was " + threads);
			}
		}

		/** This instance's name in the consumer groups: {@code name}, or host name + process id when blank. */
		public String nameOrDefault() {
			if (this.name != null && !this.name.isBlank()) {
				return this.name;
			}
			String host;
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (Exception ex) {
				host = "local";
			}
			return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
		}

	}

	/** @param ttl how long agent-registry and price-table reads are reused */
	public record Cache(Duration ttl) {
	}

	/**
	 * @param enabled whether batches announce their traces on {@code traces:written} and this instance
	 *        indexes them for search (off only where another system indexes search)
	 * @param batchEntries {@code traces:written} entries (one per batch and workspace) indexed per transaction
	 * @param block how long one read waits for new entries
	 * @param abandonAfter how long a batch announced as writing holds {@code indexed_through} back at most (a
	 *        batch whose instance died between its commit and announcing its traces; their replay is indexed)
	 * @param progressInterval least time between two updates of {@code trace_search_progress}
	 * @param streamMaxLength approximate cap on {@code traces:written} when no indexer trims it
	 */
	public record Search(boolean enabled, int batchEntries, Duration block, Duration abandonAfter,
			Duration progressInterval, long streamMaxLength) {
	}

}
