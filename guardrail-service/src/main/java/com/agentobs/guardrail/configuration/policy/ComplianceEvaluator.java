package com.agentobs.guardrail.configuration.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.guardrail.agentcontrol.AgentConfigurations;
import com.agentobs.guardrail.agentcontrol.AgentConfigurations.Snapshot;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * Recomputes {@code policy_evaluations} of a workspace: every active policy with a compliance rule,
 * for every agent in its scope, replaced whole in one transaction (readers see the old set or the
 * new one, never half). Runs on a schedule (every compliance interval) and right after a policy action.
 */
@Component
public class ComplianceEvaluator {

	private static final String CLEAR = "DELETE FROM policy_evaluations WHERE workspace_id = :ws";

	private static final String INSERT = """
			INSERT INTO policy_evaluations (workspace_id, policy_id, agent_id, policy_version, is_compliant, error, evaluated_at)
			SELECT :ws, CAST(e ->> 'p' AS uuid), CAST(e ->> 'a' AS uuid), CAST(e ->> 'v' AS integer),
			       CAST(e ->> 'c' AS boolean), e ->> 'err', :at
			FROM jsonb_array_elements(CAST(:rows AS jsonb)) e""";

	private static final String WORKSPACES = "SELECT agentobs_configuration_workspaces()";

	/** How many (policy, agent) pairs were evaluated and how many comply. */
	public record Result(int evaluated, int compliant) {
	}

	private final WorkspaceTransactions transactions;

	private final JdbcClient jdbc;

	private final GovernancePolicies policies;

	private final AgentConfigurations configs;

	private final CelRules cel;

	private final ObjectMapper mapper;

	private final Clock clock;

	ComplianceEvaluator(WorkspaceTransactions transactions, JdbcClient jdbc, GovernancePolicies policies,
			AgentConfigurations configs, CelRules cel, ObjectMapper mapper, Clock clock) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.policies = policies;
		this.configs = configs;
		this.cel = cel;
		this.mapper = mapper;
		this.clock = clock;
	}

	public int evaluateAll() {
		int evaluated = 0;
		for (UUID ws : this.jdbc.sql(WORKSPACES).query(UUID.class).list()) {
			evaluated += this.transactions.inWorkspace(ws, () -> evaluateInTransaction(ws)).evaluated();
		}
		return evaluated;
	}

	public Result evaluateInTransaction(UUID ws) {
		Instant now = this.clock.instant();
		List<Snapshot> agents = this.configs.all(ws);
		List<Map<String, Object>> rows = new ArrayList<>();
		int compliant = 0;
		for (GovernancePolicies.Policy p : this.policies.active(ws)) {
			if (p.complianceRule() == null) {
				continue;
			}
			for (Snapshot agent : agents) {
				if (!p.covers(agent.departmentCode(), agent.environment())) {
					continue;
				}
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("p", p.id().toString());
				row.put("a", agent.id().toString());
				row.put("v", p.version());
				boolean ok;
				try {
					ok = this.cel.evaluate(p.complianceRule(), Map.of(), PolicyGate.agentVariable(this.mapper, agent));
				}
				catch (Exception ex) {
					ok = false;
					row.put("err", String.valueOf(ex.getMessage()));
				}
				row.put("c", ok);
				compliant += ok ? 1 : 0;
				rows.add(row);
			}
		}
		this.jdbc.sql(CLEAR).param("ws", ws).update();
		if (!rows.isEmpty()) {
			this.jdbc.sql(INSERT)
				.param("ws", ws)
				.param("at", Timestamp.from(now))
				.param("rows", this.mapper.writeValueAsString(rows))
				.update();
		}
		return new Result(rows.size(), compliant);
	}

}
