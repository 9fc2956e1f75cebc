package com.agentobs.gemini.llm;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON value against the subset of JSON Schema that response schemas use:
 * {@code type}, {@code properties}, {@code required}, {@code items}, {@code enum},
 * {@code minItems}/{@code maxItems}. A model's answer is never trusted to follow the schema it was given.
 */
public final class JsonSchemaCheck {

	private JsonSchemaCheck() {
	}

	/** The violations, empty when {@code value} conforms. */
	public static List<String> violations(JsonNode schema, JsonNode value) {
		List<String> out = new ArrayList<>();
		check(schema, value, "$", out);
		return out;
	}

	private static void check(JsonNode schema, JsonNode value, String path, List<String> out) {
		if (schema == null || !schema.isObject()) {
			return;
		}
		String type = schema.path("type").asString("").toLowerCase();
		if (!type.isEmpty() && !hasType(value, type)) {
			out.add(path + " is not " + type);
			return;
		}
		JsonNode allowed = schema.get("enum");
		if (allowed != null && allowed.isArray()) {
			boolean found = false;
			for (JsonNode option : allowed) {
				found |= option.equals(value);
			}
			if (!found) {
				out.add(path + " is not one of " + allowed);
			}
		}
		if (value.isObject()) {
			for (JsonNode name : schema.path("required")) {
				if (!value.has(name.asString())) {
					out.add(path + "." + name.asString() + " is missing");
				}
			}
			schema.path("properties").properties().forEach((entry) -> {
				if (value.has(entry.getKey())) {
					check(entry.getValue(), value.get(entry.getKey()), path + "." + entry.getKey(), out);
				}
			});
		}
		if (value.isArray()) {
			if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
				out.add(path + " has fewer than " + schema.get("minItems").asInt() + " items");
			}
			if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
				out.add(path + " has more than " + schema.get("maxItems").asInt() + " items");
			}
			for (int i = 0; i < value.size(); i++) {
				check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
			}
		}
	}

	private static boolean hasType(JsonNode value, String type) {
		return switch (type) {
			case "object" -> value.isObject();
			case "array" -> value.isArray();
			case "string" -> value.isString();
			case "integer" -> value.isIntegralNumber();
			case "number" -> value.isNumber();
			case "boolean" -> value.isBoolean();
			case "null" -> value.isNull();
			default -> true;
		};
	}

}
