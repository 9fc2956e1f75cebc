package com.agentobs.guardrail.configuration.drift;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.guardrail.agentcontrol.AgentConfigurations;
import com.agentobs.guardrail.agentcontrol.AgentConfigurations.Snapshot;
import com.agentobs.guardrail.configuration.GovernanceProperties;
import com.agentobs.guardrail.configuration.diff.JsonPatch;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One drift check of a workspace, two kinds per agent:
 * <ul>
 * <li>{@code desired_vs_observed}: the agent's row differs from its current version (changed behind
 * the platform's back) in a path that is neither ignored nor owned by another action, or the agent
 * reported another hash than the one it is served more than {@code toleratedMismatches} times in a row
 * (heartbeats, or {@code metadata.config_hash} on its recent traces);</li>
 * <li>{@code env_vs_production}: a non-production agent differs from the production agent with the
 * same logical key in a path no ignore rule covers.</li>
 * </ul>
 * The finding per agent and kind is replaced on every check, so a reconcile clears it at the next one.
 */
@Component
public class DriftChecker {

	static final String PRODUCTION = "production";

	/** The latest trace per agent that carries metadata.config_hash, newer than its stored report. */
	private static final String TRACE_OBSERVATIONS = """
			SELECT DISTINCT ON (t.agent_id) t.agent_id, t.metadata ->> 'config_hash' AS config_hash, t.timestamp
			FROM traces t
			WHERE t.workspace_id = :ws AND t.timestamp > :since AND t.timestamp <= :now AND t.metadata ->> 'config_hash' IS NOT NULL
			ORDER BY t.agent_id, t.timestamp DESC""";

	private static final String WORKSPACES = "SELECT agentobs_configuration_workspaces()";

	/** What one check found. */
	public record Result(int agents, int drifted, int desiredVsObserved, int envVsProduction) {
	}

	private final WorkspaceTransactions transactions;

	private final JdbcClient jdbc;

	private final AgentConfigurations configs;

	private final ObservedStates observed;

	private final IgnoreRules ignoreRules;

	private final DriftFindings findings;

	private final GovernanceProperties properties;

	private final Clock clock;

	DriftChecker(WorkspaceTransactions transactions, JdbcClient jdbc, AgentConfigurations configs,
			ObservedStates observed, IgnoreRules ignoreRules, DriftFindings findings, GovernanceProperties properties,
			Clock clock) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.configs = configs;
		this.observed = observed;
		this.ignoreRules = ignoreRules;
		this.findings = findings;
		this.properties = properties;
		this.clock = clock;
	}

	/** Checks every workspace that has agents (the scheduled pass). */
	public int checkAll() {
		int drifted = 0;
		for (UUID ws : this.jdbc.sql(WORKSPACES).query(UUID.class).list()) {
			drifted += check(ws).drifted();
		}
		return drifted;
	}

	/** Checks one workspace in its own transaction. */
	public Result check(UUID ws) {
		return this.transactions.inWorkspace(ws, () -> checkInTransaction(ws));
	}

	/** Checks one workspace inside the caller's workspace transaction (a reconcile re-checks at once). */
	public Result checkInTransaction(UUID ws) {
		Instant now = this.clock.instant();
		List<Snapshot> agents = this.configs.all(ws);
		recordTraceObservations(ws, agents, now);
		List<IgnoreRules.Rule> rules = this.ignoreRules.all(ws);
		Map<UUID, ObservedStates.Observed> reports = this.observed.all(ws);
		Map<String, Snapshot> production = new HashMap<>();
		for (Snapshot s : agents) {
			if (PRODUCTION.equals(s.environment())) {
				production.putIfAbsent(s.logicalKey(), s);
			}
		}
		int drifted = 0;
		int dvo = 0;
		int evp = 0;
		for (Snapshot s : agents) {
			boolean any = false;
			List<String> paths = (s.desired() != null && !s.desiredHash().equals(s.actualHash()))
					? notIgnored(JsonPatch.paths(JsonPatch.diff(s.desired(), s.actual())), s, rules, true) : List.of();
			ObservedStates.Observed report = reports.get(s.id());
			boolean runsOther = report != null && report.mismatchCount() > this.properties.toleratedMismatches()
					&& !report.observedHash().equals(s.actualHash());
			boolean dvoDrifted = !paths.isEmpty() || runsOther;
			this.findings.upsert(ws, new DriftFindings.Finding(s.id(), DriftFindings.DESIRED_VS_OBSERVED, dvoDrifted,
					paths, (s.desiredHash() != null) ? s.desiredHash() : s.actualHash(),
					(report != null) ? report.observedHash() : s.actualHash(), null, now));
			if (dvoDrifted) {
				dvo++;
				any = true;
			}
			Snapshot prod = production.get(s.logicalKey());
			if (!PRODUCTION.equals(s.environment()) && prod != null && !prod.id().equals(s.id())) {
				List<String> envPaths = notIgnored(JsonPatch.paths(JsonPatch.diff(prod.actual(), s.actual())), s,
						rules, false);
				this.findings.upsert(ws, new DriftFindings.Finding(s.id(), DriftFindings.ENV_VS_PRODUCTION,
						!envPaths.isEmpty(), envPaths, prod.actualHash(), s.actualHash(), prod.id(), now));
				if (!envPaths.isEmpty()) {
					evp++;
					any = true;
				}
			}
			if (any) {
				drifted++;
			}
		}
		return new Result(agents.size(), drifted, dvo, evp);
	}

	/** The drifted paths after ignore rules (and, between a row and its version, the owned paths). */
	List<String> notIgnored(List<String> paths, Snapshot agent, List<IgnoreRules.Rule> rules, boolean skipOwned) {
		List<String> out = new ArrayList<>();
		for (String path : paths) {
			boolean ignored = rules.stream()
				.anyMatch((r) -> r.covers(path, agent.environment(), agent.agentKey(), agent.logicalKey()));
			boolean owned = skipOwned && this.properties.ownedPaths()
				.stream()
				.anyMatch((o) -> path.equals(o) || path.startsWith(o + "/"));
			if (!ignored && !owned) {
				out.add(path);
			}
		}
		return out;
	}

	private void recordTraceObservations(UUID ws, List<Snapshot> agents, Instant now) {
		Map<String, Snapshot> byKey = new HashMap<>();
		agents.forEach((s) -> byKey.put(s.agentKey(), s));
		this.jdbc.sql(TRACE_OBSERVATIONS)
			.param("ws", ws)
			.param("since", Timestamp.from(now.minus(this.properties.traceLookback())))
			.param("now", Timestamp.from(now))
			.query((rs) -> {
				Snapshot s = byKey.get(rs.getString("agent_id"));
				String hash = rs.getString("config_hash");
				if (s != null && hash != null && hash.matches("[0-9a-f]{64}")) {
					this.observed.report(ws, s.id(), hash, s.actualHash(), "trace", null,
							rs.getObject("timestamp", OffsetDateTime.class).toInstant());
				}
			});
	}

}
