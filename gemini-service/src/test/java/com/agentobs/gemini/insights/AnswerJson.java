package com.agentobs.gemini.insights;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The insight endpoints' JSON answers read back for the ITs: the body of a 200, its facts and evidence. */
final class AnswerJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AnswerJson() {
	}

	/** The body of {@code response}, after asserting it is a 200 (the body is in the failure message). */
	static JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/** Each fact's key and display text. */
	static Map<String, String> displays(JsonNode data) {
		Map<String, String> facts = new HashMap<>();
		data.get("facts").forEach((f) -> facts.put(f.get("key").asString(), f.get("display").asString()));
		return facts;
	}

	static List<Fact> facts(JsonNode data) {
		List<Fact> facts = new ArrayList<>();
		data.get("facts").forEach((f) -> facts.add(new Fact(f.get("key").asString(), f.get("label").asString(),
				f.get("value").isNull() ? null : f.get("value").decimalValue(), f.get("unit").asString(),
				f.get("display").asString())));
		return facts;
	}

	static List<Evidence> evidence(JsonNode data) {
		List<Evidence> evidence = new ArrayList<>();
		data.get("evidence").forEach((e) -> evidence.add(new Evidence(e.get("id").asString(),
				e.get("kind").asString(), e.get("label").asString(), e.get("href").asString())));
		return evidence;
	}

}
