package com.agentobs.gateway.workspace;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.security.Role;
import com.agentobs.gateway.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class InvitationIT extends GatewayTestSupport {

	/** No 201-versus-404 oracle: a registered and an unknown e-mail get the same 202 and shape. */
	@Test
	void invite_answersTheSame_whetherOrNotTheEmailIsRegistered() {
		UUID workspace = createWorkspace();
		String admin = accessToken(createUser(workspace, Role.ADMIN));
		TestUser registered = createUser(createWorkspace(), Role.VIEWER);

		Map<String, Object> known = invite(admin, workspace, registered.email(), "analyst");
		Map<String, Object> unknown = invite(admin, workspace, "nobody-" + UUID.randomUUID() + "@gateway.test",
				"analyst");

		assertThat(known.keySet()).isEqualTo(unknown.keySet());
		assertThat(known).containsEntry("status", "pending").containsEntry("role", "analyst");
		assertThat(unknown).containsEntry("status", "pending").containsEntry("role", "analyst");
		assertThat(memberRole(workspace, registered.id())).isNull();
	}

	@Test
	void accept_makesTheInvitedUserAMember_andNoOneElse() {
		UUID workspace = createWorkspace();
		String admin = accessToken(createUser(workspace, Role.ADMIN));
		TestUser invited = createUser(createWorkspace(), Role.VIEWER);
		TestUser bystander = createUser(createWorkspace(), Role.ADMIN);
		String id = (String) invite(admin, workspace, invited.email().toUpperCase(), "operator").get("invitation_id");

		post(accessToken(bystander), "/api/v1/invitations/" + id + "/accept").expectStatus().isNotFound();
		client().get()
			.uri("/api/v1/invitations")
			.headers((h) -> h.setBearerAuth(accessToken(invited)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data[0].invitation_id")
			.isEqualTo(id)
			.jsonPath("$.data[0].workspace_id")
			.isEqualTo(workspace.toString());

		String token = accessToken(invited);
		post(token, "/api/v1/invitations/" + id + "/accept").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.role")
			.isEqualTo("operator");

		assertThat(memberRole(workspace, invited.id())).isEqualTo("operator");
		assertThat(memberRole(workspace, bystander.id())).isNull();
		post(token, "/api/v1/invitations/" + id + "/accept").expectStatus().isNotFound();
		assertThat(login(invited.email(), PASSWORD).get("workspaces").toString()).contains(workspace.toString());
	}

	/** Being invited changes nothing for the invited user: their only workspace is still selected by default. */
	@Test
	void invite_leavesTheInvitedUsersRequestsWithoutWorkspaceHeaderWorking() {
		UUID own = createWorkspace();
		TestUser victim = createUser(own, Role.VIEWER);
		UUID other = createWorkspace();
		invite(accessToken(createUser(other, Role.ADMIN)), other, victim.email(), "viewer");

		String token = accessToken(victim);
		client().get()
			.uri("/api/v1/auth/me")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.workspace_id")
			.isEqualTo(own.toString());
		client().get()
			.uri("/api/v1/metrics/home-kpis")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void revoke_endsAPendingInvitation_onlyInItsOwnWorkspace_andOnlyForAdmins() {
		UUID workspace = createWorkspace();
		String admin = accessToken(createUser(workspace, Role.ADMIN));
		UUID elsewhere = createWorkspace();
		String otherAdmin = accessToken(createUser(elsewhere, Role.ADMIN));
		String operator = accessToken(createUser(workspace, Role.OPERATOR));
		TestUser invited = createUser(createWorkspace(), Role.VIEWER);
		String id = (String) invite(admin, workspace, invited.email(), "viewer").get("invitation_id");

		client().post()
			.uri("/api/v1/workspaces/{ws}/members", workspace)
			.headers((h) -> h.setBearerAuth(operator))
			.bodyValue(Map.of("email", "x@gateway.test", "role", "admin"))
			.exchange()
			.expectStatus()
			.isForbidden();
		client().get()
			.uri("/api/v1/workspaces/{ws}/invitations", workspace)
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data[0].invitation_id")
			.isEqualTo(id);
		// another workspace's admin cannot reach it through their own workspace
		delete(otherAdmin, "/api/v1/workspaces/" + elsewhere + "/invitations/" + id).expectStatus().isNotFound();

		delete(admin, "/api/v1/workspaces/" + workspace + "/invitations/" + id).expectStatus().isNoContent();

		delete(admin, "/api/v1/workspaces/" + workspace + "/invitations/" + id).expectStatus().isNotFound();
		post(accessToken(invited), "/api/v1/invitations/" + id + "/accept").expectStatus().isNotFound();
		assertThat(memberRole(workspace, invited.id())).isNull();
	}

	@Test
	void invite_returns409_forAnExistingMember_and400_forANonEmail() {
		UUID workspace = createWorkspace();
		String admin = accessToken(createUser(workspace, Role.ADMIN));
		TestUser member = createUser(workspace, Role.VIEWER);

		client().post()
			.uri("/api/v1/workspaces/{ws}/members", workspace)
			.headers((h) -> h.setBearerAuth(admin))
			.bodyValue(Map.of("email", member.email(), "role", "admin"))
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		client().post()
			.uri("/api/v1/workspaces/{ws}/members", workspace)
			.headers((h) -> h.setBearerAuth(admin))
			.bodyValue(Map.of("email", "not-an-email", "role", "admin"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.details.field")
			.isEqualTo("email");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> invite(String adminToken, UUID workspace, String email, String role) {
		Map<String, Object> body = client().post()
			.uri("/api/v1/workspaces/{ws}/members", workspace)
			.headers((h) -> h.setBearerAuth(adminToken))
			.bodyValue(Map.of("email", email, "role", role))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (Map<String, Object>) body.get("data");
	}

	private WebTestClient.ResponseSpec post(String token, String path) {
		return client().post().uri(path).headers((h) -> h.setBearerAuth(token)).exchange();
	}

	private WebTestClient.ResponseSpec delete(String token, String path) {
		return client().delete().uri(path).headers((h) -> h.setBearerAuth(token)).exchange();
	}

	private static String memberRole(UUID workspace, UUID user) {
		List<String> roles = owner().sql("SELECT role FROM workspace_members WHERE workspace_id = ? AND user_id = ?")
			.params(workspace, user)
			.query(String.class)
			.list();
		return roles.isEmpty() ? null : roles.get(0);
	}

}
