package com.agentobs.guardrail.configuration.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.agentobs.contracts.error.ApiException;
import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON Patch between two JSON documents, and its application. Objects are compared key by
 * key (sorted, so the patch does not depend on key order); arrays by trimming the common head and
 * tail and then pairing the rest, so one inserted element is one {@code add}, not a cascade of
 * {@code replace}s. {@code null} is a value: {@code {"a": null}} vs {@code {}} is an {@code add}
 * or {@code remove}, never nothing.
 */
public final class JsonPatch {

	/** One operation; {@code value} is absent for {@code remove}, JSON null when the value is null. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Operation(String op, String path, JsonNode value) {
	}

	private JsonPatch() {
	}

	public static List<Operation> diff(JsonNode before, JsonNode after) {
		List<Operation> ops = new ArrayList<>();
		diff("", before, after, ops);
		return List.copyOf(ops);
	}

	/** The pointers the patch touches (its {@code path}s, in order). */
	public static List<String> paths(List<Operation> patch) {
		return patch.stream().map(Operation::path).toList();
	}

	private static void diff(String path, JsonNode before, JsonNode after, List<Operation> ops) {
		if (before.equals(after)) {
			return;
		}
		if (before.isObject() && after.isObject()) {
			TreeSet<String> keys = new TreeSet<>();
			before.properties().forEach((e) -> keys.add(e.getKey()));
			after.properties().forEach((e) -> keys.add(e.getKey()));
			for (String key : keys) {
				String child = path + "/" + escape(key);
				boolean had = before.has(key);
				boolean has = after.has(key);
				if (had && !has) {
					ops.add(new Operation("remove", child, null));
				}
				else if (!had) {
					ops.add(new Operation("add", child, after.get(key)));
				}
				else {
					diff(child, before.get(key), after.get(key), ops);
				}
			}
			return;
		}
		if (before.isArray() && after.isArray()) {
			diffArrays(path, before, after, ops);
			return;
		}
		ops.add(new Operation("replace", path, after));
	}

	private static void diffArrays(String path, JsonNode before, JsonNode after, List<Operation> ops) {
		int head = 0;
		while (head < before.size() && head < after.size() && before.get(head).equals(after.get(head))) {
			head++;
		}
		int tail = 0;
		while (tail < before.size() - head && tail < after.size() - head
				&& before.get(before.size() - 1 - tail).equals(after.get(after.size() - 1 - tail))) {
			tail++;
		}
		int oldMiddle = before.size() - head - tail;
		int newMiddle = after.size() - head - tail;
		int paired = Math.min(oldMiddle, newMiddle);
		for (int i = 0; i < paired; i++) {
			diff(path + "/" + (head + i), before.get(head + i), after.get(head + i), ops);
		}
		// removals from the highest index down, so each index is still valid when applied
		for (int i = oldMiddle - 1; i >= paired; i--) {
			ops.add(new Operation("remove", path + "/" + (head + i), null));
		}
		for (int i = paired; i < newMiddle; i++) {
			ops.add(new Operation("add", path + "/" + (head + i), after.get(head + i)));
		}
	}

	/** Applies {@code patch} to a copy of {@code document}; 409 when a path does not fit it. */
	public static JsonNode apply(JsonNode document, List<Operation> patch) {
		JsonNode result = document.deepCopy();
		for (Operation op : patch) {
			if (op.path().isEmpty()) {
				if (!"replace".equals(op.op())) {
					throw conflict(op, "only replace applies to the whole document");
				}
				result = op.value().deepCopy();
				continue;
			}
			int cut = op.path().lastIndexOf('/');
			JsonNode parent = at(result, op.path().substring(0, cut), op);
			String last = unescape(op.path().substring(cut + 1));
			if (parent instanceof ObjectNode object) {
				switch (op.op()) {
					case "add" -> object.set(last, op.value().deepCopy());
					case "replace" -> {
						requirePresent(object.has(last), op);
						object.set(last, op.value().deepCopy());
					}
					case "remove" -> {
						requirePresent(object.has(last), op);
						object.remove(last);
					}
					default -> throw conflict(op, "unsupported operation");
				}
			}
			else if (parent instanceof ArrayNode array) {
				int index = "-".equals(last) ? array.size() : index(last, op);
				switch (op.op()) {
					case "add" -> {
						requirePresent(index <= array.size(), op);
						array.insert(index, op.value().deepCopy());
					}
					case "replace" -> {
						requirePresent(index < array.size(), op);
						array.set(index, op.value().deepCopy());
					}
					case "remove" -> {
						requirePresent(index < array.size(), op);
						array.remove(index);
					}
					default -> throw conflict(op, "unsupported operation");
				}
			}
			else {
				throw conflict(op, "the parent is not a container");
			}
		}
		return result;
	}

	private static JsonNode at(JsonNode root, String pointer, Operation op) {
		JsonNode node = root;
		if (pointer.isEmpty()) {
			return node;
		}
		for (String token : pointer.substring(1).split("/", -1)) {
			String key = unescape(token);
			node = node.isArray() ? node.get(index(key, op)) : node.get(key);
			if (node == null) {
				throw conflict(op, "the path does not exist");
			}
		}
		return node;
	}

	private static int index(String token, Operation op) {
		if (!token.matches("0|[1-9][0-9]{0,8}")) {
			throw conflict(op, "not an array index: " + token);
		}
		return Integer.parseInt(token);
	}

	private static void requirePresent(boolean present, Operation op) {
		if (!present) {
			throw conflict(op, "the path does not exist");
		}
	}

	private static ApiException conflict(Operation op, String reason) {
		return new ApiException(com.agentobs.contracts.error.ErrorCode.CONFLICT,
				"The patch does not apply: " + reason, Map.of("op", op.op(), "path", op.path()));
	}

	/** RFC 6901: {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
	public static String escape(String key) {
		return key.replace("~", "~0").replace("/", "~1");
	}

	static String unescape(String token) {
		return token.replace("~1", "/").replace("~0", "~");
	}

}
