package com.agentobs.gateway.auth;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.gateway.system.Blocking;
import com.agentobs.gateway.system.GatewayCaller;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Sign-in of the built-in identity provider: login, refresh (rotating), logout, who-am-I. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

	private final AuthService auth;

	private final LoginThrottle throttle;

	AuthController(AuthService auth, LoginThrottle throttle) {
		this.auth = auth;
		this.throttle = throttle;
	}

	// POST /api/v1/auth/login {"email", "password"}
	@PostMapping("/login")
	Mono<ApiResponse<AuthService.TokenResponse>> login(@Valid @RequestBody LoginRequest request,
			ServerWebExchange exchange) {
		AuthService.ClientInfo client = client(exchange);
		String email = request.email();
		return this.throttle.checkNotLocked(email, client.ip())
			.then(Blocking.call(() -> this.auth.login(email, request.password(), client)))
			.flatMap((tokens) -> this.throttle.succeeded(email, client.ip()).thenReturn(tokens))
			.onErrorResume(ApiException.class,
					(ex) -> (ex.code() == com.agentobs.contracts.error.ErrorCode.UNAUTHENTICATED)
							? this.throttle.recordFailure(email, client.ip()).then(Mono.error(ex)) : Mono.error(ex))
			.map(AuthController::envelope);
	}

	// POST /api/v1/auth/refresh {"refresh_token"}
	@PostMapping("/refresh")
	Mono<ApiResponse<AuthService.TokenResponse>> refresh(@Valid @RequestBody RefreshRequest request,
			ServerWebExchange exchange) {
		AuthService.ClientInfo client = client(exchange);
		return Blocking.call(() -> this.auth.refresh(request.refreshToken(), client)).map(AuthController::envelope);
	}

	// POST /api/v1/auth/logout {"refresh_token"}: ends the session (its refresh token family)
	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> logout(@Valid @RequestBody RefreshRequest request) {
		return Blocking.run(() -> this.auth.logout(request.refreshToken()));
	}

	// GET /api/v1/auth/me: the verified caller as the token describes it
	@GetMapping("/me")
	ApiResponse<MeResponse> me(ServerWebExchange exchange) {
		GatewayCaller caller = GatewayCaller.of(exchange);
		Map<String, String> grants = new java.util.LinkedHashMap<>();
		caller.grants().forEach((ws, role) -> grants.put(ws.toString(), role.code()));
		return ApiResponse.of(new MeResponse(caller.subject(), caller.agent() ? "agent" : "user", caller.workspaceId(),
				grants), ResponseMeta.single(0, false));
	}

	private static ApiResponse<AuthService.TokenResponse> envelope(AuthService.TokenResponse tokens) {
		return ApiResponse.of(tokens, ResponseMeta.single(0, false));
	}

	private static AuthService.ClientInfo client(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		String ip = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
		return new AuthService.ClientInfo(ip, exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT));
	}

	// POST /api/v1/auth/login
	record LoginRequest(@NotBlank(message = "is required") @Size(max = 320) String email,
			@NotBlank(message = "is required") @Size(max = 200) String password) {
	}

	// POST /api/v1/auth/refresh and /logout
	record RefreshRequest(@NotBlank(message = "is required") @Size(max = 200) String refreshToken) {
	}

	// GET /api/v1/auth/me
	record MeResponse(String subject, String type, UUID workspaceId, Map<String, String> workspaces) {
	}

}
