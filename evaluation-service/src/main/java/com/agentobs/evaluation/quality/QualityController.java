package com.agentobs.evaluation.quality;

import java.util.List;
import java.util.function.Function;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.contracts.web.FilterDefaults;
import com.agentobs.evaluation.quality.QualityResponses.CriterionScore;
import com.agentobs.evaluation.quality.QualityResponses.EvaluatorAgreement;
import com.agentobs.evaluation.quality.QualityResponses.GroupScore;
import com.agentobs.evaluation.quality.QualityResponses.IntentScore;
import com.agentobs.evaluation.quality.QualityResponses.LowScore;
import com.agentobs.evaluation.quality.QualityResponses.Overview;
import com.agentobs.evaluation.quality.QualityResponses.QualityCost;
import com.agentobs.evaluation.quality.QualityResponses.TraceScores;
import com.agentobs.evaluation.quality.QualityResponses.TrendPoint;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Quality tab's reads: standard filters (default range 7 d), the envelope, viewer role. */
@RestController
@RequestMapping("/api/v1/quality")
@RequiresRole(Role.VIEWER)
class QualityController {

	private final QualityQueries queries;

	private final WorkspaceTransactions transactions;

	QualityController(QualityQueries queries, WorkspaceTransactions transactions) {
		this.queries = queries;
		this.transactions = transactions;
	}

	// GET /api/v1/quality/overview
	@GetMapping("/overview")
	ApiResponse<Overview> overview(@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters, Caller caller) {
		return read(filters, caller, this.queries::overview);
	}

	// GET /api/v1/quality/trend
	@GetMapping("/trend")
	ApiResponse<List<TrendPoint>> trend(@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			Caller caller) {
		return read(filters, caller, this.queries::trend);
	}

	// GET /api/v1/quality/by-agent?limit= (lowest average first)
	@GetMapping("/by-agent")
	ApiResponse<List<GroupScore>> byAgent(@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			Caller caller) {
		return read(filters, caller, (f) -> this.queries.byAgent(f, f.limit()));
	}

	// GET /api/v1/quality/score-distribution (per department, with score bands)
	@GetMapping({ "/score-distribution", "/by-department" })
	ApiResponse<List<GroupScore>> byDepartment(@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			Caller caller) {
		return read(filters, caller, this.queries::byDepartment);
	}

	// GET /api/v1/quality/version-comparison
	@GetMapping("/version-comparison")
	ApiResponse<List<GroupScore>> byVersion(@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			Caller caller) {
		return read(filters, caller, this.queries::byVersion);
	}

	// GET /api/v1/quality/by-rubric: average score per rubric criterion
	@GetMapping("/by-rubric")
	ApiResponse<List<CriterionScore>> byRubric(@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			Caller caller) {
		return read(filters, caller, this.queries::byCriterion);
	}

	// GET /api/v1/quality/vs-cost?limit=: per agent, average score against cost per request
	@GetMapping("/vs-cost")
	ApiResponse<List<QualityCost>> versusCost(@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			Caller caller) {
		return read(filters, caller, (f) -> this.queries.versusCost(f, Math.max(f.limit(), 1)));
	}

	// GET /api/v1/quality/by-intent?limit=: lowest-scoring intents first (at least 5 scores each)
	@GetMapping("/by-intent")
	ApiResponse<List<IntentScore>> byIntent(@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			Caller caller) {
		return read(filters, caller, (f) -> this.queries.byIntent(f, f.limit()));
	}

	// GET /api/v1/quality/agreement: per rubric and automated evaluator, Cohen's kappa (pass/fail) and Pearson
	@GetMapping("/agreement")
	ApiResponse<List<EvaluatorAgreement>> agreement(
			@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters, Caller caller) {
		return read(filters, caller, this.queries::agreement);
	}

	// GET /api/v1/quality/low-scores?max_score=&limit=
	@GetMapping("/low-scores")
	ApiResponse<List<LowScore>> lowScores(@FilterDefaults(range = TimeRange.LAST_7D) StandardFilters filters,
			@RequestParam(name = "max_score", required = false) Double maxScore, Caller caller) {
		if (maxScore != null && (maxScore < 0 || maxScore > 100)) {
			throw ApiException.validation("max_score", "must be between 0 and 100");
		}
		return read(filters, caller, (f) -> this.queries.lowScores(f, maxScore, f.limit()));
	}

	// GET /api/v1/quality/traces/{trace_id}: the trace with every score, criterion and judge reasoning
	@GetMapping("/traces/{trace_id}")
	ApiResponse<TraceScores> trace(@PathVariable("trace_id") String traceId, Caller caller) {
		long started = System.nanoTime();
		if (traceId.length() > 64) {
			throw ApiException.validation("trace_id", "at most 64 characters");
		}
		TraceScores scores = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.queries.traceScores(caller.workspaceId(), traceId))
			.orElseThrow(() -> ApiException.notFound("trace", traceId));
		return ApiResponse.of(scores, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	private <T> ApiResponse<T> read(StandardFilters filters, Caller caller, Function<StandardFilters, T> query) {
		long started = System.nanoTime();
		StandardFilters scoped = filters.withWorkspace(caller.workspaceId());
		T data = this.transactions.inWorkspace(caller.workspaceId(), () -> query.apply(scoped));
		return ApiResponse.of(data, ResponseMeta.single(ResponseMeta.millisSince(started), false),
				scoped.applied());
	}

}
