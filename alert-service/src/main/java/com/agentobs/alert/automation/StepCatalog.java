package com.agentobs.alert.automation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.error.ApiException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The action types a step may run: every action handler of this service (incidents, channels,
 * the notify step) except the automation's own and rollbacks, run in-process through the action
 * runner; and the actions other services own, invoked over their HTTP API ({@link Remote}).
 */
@Component
class StepCatalog {

	/** An action another service owns: its HTTP call and where its rollback is. */
	record Remote(String service, String method, String path, List<String> pathParams, String rollbackPath) {

		String path(Map<String, Object> params) {
			String p = this.path;
			for (String name : this.pathParams) {
				p = p.replace("{" + name + "}", java.net.URLEncoder.encode(String.valueOf(params.get(name)),
						java.nio.charset.StandardCharsets.UTF_8));
			}
			return p;
		}

		Map<String, Object> body(Map<String, Object> params) {
			Map<String, Object> body = new LinkedHashMap<>(params);
			this.pathParams.forEach(body::remove);
			return body;
		}

	}

	static final String GUARDRAIL = "guardrail";

	static final String EVALUATION = "evaluation";

	private static final String AGENT_ROLLBACK = "/api/v1/actions/{action_id}/rollback";

	static final Map<String, Remote> REMOTE = Map.ofEntries(
			Map.entry("agent.pause", agent("POST", "pause")), Map.entry("agent.resume", agent("POST", "resume")),
			Map.entry("agent.quarantine", agent("POST", "quarantine")),
			Map.entry("agent.release", agent("POST", "release")),
			Map.entry("agent.rollback_version", agent("POST", "rollback-version")),
			Map.entry("agent.set_rate_limit", agent("PUT", "rate-limit")),
			Map.entry("agent.deprecate", agent("POST", "deprecate")),
			Map.entry("quality.backfill", new Remote(EVALUATION, "POST", "/api/v1/quality/backfills", List.of(),
					"/api/v1/quality/actions/{action_id}/rollback")),
			Map.entry("canary.advance", canary("advance")), Map.entry("canary.abort", canary("abort")));

	private static final Set<String> NOT_STEPS = Set.of("action.rollback");

	private final ObjectProvider<ActionHandler<?, ?>> handlers;

	private volatile Set<String> local;

	// the handlers are looked up on first use: the playbook actions are handlers themselves
	StepCatalog(ObjectProvider<ActionHandler<?, ?>> handlers) {
		this.handlers = handlers;
	}

	private Set<String> local() {
		Set<String> types = this.local;
		if (types == null) {
			types = new TreeSet<>();
			for (ActionHandler<?, ?> handler : this.handlers.orderedStream().toList()) {
				String type = handler.type();
				if (!type.startsWith("playbook.") && !type.startsWith("execution.") && !NOT_STEPS.contains(type)) {
					types.add(type);
				}
			}
			this.local = types;
		}
		return types;
	}

	/** The agent's live canary on evaluation-service: advance to its next traffic step, or abort it. */
	private static Remote canary(String verb) {
		return new Remote(EVALUATION, "POST", "/api/v1/agents/{agent_id}/canary/" + verb, List.of("agent_id"),
				"/api/v1/experiments/actions/{action_id}/rollback");
	}

	private static Remote agent(String method, String verb) {
		return new Remote(GUARDRAIL, method, "/api/v1/agents/{agent_id}/" + verb, List.of("agent_id"), AGENT_ROLLBACK);
	}

	boolean known(String type) {
		return local().contains(type) || REMOTE.containsKey(type);
	}

	boolean isLocal(String type) {
		return local().contains(type);
	}

	Remote remote(String type) {
		return REMOTE.get(type);
	}

	/** The service that owns the type (the step's {@code owner_service}). */
	String owner(String type) {
		Remote remote = REMOTE.get(type);
		return (remote != null) ? remote.service() : "alert";
	}

	List<String> types() {
		List<String> all = new ArrayList<>(local());
		all.addAll(new TreeSet<>(REMOTE.keySet()));
		return all;
	}

	/** Path parameters a remote action needs are required; the owning action validates the rest. */
	void checkParams(String field, String type, Map<String, Object> params) {
		Remote remote = REMOTE.get(type);
		if (remote == null) {
			return;
		}
		for (String name : remote.pathParams()) {
			Object value = params.get(name);
			if (!(value instanceof String s) || s.isBlank() || s.length() > 255) {
				throw ApiException.validation(field + "." + name, "is required by " + type);
			}
		}
	}

}
