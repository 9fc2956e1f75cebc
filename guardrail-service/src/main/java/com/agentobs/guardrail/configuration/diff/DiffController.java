package com.agentobs.guardrail.configuration.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.guardrail.agentcontrol.AgentConfigurations;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** Chart 10.3: the RFC 6902 patch between two stored versions, with line diffs for changed texts. */
@RestController
class DiffController {

	// GET /api/v1/config/versions/{version_id}/diff?against={version_id}
	record VersionDiff(UUID fromVersionId, UUID toVersionId, String fromHash, String toHash, boolean identical,
			List<JsonPatch.Operation> patch, List<TextDiff> textDiffs, JsonNode from, JsonNode to) {
	}

	record TextDiff(String path, List<LineDiff.Line> lines) {
	}

	private final WorkspaceTransactions transactions;

	private final AgentConfigurations configs;

	DiffController(WorkspaceTransactions transactions, AgentConfigurations configs) {
		this.transactions = transactions;
		this.configs = configs;
	}

	/** {@code version_id} is the newer side ("to"), {@code against} the older one ("from"). */
	@GetMapping("/api/v1/config/versions/{version_id}/diff")
	@RequiresRole(Role.VIEWER)
	ApiResponse<VersionDiff> diff(@PathVariable("version_id") UUID versionId, @RequestParam("against") UUID against,
			Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		VersionDiff diff = this.transactions.inWorkspace(ws, () -> {
			JsonNode to = this.configs.versionDocument(ws, versionId);
			JsonNode from = this.configs.versionDocument(ws, against);
			List<JsonPatch.Operation> patch = JsonPatch.diff(from, to);
			List<TextDiff> texts = new ArrayList<>();
			for (JsonPatch.Operation op : patch) {
				JsonNode before = from.at(op.path());
				JsonNode after = to.at(op.path());
				if ((before.isString() || before.isMissingNode()) && (after.isString() || after.isMissingNode())
						&& (isText(before) || isText(after))) {
					texts.add(new TextDiff(op.path(), LineDiff.diff(before.isString() ? before.asString() : null,
							after.isString() ? after.asString() : null)));
				}
			}
			String fromHash = this.configs.hash(from);
			String toHash = this.configs.hash(to);
			return new VersionDiff(against, versionId, fromHash, toHash, fromHash.equals(toHash), patch, texts, from, to);
		});
		Map<String, Object> applied = new LinkedHashMap<>();
		applied.put("workspace_id", ws.toString());
		applied.put("against", against.toString());
		return ApiResponse.of(diff, ResponseMeta.single(ResponseMeta.millisSince(started), false), applied);
	}

	/** A prompt-like text: several lines or long. */
	private static boolean isText(JsonNode node) {
		return node.isString() && (node.asString().contains("\n") || node.asString().length() > 80);
	}

}
