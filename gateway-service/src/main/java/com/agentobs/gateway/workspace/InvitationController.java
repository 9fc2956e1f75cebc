package com.agentobs.gateway.workspace;

import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.gateway.system.Blocking;
import com.agentobs.gateway.system.GatewayCaller;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The signed-in user's own invitations: list, accept (the membership starts now; the new workspace
 * is in the user's tokens from the next refresh or login), decline. Another user's invitation, or
 * one revoked, expired or already answered, is 404 alike.
 */
@RestController
@RequestMapping("/api/v1/invitations")
class InvitationController {

	private final InvitationRepository invitations;

	InvitationController(InvitationRepository invitations) {
		this.invitations = invitations;
	}

	// GET /api/v1/invitations
	@GetMapping
	Mono<ApiResponse<List<InvitationRepository.UserInvitationRow>>> mine(ServerWebExchange exchange) {
		UUID userId = GatewayCaller.of(exchange).userId();
		return Blocking.call(() -> this.invitations.forUser(userId)).map(WorkspaceController::list);
	}

	// POST /api/v1/invitations/{invitation_id}/accept
	@PostMapping("/{invitationId}/accept")
	Mono<ApiResponse<InvitationRepository.UserInvitationRow>> accept(@PathVariable UUID invitationId,
			ServerWebExchange exchange) {
		UUID userId = GatewayCaller.of(exchange).userId();
		return Blocking.call(() -> this.invitations.respond(userId, invitationId, true)
			.orElseThrow(() -> ApiException.notFound("invitation", invitationId.toString())))
			.map(WorkspaceController::single);
	}

	// POST /api/v1/invitations/{invitation_id}/decline
	@PostMapping("/{invitationId}/decline")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> decline(@PathVariable UUID invitationId, ServerWebExchange exchange) {
		UUID userId = GatewayCaller.of(exchange).userId();
		return Blocking.run(() -> {
			if (this.invitations.respond(userId, invitationId, false).isEmpty()) {
				throw ApiException.notFound("invitation", invitationId.toString());
			}
		});
	}

}
