package com.agentobs.contracts.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz suite, run against each servlet service (subclass it with the same annotations
 * as the service's {@link AbstractServiceContractIT}, so both share one Spring context):
 * {@link ApiFuzzer} sends malformed values for every parameter and body field of every
 * operation in the service's own {@code /v3/api-docs}, as an admin of a workspace with one
 * agent, and every answer must be below 500, in time, and the error envelope when an error.
 */
public abstract class AbstractApiFuzzIT {

	/** Per request: an answer slower than this counts as a hang. */
	private static final int TIMEOUT_MILLIS = 15_000;

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	/** Path parameter values that name things in the fixture workspace; extend in a subclass. */
	protected Map<String, String> knownValues(UUID workspace, String agentKey) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("agent_id", agentKey);
		return values;
	}

	/** Valid bodies for operations whose OpenAPI document shows none; see {@link ApiFuzzer#example}. */
	protected void examples(ApiFuzzer fuzzer, String agentKey) {
	}

	@Test
	void everyOperation_answersMalformedInputBelow500_inTheEnvelope() throws Exception {
		UUID workspace = UUID.randomUUID();
		String agentKey = "fuzz-agent-" + workspace.toString().substring(0, 8);
		try (Connection owner = DriverManager.getConnection(this.environment.getProperty("spring.flyway.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"))) {
			try (PreparedStatement ps = owner
				.prepareStatement("INSERT INTO workspaces (id, name, slug, plan) VALUES (?, 'Fuzz', ?, 'enterprise')")) {
				ps.setObject(1, workspace);
				ps.setString(2, "fuzz-" + workspace);
				ps.executeUpdate();
			}
			try (PreparedStatement ps = owner.prepareStatement("INSERT INTO agents (workspace_id, agent_id, name, "
					+ "version, model, model_provider) VALUES (?, ?, ?, 'v1.0', 'gpt-4o', 'openai')")) {
				ps.setObject(1, workspace);
				ps.setString(2, agentKey);
				ps.setString(3, agentKey);
				ps.executeUpdate();
			}
		}
		ApiFuzzer fuzzer = new ApiFuzzer(this.port, TestJwts.user(workspace, Role.ADMIN), workspace,
				knownValues(workspace, agentKey), TIMEOUT_MILLIS);
		examples(fuzzer, agentKey);
		ApiFuzzer.Report report = fuzzer.run();
		System.out.printf("fuzz: %d operations, %d requests in %d ms, %d findings; slowest: %s%n",
				report.operations(), report.requests(), report.millis(), report.findings().size(), report.slowest());
		assertThat(report.findings()).as("requests that broke the error contract").isEmpty();
	}

}
