package com.agentobs.query.traces;

import com.agentobs.contracts.cache.CacheTtl;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.web.FilterDefaults;
import com.agentobs.query.system.Responder;
import com.agentobs.query.system.ViewSpec;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Drill-down: trace search (filters, full text, sort, cursor) and one trace with its timeline. */
@RestController
@RequestMapping("/api/v1/traces")
class TraceController {

	private final Responder responder;

	private final TraceQueries queries;

	TraceController(Responder responder, TraceQueries queries) {
		this.responder = responder;
		this.queries = queries;
	}

	@GetMapping
	ResponseEntity<?> search(Caller caller, @FilterDefaults(range = TimeRange.LAST_24H) StandardFilters filters,
			@RequestParam(required = false) String status, @RequestParam(required = false) String model,
			@RequestParam(name = "intent_category", required = false) String intentCategory,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String format) {
		TraceQueries.Search search = new TraceQueries.Search(blank(status), blank(model), blank(intentCategory),
				(q != null) ? q.strip() : null, sort);
		ViewSpec spec = ViewSpec.of("traces", CacheTtl.HOT, "", format)
			.param("status", search.status())
			.param("model", search.model())
			.param("intent_category", search.intentCategory())
			.param("q", search.q())
			.param("sort", search.sort());
		return this.responder.respond(caller, filters, spec, (f) -> this.queries.search(f, search));
	}

	@GetMapping("/{traceId}")
	ResponseEntity<?> detail(Caller caller, @FilterDefaults(range = TimeRange.LAST_24H) StandardFilters filters,
			@PathVariable String traceId) {
		return this.responder.respond(caller, filters,
				// hot: its scores and violations are written behind the trace, by services that bump no data version
				ViewSpec.of("trace_detail", CacheTtl.HOT, null, null).param("trace_id", traceId),
				(f) -> this.queries.detail(f, traceId));
	}

	private static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
