package com.agentobs.guardrail.safety;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Safety settings ({@code agentobs.safety}).
 *
 * @param recorderQueue checks' violations and statistics waiting to be written; when full, the
 * oldest are written synchronously by the next flush, never on the caller's thread
 * @param flushInterval how often the recorder writes what checks found
 * @param excerptRadius characters kept each side of a finding in a violation's (redacted) excerpt
 * @param scanner the trace scanner: detectors over ingested traces in monitor mode
 * @param checkFastPath whether the inline check is answered ahead of the security filter chain and
 * the dispatcher (same authentication, authorisation, validation and answer; default on)
 */
@ConfigurationProperties("agentobs.safety")
public record SafetyProperties(int recorderQueue, Duration flushInterval, int excerptRadius, Scanner scanner,
		Boolean checkFastPath) {

	public SafetyProperties {
		recorderQueue = (recorderQueue > 0) ? recorderQueue : 50_000;
		flushInterval = (flushInterval != null) ? flushInterval : Duration.ofMillis(500);
		excerptRadius = (excerptRadius > 0) ? excerptRadius : 40;
		scanner = (scanner != null) ? scanner : new Scanner(true, 20, Duration.ofSeconds(2), "guardrail-scanner");
		checkFastPath = (checkFastPath != null) ? checkFastPath : Boolean.TRUE;
	}

	/**
	 * @param enabled whether this instance scans ingested traces
	 * @param batch stream entries read per poll
	 * @param block how long a poll waits for new entries
	 * @param group the consumer group on {@code traces:processed}
	 */
	public record Scanner(boolean enabled, int batch, Duration block, String group) {
	}

}
