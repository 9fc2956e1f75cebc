package com.agentobs.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.contracts.cache.DataVersion;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TestJwts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The Cost tab's totals after a cost recompute: processing's recompute sets the re-priced traces' costs,
 * rebuilds the rollups of the window's whole days with agentobs_rebuild_rollups and bumps the data version
 * (its own IT checks the rollups against raw SQL); these are the same three steps here, and the Cost reads
 * (department totals, provider totals, unpriced traffic) must then equal raw SQL over the traces, before and
 * after, and again after the undo puts the NULL costs back.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecomputedCostReadsIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper mapper;

	@Autowired
	StringRedisTemplate redis;

	SeededWorkspace ws;

	Instant from;

	Instant to;

	@BeforeAll
	void seed() {
		this.ws = new SeededWorkspace(300);
		this.to = this.ws.end.truncatedTo(ChronoUnit.DAYS);
		this.from = this.to.minus(7, ChronoUnit.DAYS);
		this.ws.owner.sql("""
				INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp, status, model, tokens_input, tokens_output,
				                    tokens_total, cost_usd, cost_source, sample_rate, department_id, environment, version)
				SELECT 'acme-' || g, :ws, a.agent_id, CAST(:from AS TIMESTAMPTZ) + g * INTERVAL '17 hours', 'success',
				       'acme-ft', 1000, 500, 1500, NULL, 'unknown', CASE WHEN g = 3 THEN 2 ELSE 1 END, a.department_id,
				       a.environment, a.version
				FROM generate_series(1, 8) g
				CROSS JOIN (SELECT agent_id, department_id, environment, version FROM agents WHERE workspace_id = :ws
				            ORDER BY agent_id LIMIT 1) a
				""").param("ws", this.ws.id).param("from", SeededWorkspace.at(this.from)).update();
		rebuild();
	}

	@AfterAll
	void cleanUp() {
		this.ws.close();
	}

	private void rebuild() {
		this.ws.owner.sql("SELECT agentobs_rebuild_rollups(:ws, :from, :to)::TEXT")
			.param("ws", this.ws.id)
			.param("from", SeededWorkspace.at(this.from))
			.param("to", SeededWorkspace.at(this.to))
			.query(String.class)
			.single();
		this.redis.opsForValue().increment(DataVersion.key(this.ws.id));
	}

	private BigDecimal rawCost() {
		return this.ws.owner.sql("""
				SELECT COALESCE(sum(sample_rate * cost_usd), 0) FROM traces
				WHERE workspace_id = :ws AND timestamp >= :from AND timestamp < :to""")
			.param("ws", this.ws.id)
			.param("from", SeededWorkspace.at(this.from))
			.param("to", SeededWorkspace.at(this.to))
			.query(BigDecimal.class)
			.single();
	}

	private JsonNode read(String path) throws Exception {
		MvcResult result = this.mvc
			.perform(get(path + "?range=custom&from=" + this.from + "&to=" + this.to).header("Authorization",
					"Bearer " + TestJwts.user(this.ws.id, Role.VIEWER)))
			.andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return this.mapper.readTree(result.getResponse().getContentAsString()).get("data");
	}

	private void assertCostReadsEqualRaw() throws Exception {
		BigDecimal raw = rawCost();
		// both tables round each row's total to the cent: the sums are within half a cent a row of raw SQL
		for (String path : new String[] { "/api/v1/cost/by-department", "/api/v1/cost/provider-comparison" }) {
			BigDecimal sum = BigDecimal.ZERO;
			int rows = 0;
			for (JsonNode row : read(path)) {
				sum = sum.add(row.get("total_cost").decimalValue());
				rows++;
			}
			assertThat(sum).as(path).isCloseTo(raw, within(new BigDecimal("0.005").multiply(BigDecimal.valueOf(rows))));
		}
	}

	private long unpricedRequests() throws Exception {
		long n = 0;
		for (JsonNode row : read("/api/v1/cost/unpriced-models")) {
			if ("acme-ft".equals(row.get("model").asString())) {
				n += row.get("requests").asLong();
			}
		}
		return n;
	}

	@Test
	void costReads_followTheRecomputedTracesAndRollups_andTheUndo() throws Exception {
		assertCostReadsEqualRaw();
		assertThat(unpricedRequests()).isEqualTo(9);
		BigDecimal before = rawCost();

		// the recompute: 1000 × $3 + 500 × $12 per 1M tokens = $0.009 a trace, provider from the price
		this.ws.owner.sql("""
				UPDATE traces SET cost_usd = 0.009, cost_source = 'catalog', model_provider = 'acme'
				WHERE workspace_id = :ws AND model = 'acme-ft'""").param("ws", this.ws.id).update();
		rebuild();
		assertThat(rawCost()).isEqualByComparingTo(before.add(new BigDecimal("0.081")));
		assertCostReadsEqualRaw();
		assertThat(unpricedRequests()).isZero();

		// the undo
		this.ws.owner.sql("""
				UPDATE traces SET cost_usd = NULL, cost_source = 'unknown', model_provider = NULL
				WHERE workspace_id = :ws AND model = 'acme-ft'""").param("ws", this.ws.id).update();
		rebuild();
		assertThat(rawCost()).isEqualByComparingTo(before);
		assertCostReadsEqualRaw();
		assertThat(unpricedRequests()).isEqualTo(9);
	}

}
