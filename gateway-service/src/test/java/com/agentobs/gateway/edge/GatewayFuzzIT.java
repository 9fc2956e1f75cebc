package com.agentobs.gateway.edge;

import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.testing.ApiFuzzer;
import com.agentobs.gateway.support.GatewayTestSupport;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz suite on the gateway's own endpoints (login, tokens, keys, members), as an admin
 * of a fresh workspace: no 5xx, every error in the envelope, no hang. The routed services
 * are fuzzed in their own modules.
 */
class GatewayFuzzIT extends GatewayTestSupport {

	@Test
	@Disabled("Open in gateway-service: Netty's own 400/414/431 (bad escapes, NUL or over-long headers, long URIs) "
			+ "answer without the envelope, a 100 KB header resets the connection, a blank or tab path variable "
			+ "and NUL in login email / API-key name are 500s. Enable once the gateway maps them.")
	void everyOwnOperation_answersMalformedInputBelow500_inTheEnvelope() {
		UUID workspace = createWorkspace();
		String token = accessToken(createUser(workspace, Role.ADMIN));
		ApiFuzzer.Report report = new ApiFuzzer(this.port, token, workspace, Map.of(), 15_000).run();
		System.out.printf("fuzz: %d operations, %d requests in %d ms, %d findings; slowest: %s%n",
				report.operations(), report.requests(), report.millis(), report.findings().size(), report.slowest());
		assertThat(report.findings()).as("requests that broke the error contract").isEmpty();
	}

}
