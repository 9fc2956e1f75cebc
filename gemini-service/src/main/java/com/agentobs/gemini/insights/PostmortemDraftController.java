package com.agentobs.gemini.insights;

import java.util.UUID;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drafts the postmortem of an incident in the caller's workspace for operators and above (who may
 * save postmortems). The draft is returned, never stored: a person edits it and saves it with the
 * postmortem action, so drafting changes no state and is not an action.
 */
@RestController
@RequestMapping("/api/v1/insights")
class PostmortemDraftController {

	private final PostmortemFacts facts;

	private final PostmortemWriter writer;

	private final WorkspaceTransactions transactions;

	PostmortemDraftController(PostmortemFacts facts, PostmortemWriter writer, WorkspaceTransactions transactions) {
		this.facts = facts;
		this.writer = writer;
		this.transactions = transactions;
	}

	// POST /api/v1/insights/postmortem-draft
	/** @param incidentId the incident to draft for (a UUID in the caller's workspace) */
	record DraftRequest(String incidentId) {
	}

	@PostMapping("/postmortem-draft")
	@RequiresRole(Role.OPERATOR)
	ApiResponse<PostmortemDraft> draft(Caller caller, @RequestBody(required = false) DraftRequest request) {
		String raw = (request != null) ? request.incidentId() : null;
		if (raw == null || raw.isBlank()) {
			throw ApiException.validation("incident_id", "is required");
		}
		UUID incidentId;
		try {
			incidentId = UUID.fromString(raw.trim());
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation("incident_id", "must be a UUID");
		}
		long started = System.nanoTime();
		PostmortemFacts.IncidentSheet sheet = this.transactions
			.inWorkspace(caller.workspaceId(), () -> this.facts.build(caller.workspaceId(), incidentId))
			.orElseThrow(() -> ApiException.notFound("incident", incidentId.toString()));
		PostmortemDraft draft = this.writer.write(caller.workspaceId(), sheet);
		return ApiResponse.of(draft, ResponseMeta.single((System.nanoTime() - started) / 1_000_000, false));
	}

}
