package com.agentobs.processing.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workspace prices and cost recomputes (Cost tab, price settings): reads for viewers; every change an admin
 * action through the action runner (audited, Idempotency-Key, undo at {@code /api/v1/cost/actions/{id}/rollback},
 * which runs here because the handlers live here).
 */
@RestController
class PricesController {

	/** {@code POST /api/v1/cost/prices} and {@code PUT …/{price_id}}; prices in USD per 1M tokens. */
	record PriceRequest(String model, String provider, String kind, String catalogModel, BigDecimal inputPerMtok,
			BigDecimal outputPerMtok, BigDecimal cachedInputPerMtok, BigDecimal cacheWritePerMtok,
			BigDecimal reasoningPerMtok, String effectiveFrom, String note) {

		WorkspacePrice.Fields fields() {
			return new WorkspacePrice.Fields(this.model, this.provider, this.kind, this.catalogModel, this.inputPerMtok,
					this.outputPerMtok, this.cachedInputPerMtok, this.cacheWritePerMtok, this.reasoningPerMtok,
					(this.effectiveFrom != null) ? instant("effective_from", this.effectiveFrom) : null, this.note);
		}

	}

	/** {@code POST /api/v1/cost/recomputes}: ISO-8601 instants; scope {@code unknown} (default) or {@code all}. */
	record RecomputeRequest(String model, String from, String to, String scope) {
	}

	/** One catalog row as the price editor shows it (USD per 1M tokens). */
	record CatalogEntry(String model, String provider, String matchPattern, Instant effectiveFrom,
			BigDecimal inputPerMtok, BigDecimal outputPerMtok, BigDecimal cachedInputPerMtok,
			BigDecimal cacheWritePerMtok, BigDecimal reasoningPerMtok, BigDecimal totalPerMtok, Integer tierInputTokens,
			String sourceUrl) {
	}

	private final WorkspacePriceStore prices;

	private final RecomputeStore recomputes;

	private final WorkspaceTransactions transactions;

	private final ActionRunner actions;

	private final JdbcClient jdbc;

	PricesController(WorkspacePriceStore prices, RecomputeStore recomputes, WorkspaceTransactions transactions,
			ActionRunner actions, JdbcClient jdbc) {
		this.prices = prices;
		this.recomputes = recomputes;
		this.transactions = transactions;
		this.actions = actions;
		this.jdbc = jdbc;
	}

	// GET /api/v1/cost/prices
	@GetMapping("/api/v1/cost/prices")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<WorkspacePrice>> list(Caller caller) {
		long started = System.nanoTime();
		List<WorkspacePrice> list = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.prices.list(caller.workspaceId()));
		return ApiResponse.of(list, ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1, Math.max(1, list.size())));
	}

	// GET /api/v1/cost/prices/catalog: the platform catalog's rows, in the order entries are tried
	@GetMapping("/api/v1/cost/prices/catalog")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<CatalogEntry>> catalog(Caller caller) {
		long started = System.nanoTime();
		List<CatalogEntry> rows = this.transactions.inWorkspace(caller.workspaceId(), () -> this.jdbc.sql("""
				SELECT model, provider, match_pattern, effective_from, input_per_1m_usd, output_per_1m_usd,
				       cached_input_per_1m_usd, cache_write_per_1m_usd, reasoning_per_1m_usd, total_per_1m_usd,
				       tier_input_tokens, source_url
				FROM price_catalog ORDER BY position""")
			.query((rs, n) -> new CatalogEntry(rs.getString("model"), rs.getString("provider"),
					rs.getString("match_pattern"), rs.getDate("effective_from").toLocalDate().atStartOfDay()
						.toInstant(java.time.ZoneOffset.UTC),
					plain(rs.getBigDecimal("input_per_1m_usd")), plain(rs.getBigDecimal("output_per_1m_usd")),
					plain(rs.getBigDecimal("cached_input_per_1m_usd")), plain(rs.getBigDecimal("cache_write_per_1m_usd")),
					plain(rs.getBigDecimal("reasoning_per_1m_usd")), plain(rs.getBigDecimal("total_per_1m_usd")),
					(Integer) rs.getObject("tier_input_tokens"), rs.getString("source_url")))
			.list());
		return ApiResponse.of(rows, ResponseMeta.page(ResponseMeta.millisSince(started), false, rows.size(), 1, Math.max(1, rows.size())));
	}

	// POST /api/v1/cost/prices
	@PostMapping("/api/v1/cost/prices")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody(required = false) PriceRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		if (body == null) {
			throw ApiException.validation("model", "a JSON body is required");
		}
		return run(caller, PriceActions.CREATE, body.fields(), key);
	}

	// PUT /api/v1/cost/prices/{price_id}
	@PutMapping("/api/v1/cost/prices/{price_id}")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> update(@PathVariable("price_id") String priceId,
			@RequestBody(required = false) PriceRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		if (body == null) {
			throw ApiException.validation("model", "a JSON body is required");
		}
		return run(caller, PriceActions.UPDATE, new PriceActions.Change(uuid("price_id", priceId), body.fields()), key);
	}

	// DELETE /api/v1/cost/prices/{price_id}
	@DeleteMapping("/api/v1/cost/prices/{price_id}")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> delete(@PathVariable("price_id") String priceId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		return run(caller, PriceActions.DELETE, new PriceActions.Ref(uuid("price_id", priceId)), key);
	}

	// POST /api/v1/cost/recomputes {model, from, to, scope}
	@PostMapping("/api/v1/cost/recomputes")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> recompute(@RequestBody(required = false) RecomputeRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		if (body == null) {
			throw ApiException.validation("model", "a JSON body is required");
		}
		RecomputeAction.Params params = new RecomputeAction.Params(body.model(), instant("from", body.from()),
				instant("to", body.to()), body.scope());
		return run(caller, RecomputeAction.TYPE, params, key);
	}

	// GET /api/v1/cost/recomputes?limit=
	@GetMapping("/api/v1/cost/recomputes")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Recompute>> recomputes(@RequestParam(name = "limit", defaultValue = "20") int limit,
			Caller caller) {
		long started = System.nanoTime();
		if (limit < 1 || limit > 200) {
			throw ApiException.validation("limit", "must be between 1 and 200");
		}
		List<Recompute> list = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.recomputes.list(caller.workspaceId(), limit));
		return ApiResponse.of(list, ResponseMeta.page(ResponseMeta.millisSince(started), false, list.size(), 1, limit));
	}

	// GET /api/v1/cost/recomputes/{recompute_id}
	@GetMapping("/api/v1/cost/recomputes/{recompute_id}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Recompute> recompute(@PathVariable("recompute_id") String recomputeId, Caller caller) {
		long started = System.nanoTime();
		UUID id = uuid("recompute_id", recomputeId);
		Recompute run = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.recomputes.find(caller.workspaceId(), id))
			.orElseThrow(() -> ApiException.notFound("cost_recompute", recomputeId));
		return ApiResponse.of(run, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// POST /api/v1/cost/actions/{action_id}/rollback: undo of model_price.* and cost.recompute
	@PostMapping("/api/v1/cost/actions/{action_id}/rollback")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> rollback(@PathVariable("action_id") String actionId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.rollback(caller, uuid("action_id", actionId), key);
		return ActionResponses.created(record, started);
	}

	private ResponseEntity<ApiResponse<ActionRecord>> run(Caller caller, String type, Object params, String key) {
		long started = System.nanoTime();
		ActionRecord record = this.actions.run(caller, type, params, key);
		return ActionResponses.created(record, started);
	}

	private static BigDecimal plain(BigDecimal v) {
		if (v == null) {
			return null;
		}
		BigDecimal s = v.stripTrailingZeros();
		return (s.scale() < 0) ? s.setScale(0) : s;
	}

	static UUID uuid(String field, String value) {
		if (value == null || value.isBlank()) {
			throw ApiException.validation(field, "is required");
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation(field, "must be a UUID");
		}
	}

	static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			throw ApiException.validation(field, "is required");
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.validation(field, "must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z");
		}
	}


}
