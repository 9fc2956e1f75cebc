package com.agentobs.query;

import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The Cost tab's unpriced traffic against raw traces (same Spring context as the other query ITs). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT) // the module's one test context
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnpricedTrafficIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper mapper;

	SeededWorkspace ws;

	@BeforeAll
	void seed() {
		this.ws = new SeededWorkspace(60);
		// three traces of a model no price matched (one sampled 1 in 2), one without a model or tokens
		this.ws.owner.sql("""
				INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp, status, model, tokens_input, tokens_output,
				                    tokens_total, cost_usd, cost_source, sample_rate, department_id)
				SELECT 'unpriced-' || g, :ws, a.agent_id, :at, 'success', CASE WHEN g < 4 THEN 'my-fine-tune' END,
				       CASE WHEN g < 4 THEN 100 END, CASE WHEN g < 4 THEN 50 END, CASE WHEN g < 4 THEN 150 END, NULL,
				       'unknown', CASE WHEN g = 3 THEN 2 ELSE 1 END, a.department_id
				FROM generate_series(1, 4) g
				CROSS JOIN (SELECT agent_id, department_id FROM agents WHERE workspace_id = :ws ORDER BY agent_id LIMIT 1) a
				""")
			.param("ws", this.ws.id)
			.param("at", this.ws.end.minus(3, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC))
			.update();
	}

	@AfterAll
	void cleanUp() {
		this.ws.close();
	}

	@Test
	void unpricedModels_countRequestsAndTokensOfTracesWithoutACost_weightedBySampleRate() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/api/v1/cost/unpriced-models?range=7d").header("Authorization",
					"Bearer " + TestJwts.user(this.ws.id, Role.VIEWER)))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		JsonNode body = this.mapper.readTree(result.getResponse().getContentAsString());

		JsonNode rows = body.get("data");
		assertThat(rows).hasSize(1);
		assertThat(rows.at("/0/model").asString()).isEqualTo("my-fine-tune");
		assertThat(rows.at("/0/requests").asLong()).isEqualTo(4);
		assertThat(rows.at("/0/tokens_input").asLong()).isEqualTo(400);
		assertThat(rows.at("/0/tokens_total").asLong()).isEqualTo(600);
		assertThat(body.at("/meta/unpriced_requests").asLong()).isEqualTo(4);
	}

}
