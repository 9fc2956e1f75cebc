package com.agentobs.gateway.workspace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Role;
import com.agentobs.gateway.system.Blocking;
import com.agentobs.gateway.system.GatewayCaller;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caller's workspaces, and membership administration (admins of that workspace only):
 * members join by invitation only.
 * A role change reaches the member's tokens at their next refresh (access tokens live 15 min).
 */
@RestController
@RequestMapping("/api/v1/workspaces")
class WorkspaceController {

	/** How long an invitation can be accepted. */
	private static final Duration INVITATION_TTL = Duration.ofDays(7);

	private final MembershipRepository members;

	private final InvitationRepository invitations;

	private final Clock clock;

	WorkspaceController(MembershipRepository members, InvitationRepository invitations, Clock clock) {
		this.members = members;
		this.invitations = invitations;
		this.clock = clock;
	}

	// GET /api/v1/workspaces
	@GetMapping
	Mono<ApiResponse<List<MembershipRepository.WorkspaceRow>>> mine(ServerWebExchange exchange) {
		UUID userId = GatewayCaller.of(exchange).userId();
		return Blocking.call(() -> this.members.workspacesOf(userId)).map(WorkspaceController::list);
	}

	// GET /api/v1/workspaces/{workspace_id}/members
	@GetMapping("/{workspaceId}/members")
	Mono<ApiResponse<List<MembershipRepository.MemberRow>>> members(@PathVariable UUID workspaceId,
			ServerWebExchange exchange) {
		GatewayCaller.of(exchange).requireRole(workspaceId, Role.ADMIN);
		return Blocking.call(() -> this.members.members(workspaceId)).map(WorkspaceController::list);
	}

	/**
	 * Invites rather than adds: 202 with a pending invitation, the same answer whether or not the
	 * e-mail belongs to an account (no probing who is registered); the membership starts when the
	 * invited user accepts ({@link InvitationController}). 409 only for an e-mail that is already a
	 * member here, which this admin can list anyway.
	 */
	// POST /api/v1/workspaces/{workspace_id}/members {"email", "role"}
	@PostMapping("/{workspaceId}/members")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<ApiResponse<InvitationRepository.InvitationRow>> invite(@PathVariable UUID workspaceId,
			@Valid @RequestBody AddMemberRequest request, ServerWebExchange exchange) {
		GatewayCaller caller = GatewayCaller.of(exchange);
		caller.requireRole(workspaceId, Role.ADMIN);
		UUID invitedBy = caller.userId();
		String role = role(request.role());
		Instant expiresAt = this.clock.instant().plus(INVITATION_TTL);
		return Blocking.call(() -> this.invitations.invite(workspaceId, request.email(), role, invitedBy, expiresAt)
			.orElseThrow(() -> ApiException.conflict("This e-mail is already a member; change their role instead")))
			.map(WorkspaceController::single);
	}

	// GET /api/v1/workspaces/{workspace_id}/invitations: the pending ones
	@GetMapping("/{workspaceId}/invitations")
	Mono<ApiResponse<List<InvitationRepository.InvitationRow>>> invitations(@PathVariable UUID workspaceId,
			ServerWebExchange exchange) {
		GatewayCaller.of(exchange).requireRole(workspaceId, Role.ADMIN);
		return Blocking.call(() -> this.invitations.pending(workspaceId)).map(WorkspaceController::list);
	}

	// DELETE /api/v1/workspaces/{workspace_id}/invitations/{invitation_id}: revokes a pending invitation
	@DeleteMapping("/{workspaceId}/invitations/{invitationId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> revoke(@PathVariable UUID workspaceId, @PathVariable UUID invitationId, ServerWebExchange exchange) {
		GatewayCaller.of(exchange).requireRole(workspaceId, Role.ADMIN);
		return Blocking.run(() -> {
			if (!this.invitations.revoke(workspaceId, invitationId)) {
				throw ApiException.notFound("invitation", invitationId.toString());
			}
		});
	}

	// PUT /api/v1/workspaces/{workspace_id}/members/{user_id} {"role"}
	@PutMapping("/{workspaceId}/members/{userId}")
	Mono<ApiResponse<MembershipRepository.MemberRow>> changeRole(@PathVariable UUID workspaceId,
			@PathVariable UUID userId, @Valid @RequestBody ChangeRoleRequest request, ServerWebExchange exchange) {
		GatewayCaller.of(exchange).requireRole(workspaceId, Role.ADMIN);
		String role = role(request.role());
		return Blocking.call(() -> {
			check(this.members.change(workspaceId, userId, role), userId);
			return this.members.find(workspaceId, userId).orElseThrow();
		}).map(WorkspaceController::single);
	}

	// DELETE /api/v1/workspaces/{workspace_id}/members/{user_id}
	@DeleteMapping("/{workspaceId}/members/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> remove(@PathVariable UUID workspaceId, @PathVariable UUID userId, ServerWebExchange exchange) {
		GatewayCaller.of(exchange).requireRole(workspaceId, Role.ADMIN);
		return Blocking.run(() -> check(this.members.change(workspaceId, userId, null), userId));
	}

	private static void check(MembershipRepository.Outcome outcome, UUID userId) {
		switch (outcome) {
			case NOT_FOUND -> throw ApiException.notFound("member", userId.toString());
			case LAST_ADMIN -> throw ApiException.conflict("A workspace keeps at least one admin");
			case DONE -> {
			}
		}
	}

	private static String role(String role) {
		return Role.fromCode(role)
			.map(Role::code)
			.orElseThrow(() -> ApiException.validation("role", "is not a role", Role.CODES));
	}

	static <T> ApiResponse<List<T>> list(List<T> items) {
		return ApiResponse.of(items, ResponseMeta.page(0, false, items.size(), 1, Math.max(1, items.size())));
	}

	static <T> ApiResponse<T> single(T item) {
		return ApiResponse.of(item, ResponseMeta.single(0, false));
	}

	// POST /api/v1/workspaces/{workspace_id}/members
	record AddMemberRequest(
			@NotBlank(message = "is required") @Email(message = "is not an e-mail address") @Size(max = 320) String email,
			@NotBlank(message = "is required") String role) {
	}

	// PUT /api/v1/workspaces/{workspace_id}/members/{user_id}
	record ChangeRoleRequest(@NotBlank(message = "is required") String role) {
	}


}
