package com.agentobs.synth.generator;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.OrgPlan.AgentPlan;
import com.agentobs.synth.model.Rng;

/**
 * The Cost tab's pricing panels: two workspace prices (an Azure deployment name priced as the catalog's
 * {@code gpt-4o}, a self-hosted Llama at its hosting cost) and unpriced traffic: {@value #PER_DAY} requests a
 * day from a fine-tuned model no catalog entry matches ({@value #UNPRICED_MODEL}), stored as processing stores
 * them (cost NULL, {@code cost_source = unknown}), so the unpriced panel has rows and "add a price, recompute"
 * has something to re-price. Runs before {@code rollups}, which count these traces.
 */
final class PricingGenerator implements Generator {

	static final String UNPRICED_MODEL = "acme-support-ft-v2";

	static final int PER_DAY = 40;

	private static final String INSERT_PRICE = """
			INSERT INTO workspace_prices (workspace_id, model, provider, kind, catalog_model, input_per_1m_usd,
			                              output_per_1m_usd, note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private static final String INSERT_TRACE = """
			INSERT INTO traces (trace_id, workspace_id, agent_id, timestamp, input, output, latency_ms, status, model,
			                    tokens_input, tokens_output, tokens_total, cost_usd, cost_source, department_id,
			                    environment, version, agent_version, intent_category, sample_rate, span_count,
			                    created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'success', ?, ?, ?, ?, NULL, 'unknown', ?, ?, ?, ?, ?, 1, 0, ?, ?)
			""";

	@Override
	public String name() {
		return "pricing";
	}

	@Override
	public List<String> tables() {
		return List.of("workspace_prices");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		Map<String, String> rows = new LinkedHashMap<>();
		rows.put("workspace_prices", "2");
		rows.put("traces (unpriced " + UNPRICED_MODEL + ")", String.valueOf(plan.days() * PER_DAY));
		return rows;
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		Rng rng = Rng.of(plan.options().seed(), "pricing");
		List<AgentPlan> agents = plan.agents().stream().filter((a) -> !a.deprecated()).limit(3).toList();
		if (agents.isEmpty()) {
			agents = plan.agents().stream().limit(1).toList();
		}
		long traces = 0;
		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			try (PreparedStatement ps = c.prepareStatement(INSERT_PRICE)) {
				price(ps, plan, "prod-gpt4o-eu", "azure", "deployment", "gpt-4o", null, null,
						"Azure OpenAI deployment of gpt-4o (West Europe)");
				price(ps, plan, "llama-3.3-70b-selfhosted", "self-hosted", "self_hosted", null, new BigDecimal("0.35"),
						new BigDecimal("0.35"), "GPU hosting cost per 1M tokens, Q4 estimate");
				ps.executeBatch();
			}
			if (!agents.isEmpty()) {
				try (PreparedStatement ps = c.prepareStatement(INSERT_TRACE)) {
					long span = plan.historyEndMillis() - plan.startMillis();
					for (int i = 0; i < plan.days() * PER_DAY; i++) {
						AgentPlan a = agents.get(i % agents.size());
						long at = plan.startMillis() + (long) (rng.nextDouble() * span);
						int in = rng.between(200, 2000);
						int out = rng.between(50, 500);
						Timestamp ts = new Timestamp(at);
						ps.setString(1, "unpriced-%05d".formatted(i));
						ps.setObject(2, plan.workspaceId());
						ps.setString(3, a.agentId());
						ps.setTimestamp(4, ts);
						ps.setString(5, "Where is my order?");
						ps.setString(6, "It ships tomorrow.");
						ps.setInt(7, rng.between(400, 2000));
						ps.setString(8, UNPRICED_MODEL);
						ps.setInt(9, in);
						ps.setInt(10, out);
						ps.setInt(11, in + out);
						ps.setObject(12, a.department().id());
						ps.setString(13, a.environment());
						ps.setString(14, a.version());
						ps.setString(15, a.version());
						ps.setString(16, a.department().spec().primaryIntents().get(0));
						ps.setTimestamp(17, ts);
						ps.setTimestamp(18, ts);
						ps.addBatch();
						traces++;
					}
					ps.executeBatch();
				}
			}
			c.commit();
		}
		Map<String, Long> written = new LinkedHashMap<>();
		written.put("workspace_prices", 2L);
		written.put("traces (unpriced " + UNPRICED_MODEL + ")", traces);
		return written;
	}

	private static void price(PreparedStatement ps, OrgPlan plan, String model, String provider, String kind,
			String catalogModel, BigDecimal input, BigDecimal output, String note) throws Exception {
		ps.setObject(1, plan.workspaceId());
		ps.setString(2, model);
		ps.setString(3, provider);
		ps.setString(4, kind);
		ps.setString(5, catalogModel);
		ps.setBigDecimal(6, input);
		ps.setBigDecimal(7, output);
		ps.setString(8, note);
		ps.addBatch();
	}

}
