package com.agentobs.evaluation.system;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of evaluation-service ({@code agentobs.evaluation}): the online evaluation consumer
 * and the LLM judge (off by default; the heuristic evaluator needs nothing).
 */
@ConfigurationProperties(prefix = "agentobs.evaluation")
public record EvaluationProperties(Consumer consumer, Judge judge) {

	public EvaluationProperties {
		consumer = (consumer != null) ? consumer : new Consumer(true, "evaluators", null, 100, Duration.ofSeconds(2),
				Duration.ofMinutes(1));
		judge = (judge != null) ? judge : new Judge(false, URI.create("http://127.0.0.1:8007"), "gemini-2.0-flash",
				Duration.ofSeconds(10), 1);
	}

	/**
	 * The consumer group on {@code traces:processed}: {@code name} defaults to host and pid;
	 * pending entries idle longer than {@code reclaimIdle} (a dead consumer's) are claimed.
	 */
	public record Consumer(boolean enabled, String group, String name, int batchSize, Duration block,
			Duration reclaimIdle) {

		public Consumer {
			group = (group == null || group.isBlank()) ? "evaluators" : group;
			batchSize = (batchSize > 0) ? batchSize : 100;
			block = (block != null) ? block : Duration.ofSeconds(2);
			reclaimIdle = (reclaimIdle != null) ? reclaimIdle : Duration.ofMinutes(1);
		}

	}

	/** The {@code llm_judge} evaluator's calls to gemini-service's model gateway. */
	public record Judge(boolean enabled, URI gatewayUrl, String model, Duration timeout, int retries) {

		public Judge {
			gatewayUrl = (gatewayUrl != null) ? gatewayUrl : URI.create("http://127.0.0.1:8007");
			model = (model == null || model.isBlank()) ? "gemini-2.0-flash" : model;
			timeout = (timeout != null) ? timeout : Duration.ofSeconds(10);
			retries = Math.max(0, retries);
		}

	}

}
