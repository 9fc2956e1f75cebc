package com.agentobs.guardrail.configuration.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.guardrail.agentcontrol.AgentConfigurations.Snapshot;
import com.agentobs.guardrail.configuration.diff.JsonPatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Evaluates every active, enforced policy with a change rule on a proposed change (inside the
 * caller's workspace transaction). A rule that fails to evaluate counts as a match: a broken rule
 * holds changes for approval rather than letting them through.
 */
@Component
public class PolicyGate {

	private static final Logger log = LoggerFactory.getLogger(PolicyGate.class);

	/** One matched policy. */
	public record Match(UUID policyId, String name, String effect, int requiredApprovals, String error) {
	}

	/** What the policies say about a change: the matches, and the decision they add up to. */
	public record Verdict(List<Match> matches, boolean denied, boolean needsApproval, int requiredApprovals) {
	}

	private final GovernancePolicies policies;

	private final CelRules cel;

	private final ObjectMapper mapper;

	PolicyGate(GovernancePolicies policies, CelRules cel, ObjectMapper mapper) {
		this.policies = policies;
		this.cel = cel;
		this.mapper = mapper;
	}

	public Verdict evaluate(UUID ws, Snapshot agent, JsonNode before, JsonNode after) {
		Map<String, Object> change = changeVariable(before, after);
		Map<String, Object> agentVar = agentVariable(this.mapper, agent);
		List<Match> matches = new ArrayList<>();
		for (GovernancePolicies.Policy p : this.policies.active(ws)) {
			if (p.changeRule() == null || !"enforce".equals(p.mode())
					|| !p.covers(agent.departmentCode(), agent.environment())) {
				continue;
			}
			try {
				if (this.cel.evaluate(p.changeRule(), change, agentVar)) {
					matches.add(new Match(p.id(), p.name(), p.effect(), p.requiredApprovals(), null));
				}
			}
			catch (Exception ex) {
				log.info("Policy {} failed to evaluate on a change of {}: {} [workspace_id={}]", p.id(),
						agent.agentKey(), ex.getMessage(), ws);
				matches.add(new Match(p.id(), p.name(),
						"deny".equals(p.effect()) ? "deny" : "require_approval", p.requiredApprovals(),
						String.valueOf(ex.getMessage())));
			}
		}
		boolean denied = matches.stream().anyMatch((m) -> "deny".equals(m.effect()));
		boolean approval = matches.stream().anyMatch((m) -> "require_approval".equals(m.effect()));
		int required = matches.stream()
			.filter((m) -> "require_approval".equals(m.effect()))
			.mapToInt(Match::requiredApprovals)
			.max()
			.orElse(0);
		return new Verdict(List.copyOf(matches), denied, approval, required);
	}

	/** {@code change}: the changed top-level keys, the JSON Patch paths, and both documents. */
	Map<String, Object> changeVariable(JsonNode before, JsonNode after) {
		List<JsonPatch.Operation> patch = JsonPatch.diff(before, after);
		Set<String> keys = new LinkedHashSet<>();
		for (JsonPatch.Operation op : patch) {
			String first = op.path().isEmpty() ? "" : op.path().substring(1).split("/", -1)[0];
			keys.add(first.replace("~1", "/").replace("~0", "~"));
		}
		Map<String, Object> change = new LinkedHashMap<>();
		change.put("keys", List.copyOf(keys));
		change.put("paths", JsonPatch.paths(patch));
		change.put("before", toMap(this.mapper, before));
		change.put("after", toMap(this.mapper, after));
		return change;
	}

	/** {@code agent}: its key, logical key, environment, department, critical flag and configuration. */
	static Map<String, Object> agentVariable(ObjectMapper mapper, Snapshot agent) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("agent_id", agent.agentKey());
		out.put("logical_key", agent.logicalKey());
		out.put("environment", agent.environment());
		out.put("department", agent.departmentCode());
		out.put("critical", agent.critical());
		out.put("config", toMap(mapper, agent.actual()));
		return out;
	}

	static Map<String, Object> toMap(ObjectMapper mapper, JsonNode node) {
		return (node != null) ? mapper.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {
		}) : Map.of();
	}

}
