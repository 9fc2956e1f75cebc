package com.agentobs.synth.generator;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.SynthSpec;

/** What every generator gets: the plan, connections as the owner role, stderr for progress. */
public final class SeedContext {

	private static final String SELECT_PRICES = """
			SELECT DISTINCT ON (model) model, price_per_1k_tokens_usd
			FROM model_prices
			WHERE workspace_id IS NULL OR workspace_id = ?
			ORDER BY model, workspace_id NULLS LAST, effective_from DESC
			""";

	private final String url;

	private final String user;

	private final String password;

	private final OrgPlan plan;

	private final PrintStream err;

	private final boolean interactive;

	public SeedContext(String url, String user, String password, OrgPlan plan, PrintStream err, boolean interactive) {
		this.url = url;
		this.user = user;
		this.password = password;
		this.plan = plan;
		this.err = err;
		this.interactive = interactive;
	}

	public OrgPlan plan() {
		return plan;
	}

	public UUID workspaceId() {
		return plan.workspaceId();
	}

	public Connection open() throws SQLException {
		return DriverManager.getConnection(url, user, password);
	}

	public Progress progress(String label, long total) {
		return new Progress(err, label, total, interactive);
	}

	public PrintStream err() {
		return err;
	}

	/**
	 * Price per 1k tokens in nano-USD per model, from model_prices (V003 seeds the spec's prices); a
	 * model missing there falls back to the spec table.
	 */
	Map<String, Long> pricesNanoPer1k(Connection connection) throws SQLException {
		Map<String, Long> prices = new HashMap<>();
		SynthSpec.MODEL_PRICES.forEach((m, p) -> prices.put(m, BigDecimal.valueOf(p).movePointRight(9).longValue()));
		try (PreparedStatement ps = connection.prepareStatement(SELECT_PRICES)) {
			ps.setObject(1, workspaceId());
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					prices.put(rs.getString(1), rs.getBigDecimal(2).movePointRight(9).longValue());
				}
			}
		}
		return prices;
	}

}
