package com.agentobs.ingestion;

import com.agentobs.contracts.testing.AbstractApiFuzzIT;
import com.agentobs.contracts.testing.ApiFuzzer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The fuzz suite on this service; same context as {@link IngestionServiceContractIT}. Both
 * ingest endpoints read the raw body, so their valid bodies are given here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IngestionServiceFuzzIT extends AbstractApiFuzzIT {

	@Override
	protected void examples(ApiFuzzer fuzzer, String agentKey) {
		String trace = """
				{"trace_id": "fuzz-trace-1", "agent_id": "%s", "timestamp": "2026-01-01T00:00:00Z",
				 "input": "hello", "output": "world", "latency_ms": 120, "status": "success", "model": "gpt-4o",
				 "model_provider": "openai", "tokens_input": 10, "tokens_output": 20, "cost_usd": 0.01,
				 "environment": "production", "version": "v1.0", "user_id": "u1", "session_id": "s1",
				 "metadata": {"k": "v"},
				 "spans": [{"span_id": "s-1", "name": "llm", "start_time": "2026-01-01T00:00:00Z",
				            "duration_ms": 100, "status": "success"}]}""".formatted(agentKey);
		fuzzer.example("POST", "/api/v1/traces", "{\"traces\": [" + trace + "]}");
		fuzzer.example("POST", "/v1/traces", """
				{"resourceSpans": [{"resource": {"attributes": [{"key": "service.name",
				  "value": {"stringValue": "%s"}}]},
				  "scopeSpans": [{"spans": [{"traceId": "5b8efff798038103d269b633813fc60c",
				    "spanId": "eee19b7ec3c1b174", "name": "chat", "startTimeUnixNano": "1767225600000000000",
				    "endTimeUnixNano": "1767225601000000000",
				    "attributes": [{"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}},
				                   {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "10"}}]}]}]}]}
				""".formatted(agentKey));
	}

}
