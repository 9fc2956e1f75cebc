package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import com.agentobs.synth.model.OrgPlan;

/**
 * The search documents of the seeded traces ({@code trace_search}), by the same function repairs use:
 * traces loaded by COPY bypass processing, whose search indexer fills the table for ingested ones.
 */
final class SearchIndexGenerator implements Generator {

	private static final String INDEX = "SELECT agentobs_index_trace_search(?, '-infinity', 'infinity')";

	@Override
	public String name() {
		return "search";
	}

	@Override
	public List<String> tables() {
		return List.of("trace_search");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		return Map.of("trace_search", "one document per trace, by agentobs_index_trace_search");
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		try (Connection c = context.open(); PreparedStatement ps = c.prepareStatement(INDEX)) {
			ps.setObject(1, context.workspaceId());
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return Map.of("trace_search", rs.getLong(1));
			}
		}
	}

}
