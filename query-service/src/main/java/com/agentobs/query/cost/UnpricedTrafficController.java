package com.agentobs.query.cost;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.cache.CacheTtl;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.web.FilterDefaults;
import com.agentobs.query.fleetdata.Departments;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Tiers;
import com.agentobs.query.system.Responder;
import com.agentobs.query.system.View;
import com.agentobs.query.system.ViewSpec;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cost tab, unpriced traffic: requests and tokens per model of the traces whose cost is unknown (no
 * price matched their model, so {@code cost_usd} is NULL and the cost totals leave them out), so that
 * missing spend is visible and a price can be added. A trace counts when it names a model or has tokens;
 * requests and tokens are weighted by {@code sample_rate}. Raw traces: the rollups do not keep unpriced
 * traffic apart.
 */
@RestController
@RequestMapping("/api/v1/cost")
@RequiresRole(Role.VIEWER)
class UnpricedTrafficController {

	/** Models with the most unpriced requests first; at most {@value #LIMIT}. */
	static final int LIMIT = 50;

	static final String UNPRICED_BY_MODEL = """
			SELECT t.model, max(t.model_provider) AS provider, sum(t.sample_rate)::BIGINT AS requests,
			       COALESCE(sum(t.sample_rate::BIGINT * t.tokens_input), 0)::BIGINT AS tokens_input,
			       COALESCE(sum(t.sample_rate::BIGINT * t.tokens_output), 0)::BIGINT AS tokens_output,
			       COALESCE(sum(t.sample_rate::BIGINT * t.tokens_total), 0)::BIGINT AS tokens_total,
			       max(t.timestamp) AS last_seen
			FROM traces t
			WHERE t.workspace_id = :ws AND t.timestamp >= :from AND t.timestamp < :to
			  AND t.cost_usd IS NULL AND (t.model IS NOT NULL OR COALESCE(t.tokens_total, 0) > 0)""";

	/** One model's unpriced traffic; {@code model} is null for traces that name none. */
	record UnpricedModel(String model, String provider, long requests, long tokensInput, long tokensOutput,
			long tokensTotal, Instant lastSeen) {
	}

	private final Responder responder;

	private final Departments departments;

	private final JdbcClient jdbc;

	UnpricedTrafficController(Responder responder, Departments departments, JdbcClient jdbc) {
		this.responder = responder;
		this.departments = departments;
		this.jdbc = jdbc;
	}

	@GetMapping("/unpriced-models")
	ResponseEntity<?> unpricedModels(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(required = false) String format) {
		return this.responder.respond(caller, filters, ViewSpec.of("cost_unpriced", CacheTtl.WARM, "", format),
				this::unpriced);
	}

	View unpriced(StandardFilters f) {
		Scope scope = this.departments.scope(f);
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = UNPRICED_BY_MODEL + scope.sqlFilters("t", params)
				+ "\nGROUP BY t.model ORDER BY requests DESC, t.model NULLS LAST LIMIT " + LIMIT;
		params.put("from", Tiers.at(f.from()));
		params.put("to", Tiers.at(f.to()));
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql);
		for (Map.Entry<String, Object> p : params.entrySet()) {
			spec = spec.param(p.getKey(), p.getValue());
		}
		List<UnpricedModel> rows = spec.query((rs, n) -> new UnpricedModel(rs.getString("model"),
				rs.getString("provider"), rs.getLong("requests"), rs.getLong("tokens_input"), rs.getLong("tokens_output"),
				rs.getLong("tokens_total"), rs.getTimestamp("last_seen").toInstant()))
			.list();
		long requests = rows.stream().mapToLong(UnpricedModel::requests).sum();
		return View.of(rows, Map.of("unpriced_requests", requests, "models_count", rows.size()));
	}

}
