package com.agentobs.processing.write;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceInsertsTest {

	/** The experiment arm is read from the metadata map as the statement read it from the JSON: a UUID string only. */
	@Test
	void experimentVariant_isAUuidStringOfTheMetadata_andNullForAnythingElse() {
		String id = "0b7e6f1c-5d2a-4e8b-9c3f-7a1d2e3f4a5b";
		assertThat(TraceInserts.experimentVariant(Map.of("experiment_variant_id", id))).isEqualTo(id);
		assertThat(TraceInserts.experimentVariant(Map.of("experiment_variant_id", id.toUpperCase())))
			.isEqualTo(id.toUpperCase());
		Map<String, Object> nullValue = new HashMap<>();
		nullValue.put("experiment_variant_id", null);
		for (Map<String, Object> metadata : List.of(Map.<String, Object>of(), Map.<String, Object>of("k", id),
				Map.<String, Object>of("experiment_variant_id", "arm-b"),
				Map.<String, Object>of("experiment_variant_id", id + "0"),
				Map.<String, Object>of("experiment_variant_id", " " + id),
				Map.<String, Object>of("experiment_variant_id", 42),
				Map.<String, Object>of("experiment_variant_id", Map.of("id", id)), nullValue)) {
			assertThat(TraceInserts.experimentVariant(metadata)).as("%s", metadata).isNull();
		}
		assertThat(TraceInserts.experimentVariant(null)).isNull();
	}

}
