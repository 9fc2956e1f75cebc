package com.agentobs.guardrail.configuration.diff;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import com.agentobs.contracts.hash.ConfigHash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Known-answer fixtures for the RFC 6902 differ and the RFC 8785 hash. */
class ConfigDiffAndHashTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Stream<Arguments> fixtures() throws Exception {
		try (InputStream in = ConfigDiffAndHashTest.class.getResourceAsStream("/configuration/patch-fixtures.json")) {
			JsonNode all = JSON.readTree(in);
			List<Arguments> list = new ArrayList<>();
			all.forEach((f) -> list.add(Arguments.of(f.get("name").asString(), f.get("before"), f.get("after"),
					f.get("patch"))));
			return list.stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void diff_matchesTheKnownPatch_andApplyingItGivesTheTarget(String name, JsonNode before, JsonNode after,
			JsonNode expected) {
		List<JsonPatch.Operation> patch = JsonPatch.diff(before, after);
		JsonNode actual = JSON.valueToTree(patch);
		assertThat(actual).as(name).isEqualTo(expected);
		JsonNode applied = JsonPatch.apply(before, patch);
		assertThat(applied).as(name).isEqualTo(after);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void hash_isEqualExactlyWhenThePatchIsEmpty(String name, JsonNode before, JsonNode after, JsonNode expected) {
		boolean same = ConfigHash.of(JSON.writeValueAsString(before)).equals(ConfigHash.of(JSON.writeValueAsString(after)));
		assertThat(same).as(name).isEqualTo(expected.isEmpty());
	}

	@Test
	void hash_ofAKnownDocument_isTheSha256OfItsCanonicalForm() {
		String json = "{ \"b\": 1, \"a\": [true, null, \"x\"], \"c\": {\"z\": \"\u00e9\", \"y\": 0} }";
		assertThat(ConfigHash.canonical(json)).isEqualTo("{\"a\":[true,null,\"x\"],\"b\":1,\"c\":{\"y\":0,\"z\":\"\u00e9\"}}");
		assertThat(ConfigHash.of(json)).isEqualTo("e385e5d4929f4b6686162060bd22d72dcbc6cd153efad5fafd0ea68a747dcdfb");
	}

	/** Numbers are printed the ECMAScript way, so 1.50 and 1.5 (and 1e21 and 1E+21) hash alike. */
	@Test
	void canonical_printsNumbersTheEcmaScriptWay() {
		assertThat(ConfigHash.canonical("{\"n\": 1.50, \"m\": 1E21, \"k\": 0.000001, \"i\": 100}"))
			.isEqualTo("{\"i\":100,\"k\":0.000001,\"m\":1e+21,\"n\":1.5}");
	}

	@Test
	void hash_isTheSameFor1000KeyOrderShuffles() {
		Random random = new Random(42);
		Map<String, Object> base = sample();
		Set<String> hashes = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			hashes.add(ConfigHash.of(JSON.writeValueAsString(shuffled(base, random))));
		}
		assertThat(hashes).hasSize(1);
	}

	private static Map<String, Object> sample() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("temperature", 0.7);
		settings.put("max_tokens", 2048);
		settings.put("system_prompt", "You are a helpful support agent.\nBe brief.");
		settings.put("tools", List.of("search", "refund", Map.of("name", "email", "enabled", true)));
		settings.put("monthly_budget_usd", 1250.5);
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("version", "v2.3");
		config.put("model", "gpt-4o");
		config.put("model_provider", "openai");
		config.put("rate_limit_rpm", 600);
		config.put("guardrail_policy_id", null);
		config.put("lifecycle", "active");
		config.put("deprecation_date", null);
		config.put("replacement_agent_id", null);
		config.put("settings", settings);
		for (int i = 0; i < 12; i++) {
			config.put("extra_" + i, Map.of("k" + i, i, "flag", i % 2 == 0));
		}
		return config;
	}

	@SuppressWarnings("unchecked")
	private static Object shuffled(Object value, Random random) {
		if (value instanceof Map<?, ?> map) {
			List<Map.Entry<String, Object>> entries = new ArrayList<>(((Map<String, Object>) map).entrySet());
			Collections.shuffle(entries, random);
			Map<String, Object> out = new LinkedHashMap<>();
			entries.forEach((e) -> out.put(e.getKey(), shuffled(e.getValue(), random)));
			return out;
		}
		if (value instanceof List<?> list) {
			return list.stream().map((v) -> shuffled(v, random)).toList();
		}
		return value;
	}

	@Test
	void lineDiff_marksKeptRemovedAndAddedLines() {
		List<LineDiff.Line> diff = LineDiff.diff("You are helpful.\nBe brief.\nNever guess.", "You are helpful.\nBe thorough.\nNever guess.");
		assertThat(diff).extracting(LineDiff.Line::op).containsExactly(" ", "-", "+", " ");
		assertThat(diff.get(2).text()).isEqualTo("Be thorough.");
	}

}
