package com.agentobs.contracts.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorResponse;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The envelopes as they go on the wire, with the services' snake_case naming. */
class ResponseEnvelopeJsonTest {

	private final JsonMapper mapper = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	@Test
	void responseEnvelope_writesSnakeCaseMeta_extraKeys_andNullFilters() {
		Map<String, Object> filters = new LinkedHashMap<>();
		filters.put("range", "24h");
		filters.put("department", null);
		ResponseMeta meta = ResponseMeta.page(12, true, 120, 2, 50).withExtra("departments_count", 10);
		JsonNode json = this.mapper.valueToTree(ApiResponse.of(List.of(1, 2), meta, filters));

		assertThat(json.get("data").size()).isEqualTo(2);
		assertThat(json.at("/meta/query_duration_ms").asLong()).isEqualTo(12);
		assertThat(json.at("/meta/cached").asBoolean()).isTrue();
		assertThat(json.at("/meta/has_more").asBoolean()).isTrue();
		assertThat(json.at("/meta/departments_count").asInt()).isEqualTo(10);
		assertThat(json.get("meta").has("extra")).isFalse();
		assertThat(json.get("meta").has("next_cursor")).isFalse();
		assertThat(json.at("/meta/generated_at").isMissingNode()).isFalse();
		assertThat(json.get("filters_applied").has("department")).isTrue();
		assertThat(json.at("/filters_applied/department").isNull()).isTrue();
	}

	@Test
	void errorEnvelope_carriesCodeDetailsAndRequestId() {
		ApiException ex = ApiException.validation("limit", "must be an integer between 1 and 1000");
		JsonNode json = this.mapper
			.valueToTree(ErrorResponse.of(ex.code(), ex.getMessage(), ex.details(), "req_123"));
		assertThat(json.at("/error/code").asString()).isEqualTo("VALIDATION_ERROR");
		assertThat(json.at("/error/details/field").asString()).isEqualTo("limit");
		assertThat(json.at("/error/request_id").asString()).isEqualTo("req_123");
		assertThat(json.at("/error/timestamp").isMissingNode()).isFalse();
	}

}
