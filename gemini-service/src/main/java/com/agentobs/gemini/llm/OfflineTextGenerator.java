package com.agentobs.gemini.llm;

import java.math.BigDecimal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.agentobs.contracts.hash.Sha256;

/**
 * The default generator: no key, no network, the same answer for the same request. It is not
 * a model and says so: free text names the prompt's digest; with a schema the answer is the
 * schema's minimal instance (first enum value, minimum or 0, false, empty string, minItems
 * copies), so callers can exercise their parsing while {@code provider = offline} tells them
 * no model judged anything.
 */
public class OfflineTextGenerator implements TextGenerator {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final JsonMapper mapper;

	public OfflineTextGenerator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public String provider() {
		return OFFLINE;
	}

	@Override
	public TextGeneration generate(TextGenerationRequest request) {
		String text = (request.responseSchema() != null)
				? this.mapper.writeValueAsString(minimalInstance(request.responseSchema()))
				: "Offline generator: no model is configured, so no text was generated for prompt "
						+ Sha256.hex(request.prompt()).substring(0, 12) + ".";
		int maxChars = request.maxOutputTokens() * 4;
		if (request.responseSchema() == null && text.length() > maxChars) {
			text = text.substring(0, maxChars);
		}
		int input = estimateTokens(request.prompt()) + estimateTokens(request.system());
		int output = Math.min(estimateTokens(text), request.maxOutputTokens());
		return new TextGeneration(text, OFFLINE, OFFLINE, input, output, BigDecimal.ZERO, "STOP", 1);
	}

	/** About four characters a token, the usual estimate for English text. */
	static int estimateTokens(String text) {
		return (text == null) ? 0 : (text.length() + 3) / 4;
	}

	/** The smallest value that conforms to {@code schema} (the subset {@link JsonSchemaCheck} checks). */
	static JsonNode minimalInstance(JsonNode schema) {
		if (schema == null || !schema.isObject()) {
			return NODES.nullNode();
		}
		JsonNode allowed = schema.get("enum");
		if (allowed != null && allowed.isArray() && !allowed.isEmpty()) {
			return allowed.get(0);
		}
		String type = schema.path("type").asString("object").toLowerCase();
		return switch (type) {
			case "object" -> {
				ObjectNode object = NODES.objectNode();
				schema.path("properties")
					.properties()
					.forEach((entry) -> object.set(entry.getKey(), minimalInstance(entry.getValue())));
				yield object;
			}
			case "array" -> {
				ArrayNode array = NODES.arrayNode();
				for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
					array.add(minimalInstance(schema.get("items")));
				}
				yield array;
			}
			case "string" -> NODES.stringNode("");
			case "integer" -> NODES.numberNode(schema.path("minimum").asLong(0));
			case "number" -> schema.has("minimum") ? schema.get("minimum") : NODES.numberNode(0);
			case "boolean" -> NODES.booleanNode(false);
			default -> NODES.nullNode();
		};
	}

}
