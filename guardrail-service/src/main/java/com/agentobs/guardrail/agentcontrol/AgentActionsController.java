package com.agentobs.guardrail.agentcontrol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.validation.Valid;

import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.validation.Timestamps;
import com.agentobs.guardrail.agentcontrol.AgentActionRequests.DeprecateRequest;
import com.agentobs.guardrail.agentcontrol.AgentActionRequests.RateLimitRequest;
import com.agentobs.guardrail.agentcontrol.AgentActionRequests.ReasonRequest;
import com.agentobs.guardrail.agentcontrol.AgentActionRequests.RollbackVersionRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The agent actions, each run through the shared action framework; 201 with the audit row. */
@RestController
@RequestMapping("/api/v1/agents/{agent_id}")
@RequiresRole(Role.OPERATOR)
class AgentActionsController {

	private final ActionRunner actions;

	AgentActionsController(ActionRunner actions) {
		this.actions = actions;
	}

	@PostMapping("/pause")
	ResponseEntity<ApiResponse<ActionRecord>> pause(@PathVariable("agent_id") String agentId,
			@Valid @RequestBody(required = false) ReasonRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, PauseAgentAction.TYPE, agentId, new AgentChange(agentId, reason(body)), key);
	}

	@PostMapping("/resume")
	ResponseEntity<ApiResponse<ActionRecord>> resume(@PathVariable("agent_id") String agentId,
			@Valid @RequestBody(required = false) ReasonRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, ResumeAgentAction.TYPE, agentId, new AgentChange(agentId, reason(body)), key);
	}

	@PostMapping("/quarantine")
	ResponseEntity<ApiResponse<ActionRecord>> quarantine(@PathVariable("agent_id") String agentId,
			@Valid @RequestBody(required = false) ReasonRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, QuarantineAgentAction.TYPE, agentId, new AgentChange(agentId, reason(body)), key);
	}

	@PostMapping("/release")
	ResponseEntity<ApiResponse<ActionRecord>> release(@PathVariable("agent_id") String agentId,
			@Valid @RequestBody(required = false) ReasonRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, ReleaseAgentAction.TYPE, agentId, new AgentChange(agentId, reason(body)), key);
	}

	@PostMapping("/rollback-version")
	ResponseEntity<ApiResponse<ActionRecord>> rollbackVersion(@PathVariable("agent_id") String agentId,
			@Valid @RequestBody(required = false) RollbackVersionRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		VersionRollback params = (body != null)
				? new VersionRollback(agentId, body.configVersionNumber(), body.reason())
				: new VersionRollback(agentId, null, null);
		return run(caller, RollbackAgentVersionAction.TYPE, agentId, params, key);
	}

	@PutMapping("/rate-limit")
	ResponseEntity<ApiResponse<ActionRecord>> rateLimit(@PathVariable("agent_id") String agentId,
			@Valid @RequestBody RateLimitRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, SetAgentRateLimitAction.TYPE, agentId,
				new RateLimitChange(agentId, body.rateLimitRpm(), body.reason()), key);
	}

	@PostMapping("/deprecate")
	ResponseEntity<ApiResponse<ActionRecord>> deprecate(@PathVariable("agent_id") String agentId,
			@Valid @RequestBody DeprecateRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, DeprecateAgentAction.TYPE, agentId, new Deprecation(agentId,
				parseDate(body.deprecationDate()), blankToNull(body.replacementAgentId()), body.reason()), key);
	}

	private ResponseEntity<ApiResponse<ActionRecord>> run(Caller caller, String type, String agentId, Object params,
			String key) {
		long started = System.nanoTime();
		AgentIds.check(agentId);
		ActionRecord record = this.actions.run(caller, type, params, key);
		return ActionResponses.created(record, started);
	}

	/** An ISO-8601 date or instant inside the accepted window ({@link Timestamps}): year 1 is a mistake. */
	static Instant parseDate(String value) {
		try {
			Instant date = (value.length() == 10) ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
					: Instant.parse(value);
			return Timestamps.requireInWindow("deprecation_date", date);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.validation("deprecation_date", "must be an ISO-8601 date or instant");
		}
	}

	private static String reason(ReasonRequest body) {
		return (body != null) ? body.reason() : null;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
