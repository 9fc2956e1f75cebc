package com.agentobs.processing.pricing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An OTLP trace priced on the write path: the event ingestion publishes for an agent run exported by the
 * OpenTelemetry Java SDK with the GenAI semantic conventions' usage attributes (ingestion's OtlpConventionsIT
 * pins that mapping: a root without tokens of its own, the LLM span's model, input and output tokens, and
 * {@code agentobs.usage} with the cache-read and reasoning counts beside them). Processing must give the
 * current model's dated snapshot its catalog price by token kind and its provider, which the span did not name.
 */
@SpringBootTest
@ActiveProfiles("test")
class OtlpPricingIT {

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JsonMapper json;

	@Test
	void otlpGenAiTrace_forADatedSnapshotWithCachedAndReasoningTokens_getsItsCatalogCostAndProvider() {
		UUID ws = TestTenant.create("otlp-price").id();
		Instant at = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
		String traceId = "5b8efff798038103d269b633813fc60c";
		Map<String, Object> usage = Map.of("cache_read_input_tokens", 100, "reasoning_output_tokens", 12);
		IngestSpan root = new IngestSpan(traceId, "eee19b7ec3c1b173", null, "other", "invoke_agent planner", at,
				at.plusMillis(900), 900, null, null, null, null, null, "success",
				Map.of("gen_ai.operation.name", "invoke_agent"));
		IngestSpan chat = new IngestSpan(traceId, "eee19b7ec3c1b174", root.spanId(), "llm", "chat gpt-4o",
				at.plusMillis(10), at.plusMillis(700), 690, "gpt-4o-2024-08-06", null, 120, 30, null, "success",
				Map.of("gen_ai.operation.name", "chat", "agentobs.usage", usage));
		IngestTrace trace = new IngestTrace(traceId, "planner", at, "Weather in Paris?", "Sunny, 21C", null, 900,
				"success", null, null, null, null, null, null, "prod", "1.4.0", "1.4.0", null, "u-genai", "conv-7", 1,
				Map.of("usage", usage), List.of(root, chat));
		TraceIngestedEvent event = new TraceIngestedEvent(ws, Instant.now(), TraceIngestedEvent.SOURCE_OTLP,
				List.of(trace), List.of());
		this.redis.opsForStream()
			.add(StreamRecords.newRecord()
				.in(TraceStreams.INGEST)
				.ofMap(Map.of(TraceStreams.FIELD_WORKSPACE, ws.toString(), TraceStreams.FIELD_PAYLOAD,
						this.json.writeValueAsString(event))));

		JdbcClient owner = JdbcClient.create(TestStores.ownerDataSource());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> owner.sql("SELECT count(*) FROM traces WHERE workspace_id = ?").param(ws).query(Long.class).single() == 1);
		Map<String, Object> stored = owner.sql("""
				SELECT model, model_provider, tokens_input, tokens_output, cost_usd, cost_source
				FROM traces WHERE workspace_id = ? AND trace_id = ?""").params(ws, traceId).query().singleRow();
		// gpt-4o per 1M: input 2.50, cached input 1.25, output 10 (reasoning billed as output):
		// 20 × 2.50 + 100 × 1.25 + 18 × 10 + 12 × 10 = 475 → $0.000475
		assertThat(stored).containsEntry("model", "gpt-4o-2024-08-06")
			.containsEntry("model_provider", "openai")
			.containsEntry("tokens_input", 120)
			.containsEntry("tokens_output", 30)
			.containsEntry("cost_source", "catalog");
		assertThat((BigDecimal) stored.get("cost_usd")).isEqualByComparingTo("0.000475");
		Map<String, Object> span = owner.sql("""
				SELECT model_provider, cost_usd FROM spans WHERE workspace_id = ? AND span_id = ?""")
			.params(ws, chat.spanId())
			.query()
			.singleRow();
		assertThat(span).containsEntry("model_provider", "openai");
		assertThat((BigDecimal) span.get("cost_usd")).isEqualByComparingTo("0.000475");
	}

}
