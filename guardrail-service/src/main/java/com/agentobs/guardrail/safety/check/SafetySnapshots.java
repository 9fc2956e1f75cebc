package com.agentobs.guardrail.safety.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.guardrail.safety.detect.CustomPattern;
import com.agentobs.guardrail.safety.detect.Detectors;
import com.agentobs.guardrail.safety.policy.GuardrailPolicy;
import com.agentobs.guardrail.safety.policy.PolicyConfig;
import com.agentobs.guardrail.safety.policy.PolicyStore;
import com.agentobs.guardrail.system.ChangeSubscriber;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per workspace, the active policies compiled for the inline check and the agents' department,
 * environment and quarantine switch: one load, then served from memory. A change to a policy or
 * an agent notifies every instance at commit ({@code agentobs_guardrail_policy},
 * {@code agentobs_agent_config}) and drops the workspace's snapshot, so the next check sees it
 * within milliseconds. While the change listener is down nothing is served from memory.
 */
@Component
public class SafetySnapshots implements ChangeSubscriber {

	static final String POLICY_CHANNEL = "agentobs_guardrail_policy";

	static final String AGENT_CHANNEL = "agentobs_agent_config";

	private static final String AGENTS = """
			SELECT a.agent_id, d.department_code, a.environment, a.is_quarantined
			FROM agents a LEFT JOIN departments d ON d.id = a.department_id AND d.workspace_id = a.workspace_id
			WHERE a.workspace_id = :ws""";

	/** An agent as policies scope it. */
	public record AgentProfile(String agentId, String department, String environment, boolean quarantined) {
	}

	/** A workspace's active policies, the detectors they need, and its agents. */
	public record Snapshot(List<GuardrailPolicy> policies, Detectors detectors, Map<String, AgentProfile> agents) {

		public AgentProfile agent(String agentId) {
			AgentProfile known = this.agents.get(agentId);
			return (known != null) ? known : new AgentProfile(agentId, null, null, false);
		}

	}

	private final Map<UUID, Snapshot> snapshots = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final WorkspaceTransactions transactions;

	private final PolicyStore policies;

	private final JdbcClient jdbc;

	private volatile boolean listening;

	SafetySnapshots(WorkspaceTransactions transactions, PolicyStore policies, JdbcClient jdbc) {
		this.transactions = transactions;
		this.policies = policies;
		this.jdbc = jdbc;
	}

	public Snapshot get(UUID workspaceId) {
		Snapshot cached = this.listening ? this.snapshots.get(workspaceId) : null;
		if (cached != null) {
			return cached;
		}
		long before = this.generation.get();
		Snapshot loaded = this.transactions.inWorkspace(workspaceId, () -> load(workspaceId));
		if (this.listening && this.generation.get() == before) {
			this.snapshots.put(workspaceId, loaded);
		}
		return loaded;
	}

	private Snapshot load(UUID ws) {
		List<GuardrailPolicy> active = this.policies.list(ws).stream().filter(GuardrailPolicy::isActive).toList();
		List<CustomPattern> patterns = new ArrayList<>();
		for (GuardrailPolicy policy : active) {
			for (PolicyConfig.NamedPattern p : policy.config().patterns()) {
				patterns.add(CustomPattern.compile(policy.id() + ":" + p.name(), p.pattern()));
			}
		}
		Map<String, AgentProfile> agents = new HashMap<>();
		this.jdbc.sql(AGENTS).param("ws", ws).query((rs) -> {
			agents.put(rs.getString(1),
					new AgentProfile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
		});
		return new Snapshot(active, Detectors.of(patterns, Set.of()), Map.copyOf(agents));
	}

	/** Drops a workspace's snapshot at once (after this instance's own change commits). */
	public void evict(UUID workspaceId) {
		this.generation.incrementAndGet();
		this.snapshots.remove(workspaceId);
	}

	@Override
	public Set<String> channels() {
		return Set.of(POLICY_CHANNEL, AGENT_CHANNEL);
	}

	@Override
	public void onNotification(String channel, String payload) {
		String ws = (payload == null) ? "" : payload.split(" ", 2)[0];
		try {
			evict(UUID.fromString(ws));
		}
		catch (IllegalArgumentException ex) {
			this.generation.incrementAndGet();
			this.snapshots.clear();
		}
	}

	@Override
	public void setListening(boolean listening) {
		this.listening = listening;
		this.generation.incrementAndGet();
		this.snapshots.clear();
	}

}
