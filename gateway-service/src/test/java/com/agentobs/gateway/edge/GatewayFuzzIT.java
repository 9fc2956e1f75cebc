package com.agentobs.gateway.edge;

import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.testing.ApiFuzzer;
import com.agentobs.gateway.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz suite on the gateway's own endpoints (login, tokens, keys, members), as an admin
 * of a fresh workspace: no 5xx, every error in the envelope, no hang. The routed services
 * are fuzzed in their own modules.
 */
@TestPropertySource(properties = "springdoc.api-docs.enabled=true")
class GatewayFuzzIT extends GatewayTestSupport {

	@Test
	void everyOwnOperation_answersMalformedInputBelow500_inTheEnvelope() {
		UUID workspace = createWorkspace();
		String token = accessToken(createUser(workspace, Role.ADMIN));
		ApiFuzzer.Report report = new ApiFuzzer(this.port, token, workspace, Map.of(), 15_000).run();
		System.out.printf("fuzz: %d operations, %d requests in %d ms, %d findings; slowest: %s%n",
				report.operations(), report.requests(), report.millis(), report.findings().size(), report.slowest());
		assertThat(report.findings()).as("requests that broke the error contract").isEmpty();
	}

}
