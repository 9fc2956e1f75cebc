package com.agentobs.ingestion;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.contracts.ingest.TraceConstraints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TraceConstraints} against the real {@code traces} columns: a value at the edge it
 * accepts is stored, and the values it refuses are the ones PostgreSQL refuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TraceConstraintsStoreIT {

	static final String INSERT = """
			INSERT INTO traces (workspace_id, trace_id, agent_id, timestamp, input, tokens_input, tokens_output,
			                    tokens_total, cost_usd, metadata)
			VALUES (:ws, :id, :agent, :ts, :input, :tin, :tout, :ttotal, :cost, CAST(:metadata AS jsonb))
			""";

	static final TraceConstraints CONSTRAINTS = new TraceConstraints(Instant.parse("2000-01-01T00:00:00Z"),
			Duration.ofMinutes(15));

	private static UUID workspace;

	/** After the context migrated the database. */
	@BeforeEach
	void workspace() {
		workspace = IngestFixtures.newWorkspace();
	}

	record Row(String agent, Instant ts, String input, int tokensIn, int tokensOut, BigDecimal cost,
			String metadataValue) {

		IngestTrace trace() {
			return new IngestTrace("t", this.agent, this.ts, this.input, null, null, null, "success", null, null,
					this.tokensIn, this.tokensOut, TraceConstraints.tokensTotal(this.tokensIn, this.tokensOut), this.cost,
					null, null, null, null, null, null, 1, Map.of("k", this.metadataValue), List.of());
		}

		void store() {
			String json = "{\"k\": \"" + this.metadataValue.replace("\u0000", "\\u0000").replace("\uD800", "\\ud800") + "\"}";
			IngestFixtures.owner().sql(INSERT)
				.param("ws", workspace)
				.param("id", "c-" + UUID.randomUUID())
				.param("agent", this.agent)
				.param("ts", Timestamp.from(this.ts))
				.param("input", this.input)
				.param("tin", this.tokensIn)
				.param("tout", this.tokensOut)
				.param("ttotal", (long) this.tokensIn + this.tokensOut)
				.param("cost", this.cost)
				.param("metadata", json)
				.update();
		}

	}

	static final Row EDGE = new Row("\uD83D\uDE00".repeat(255), Instant.parse("2000-01-01T00:00:00Z"), "ok \uD83D\uDE00",
			Integer.MAX_VALUE - 5, 5, new BigDecimal("999999.9999994"), "v \uD83D\uDE00");

	@Test
	void constraints_acceptWhatTheTracesTableStores() {
		assertThat(CONSTRAINTS.check(EDGE.trace(), Instant.now())).isEmpty();
		EDGE.store();
	}

	@Test
	void constraints_refuseWhatTheTracesTableRefuses() {
		List<Row> refused = List.of(
				new Row(EDGE.agent(), EDGE.ts(), "nul \u0000", 1, 1, EDGE.cost(), "v"),
				new Row(EDGE.agent(), EDGE.ts(), "x", 1, 1, new BigDecimal("999999.9999995"), "v"),
				new Row(EDGE.agent(), EDGE.ts(), "x", Integer.MAX_VALUE - 4, 5, EDGE.cost(), "v"),
				new Row(EDGE.agent() + "a", EDGE.ts(), "x", 1, 1, EDGE.cost(), "v"),
				new Row(EDGE.agent(), EDGE.ts(), "x", 1, 1, EDGE.cost(), "nul \u0000"),
				new Row(EDGE.agent(), EDGE.ts(), "x", 1, 1, EDGE.cost(), "lone \uD800"));
		for (Row row : refused) {
			assertThat(CONSTRAINTS.check(row.trace(), Instant.now())).as(row.toString()).isPresent();
			assertThatThrownBy(row::store).as(row.toString()).isInstanceOf(RuntimeException.class);
		}
	}

}
