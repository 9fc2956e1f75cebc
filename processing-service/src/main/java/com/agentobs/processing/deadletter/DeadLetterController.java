package com.agentobs.processing.deadletter;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters of the caller's workspace (operators), and re-driving one. */
@RestController
class DeadLetterController {

	private final DeadLetters deadLetters;

	DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	// GET /api/v1/ingest/dead-letters
	@GetMapping("/api/v1/ingest/dead-letters")
	@RequiresRole(Role.OPERATOR)
	ApiResponse<List<DeadLetterResponse>> list(Caller caller, @RequestParam(name = "limit", defaultValue = "50") int limit) {
		long started = System.nanoTime();
		List<DeadLetterResponse> items = this.deadLetters.list(caller.workspaceId(), Math.max(1, Math.min(limit, 1000)));
		return ApiResponse.of(items, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// POST /api/v1/ingest/dead-letters/{dead_letter_id}/redrive
	@PostMapping("/api/v1/ingest/dead-letters/{deadLetterId}/redrive")
	@RequiresRole(Role.OPERATOR)
	ApiResponse<Map<String, String>> redrive(Caller caller, @PathVariable String deadLetterId) {
		if (!deadLetterId.matches("\\d+-\\d+")) {
			throw ApiException.validation("dead_letter_id", "must be a stream entry id like 1700000000000-0");
		}
		String entryId = this.deadLetters.redrive(caller.workspaceId(), deadLetterId);
		return ApiResponse.of(Map.of("dead_letter_id", deadLetterId, "entry_id", entryId), ResponseMeta.single(0, false));
	}


}
