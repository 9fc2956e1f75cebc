package com.agentobs.processing.deadletter;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters of the caller's workspace, and re-driving one. The workspace comes from
 * {@code X-Workspace-ID}; the gateway (gateway issue) authenticates it before this
 * service is reachable from outside.
 */
@RestController
class DeadLetterController {

	private final DeadLetters deadLetters;

	DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	// GET /api/v1/ingest/dead-letters
	@GetMapping("/api/v1/ingest/dead-letters")
	ApiResponse<List<DeadLetterResponse>> list(@RequestHeader(name = "X-Workspace-ID", required = false) String ws,
			@RequestParam(name = "limit", defaultValue = "50") int limit) {
		long started = System.nanoTime();
		List<DeadLetterResponse> items = this.deadLetters.list(workspace(ws), Math.max(1, Math.min(limit, 1000)));
		return ApiResponse.of(items, ResponseMeta.single((System.nanoTime() - started) / 1_000_000, false));
	}

	// POST /api/v1/ingest/dead-letters/{dead_letter_id}/redrive
	@PostMapping("/api/v1/ingest/dead-letters/{deadLetterId}/redrive")
	ApiResponse<Map<String, String>> redrive(@RequestHeader(name = "X-Workspace-ID", required = false) String ws,
			@PathVariable String deadLetterId) {
		if (!deadLetterId.matches("\\d+-\\d+")) {
			throw ApiException.validation("dead_letter_id", "must be a stream entry id like 1700000000000-0");
		}
		String entryId = this.deadLetters.redrive(workspace(ws), deadLetterId);
		return ApiResponse.of(Map.of("dead_letter_id", deadLetterId, "entry_id", entryId), ResponseMeta.single(0, false));
	}

	private static UUID workspace(String header) {
		if (header == null || header.isBlank()) {
			throw ApiException.validation("X-Workspace-ID", "is required");
		}
		try {
			return UUID.fromString(header.trim());
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("X-Workspace-ID", "must be a UUID");
		}
	}

}
