package com.agentobs.systemtests;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.agentobs.contracts.security.ApiKeys;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent run exported by the OpenTelemetry Java SDK's own OTLP/HTTP exporter with the GenAI semantic conventions'
 * usage attributes goes the whole write path: ingestion-service (mapping, {@code traces:ingest}), processing-service
 * (pricing, batch write, rollup cells and passes), PostgreSQL. No span names its provider, so the provider comes
 * from the matched catalog entry; each LLM span is priced by token kind (plain input, cache read, cache write,
 * plain output, reasoning) and the trace, whose totals come from its spans, costs their sum. Both services run in
 * this JVM, each its own Spring context on a random port.
 */
class OtlpExportPricingIT {

	private static final JdbcClient owner = JdbcClient.create(TestStores.ownerDataSource());

	private static ConfigurableApplicationContext ingestion;

	@BeforeAll
	static void startServices() {
		InJvmService.processing();
		ingestion = InJvmService.ingestion();
	}

	@Test
	void sdkExportedGenAiRun_isStoredWithItsCatalogCostByTokenKindAndItsInferredProvider() {
		UUID ws = TestTenant.create("otlp-cost").id();
		Instant start = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.setResource(Resource.getDefault()
				.merge(Resource.create(Attributes.builder()
					.put("service.name", "travel-svc")
					.put("deployment.environment.name", "prod")
					.build())))
			.addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
				.setEndpoint("http://127.0.0.1:" + InJvmService.port(ingestion) + "/v1/traces")
				.addHeader("X-API-Key", newKey(ws))
				.build()))
			.build();
		Tracer tracer = provider.get("genai");
		Span root = tracer.spanBuilder("invoke_agent planner")
			.setStartTimestamp(start.toEpochMilli(), TimeUnit.MILLISECONDS)
			.setAllAttributes(Attributes.builder()
				.put("gen_ai.operation.name", "invoke_agent")
				.put("gen_ai.agent.name", "planner")
				.build())
			.startSpan();
		Context parent = Context.current().with(root);
		// a dated OpenAI snapshot: 120 input tokens of which 100 cached, 30 output of which 12 reasoning
		child(tracer, parent, "chat gpt-4o", start.plusMillis(10), Attributes.builder()
			.put("gen_ai.operation.name", "chat")
			.put("gen_ai.request.model", "gpt-4o")
			.put("gen_ai.response.model", "gpt-4o-2024-08-06")
			.put(AttributeKey.longKey("gen_ai.usage.input_tokens"), 120L)
			.put(AttributeKey.longKey("gen_ai.usage.output_tokens"), 30L)
			.put(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens"), 100L)
			.put(AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens"), 12L));
		// a dated Anthropic model: 1,000 input tokens of which 400 read from and 300 written to the cache
		child(tracer, parent, "chat claude-sonnet-4-5", start.plusMillis(400), Attributes.builder()
			.put("gen_ai.operation.name", "chat")
			.put("gen_ai.request.model", "claude-sonnet-4-5-20250929")
			.put(AttributeKey.longKey("gen_ai.usage.input_tokens"), 1000L)
			.put(AttributeKey.longKey("gen_ai.usage.output_tokens"), 200L)
			.put(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens"), 400L)
			.put(AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens"), 300L));
		child(tracer, parent, "execute_tool get_weather", start.plusMillis(800), Attributes.builder()
			.put("gen_ai.operation.name", "execute_tool")
			.put("gen_ai.tool.name", "get_weather"));
		root.end(start.plusMillis(900).toEpochMilli(), TimeUnit.MILLISECONDS);
		assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		provider.shutdown().join(10, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> owner.sql("SELECT count(*) FROM traces WHERE workspace_id = ?")
				.param(ws)
				.query(Long.class)
				.single() == 1);

		// gpt-4o per 1M: input 2.50, cached input 1.25, output 10 (reasoning billed as output):
		// 20 × 2.50 + 100 × 1.25 + 18 × 10 + 12 × 10 = 475 → $0.000475
		BigDecimal gpt = new BigDecimal("0.000475");
		// claude-sonnet-4-5 per 1M: input 3, cache read 0.30, cache write 3.75, output 15:
		// 300 × 3 + 400 × 0.30 + 300 × 3.75 + 200 × 15 = 5,145 → $0.005145
		BigDecimal claude = new BigDecimal("0.005145");
		Map<String, Object> trace = owner.sql("""
				SELECT model, model_provider, tokens_input, tokens_output, cost_usd, cost_source, totals_from_spans,
				       span_count, agent_id, environment
				FROM traces WHERE workspace_id = ?""").param(ws).query().singleRow();
		assertThat(trace).containsEntry("model", "gpt-4o-2024-08-06")
			.containsEntry("model_provider", "openai")
			.containsEntry("tokens_input", 1120)
			.containsEntry("tokens_output", 230)
			.containsEntry("cost_source", "catalog")
			.containsEntry("totals_from_spans", true)
			.containsEntry("span_count", 4)
			.containsEntry("agent_id", "planner")
			.containsEntry("environment", "prod");
		assertThat((BigDecimal) trace.get("cost_usd")).isEqualByComparingTo(gpt.add(claude));

		Map<String, Map<String, Object>> spans = new HashMap<>();
		owner.sql("SELECT name, model, model_provider, cost_usd FROM spans WHERE workspace_id = ?")
			.param(ws)
			.query()
			.listOfRows()
			.forEach((row) -> spans.put((String) row.get("name"), row));
		assertThat(spans).hasSize(4);
		assertThat(spans.get("chat gpt-4o")).containsEntry("model", "gpt-4o-2024-08-06")
			.containsEntry("model_provider", "openai");
		assertThat((BigDecimal) spans.get("chat gpt-4o").get("cost_usd")).isEqualByComparingTo(gpt);
		assertThat(spans.get("chat claude-sonnet-4-5")).containsEntry("model", "claude-sonnet-4-5-20250929")
			.containsEntry("model_provider", "anthropic");
		assertThat((BigDecimal) spans.get("chat claude-sonnet-4-5").get("cost_usd")).isEqualByComparingTo(claude);
		assertThat(spans.get("invoke_agent planner").get("cost_usd")).isNull();
		// the tool span is stored under its tool's name
		assertThat(spans.get("get_weather").get("cost_usd")).isNull();

		// the Cost tab's source: the hour's rollup, derived by processing's next rollup pass
		await().atMost(Duration.ofSeconds(30))
			.until(() -> owner.sql("SELECT sum(total_cost) FROM traces_hourly WHERE workspace_id = ?")
				.param(ws)
				.query(BigDecimal.class)
				.optional()
				.map((sum) -> sum.compareTo(gpt.add(claude)) == 0)
				.orElse(false));
	}

	private static void child(Tracer tracer, Context parent, String name, Instant at, AttributesBuilder attributes) {
		tracer.spanBuilder(name)
			.setParent(parent)
			.setStartTimestamp(at.toEpochMilli(), TimeUnit.MILLISECONDS)
			.setAllAttributes(attributes.build())
			.startSpan()
			.end(at.plusMillis(300).toEpochMilli(), TimeUnit.MILLISECONDS);
	}

	private static String newKey(UUID ws) {
		String secret = "ao_test_" + UUID.randomUUID().toString().replace("-", "");
		owner.sql("INSERT INTO api_keys (workspace_id, name, key_prefix, key_hash) VALUES (?, 'e2e', ?, ?)")
			.params(ws, secret.substring(0, 10), ApiKeys.sha256Hex(secret))
			.update();
		return secret;
	}

}
