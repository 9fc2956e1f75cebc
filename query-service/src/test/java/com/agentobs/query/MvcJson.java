package com.agentobs.query;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The read APIs' GETs through {@link MockMvc} as a bearer token, for the query ITs. */
final class MvcJson {

	private MvcJson() {
	}

	/** The body of {@code url}, after asserting its status (the body is in the failure message). */
	static JsonNode getJson(MockMvc mvc, JsonMapper mapper, String token, String url, int status) throws Exception {
		MvcResult result = mvc.perform(get(url).header("Authorization", "Bearer " + token)).andReturn();
		String body = result.getResponse().getContentAsString();
		assertThat(result.getResponse().getStatus()).as(url + " -> " + body).isEqualTo(status);
		return mapper.readTree(body);
	}

	/** {@code url} is refused with a 400 validation error naming {@code field}. */
	static void assertField(MockMvc mvc, JsonMapper mapper, String token, String url, String field) throws Exception {
		JsonNode error = getJson(mvc, mapper, token, url, 400);
		assertThat(error.at("/error/code").asString()).as(url).isEqualTo("VALIDATION_ERROR");
		assertThat(error.at("/error/details/field").asString()).as(url).isEqualTo(field);
	}

}
