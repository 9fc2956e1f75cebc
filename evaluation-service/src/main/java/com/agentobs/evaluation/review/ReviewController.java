package com.agentobs.evaluation.review;

import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The human review queue: open items with progress per reviewer, and submitting a review (an action). */
@RestController
class ReviewController {

	private final ReviewQueue queue;

	private final WorkspaceTransactions transactions;

	private final ActionRunner actions;

	ReviewController(ReviewQueue queue, WorkspaceTransactions transactions, ActionRunner actions) {
		this.queue = queue;
		this.transactions = transactions;
		this.actions = actions;
	}

	// POST /api/v1/quality/reviews
	record SubmitReviewRequest(String traceId, String rubricId, Double score, String label, String comment) {
	}

	// GET /api/v1/quality/review-queue?assignee=&limit=
	@GetMapping("/api/v1/quality/review-queue")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<ReviewQueue.QueueItem>> open(@RequestParam(name = "assignee", required = false) String assignee,
			@RequestParam(name = "limit", defaultValue = "50") int limit, Caller caller) {
		long started = System.nanoTime();
		if (limit < 1 || limit > StandardFilters.MAX_LIMIT) {
			throw ApiException.validation("limit", "must be between 1 and " + StandardFilters.MAX_LIMIT);
		}
		UUID ws = caller.workspaceId();
		record View(List<ReviewQueue.QueueItem> items, List<ReviewQueue.Progress> progress) {
		}
		View view = this.transactions.inWorkspace(ws, () -> new View(
				this.queue.open(ws, (assignee == null || assignee.isBlank()) ? null : assignee, limit),
				this.queue.progress(ws)));
		long backlog = view.progress().stream().mapToLong(ReviewQueue.Progress::open).sum();
		return ApiResponse.of(view.items(),
				ResponseMeta.page(ResponseMeta.millisSince(started), false, backlog, 1, limit)
					.withExtra("progress", view.progress()));
	}

	// POST /api/v1/quality/reviews
	@PostMapping("/api/v1/quality/reviews")
	@RequiresRole(Role.ANALYST)
	ResponseEntity<ApiResponse<ActionRecord>> submit(@RequestBody SubmitReviewRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		UUID rubricId;
		try {
			rubricId = UUID.fromString(String.valueOf(body.rubricId()));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("rubric_id", "must be a UUID");
		}
		ActionRecord record = this.actions.run(caller, SubmitReviewAction.TYPE, new SubmitReviewAction.Params(
				body.traceId(), rubricId, body.score(), blankToNull(body.label()), blankToNull(body.comment())), key);
		return ActionResponses.created(record, started);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
