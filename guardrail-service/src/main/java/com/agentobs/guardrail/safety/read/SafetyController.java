package com.agentobs.guardrail.safety.read;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
import com.agentobs.guardrail.safety.policy.GuardrailPolicy;
import com.agentobs.guardrail.safety.policy.PolicyStore;
import com.agentobs.guardrail.safety.violation.ViolationStore;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Safety tab's reads: KPIs, charts 6.1–6.7, the violation list and the audit trail (JSON or CSV). */
@RestController
@RequestMapping("/api/v1/safety")
@RequiresRole(Role.VIEWER)
class SafetyController {

	static final List<String> POLICY_TYPES = List.of("pii", "secret", "prompt_injection", "toxicity", "custom");

	// GET /api/v1/safety/overview
	record OverviewResponse(long totalViolations, double violationsPer1kRequests, long blocked, long redacted,
			long piiDetections, double policyCompliancePct, double falsePositiveRate, long requests, long checks,
			long checksBlocked, Double checkP50Ms, Double checkP99Ms) {
	}

	// GET /api/v1/safety/violation-trends
	record TrendPoint(String bucket, Map<String, Long> byCategory, long total) {
	}

	// GET /api/v1/safety/compliance-by-department
	record DepartmentCompliance(String department, long requests, long violations, long blocked,
			double compliancePct) {
	}

	// GET /api/v1/safety/policy-coverage
	record DepartmentCoverage(String department, int agents, Map<String, Integer> coveredAgents, double coveragePct) {
	}

	private final SafetyQueries queries;

	private final PolicyStore policies;

	private final WorkspaceTransactions transactions;

	SafetyController(SafetyQueries queries, PolicyStore policies, WorkspaceTransactions transactions) {
		this.queries = queries;
		this.policies = policies;
		this.transactions = transactions;
	}

	@GetMapping("/overview")
	ApiResponse<OverviewResponse> overview(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters) {
		StandardFilters f = filters.withWorkspace(caller.workspaceId());
		return timed(f, () -> {
			Map<String, Object> v = this.queries.overview(f);
			long requests = this.queries.requests(f);
			Map<String, Object> c = this.queries.checks(f);
			long total = num(v.get("total"));
			long violatingTraces = num(v.get("violating_traces"));
			long[] buckets = buckets(c.get("buckets"));
			return new OverviewResponse(total, (requests > 0) ? round(1000.0 * total / requests, 2) : 0.0,
					num(v.get("blocked")), num(v.get("redacted")), num(v.get("pii")),
					(requests > 0) ? round(100.0 * (1 - Math.min(1.0, (double) violatingTraces / requests)), 2) : 100.0,
					(total > 0) ? round((double) num(v.get("false_positives")) / total, 4) : 0.0, requests,
					num(c.get("checks")), num(c.get("blocked")), percentile(buckets, 0.5), percentile(buckets, 0.99));
		});
	}

	@GetMapping("/violation-trends")
	ApiResponse<List<TrendPoint>> trends(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters) {
		StandardFilters f = filters.withWorkspace(caller.workspaceId());
		return timed(f, () -> {
			String bucket = f.window().compareTo(Duration.ofDays(2)) <= 0 ? "1 hour" : "1 day";
			Map<String, Map<String, Long>> points = new TreeMap<>();
			for (Map<String, Object> row : this.queries.trends(f, bucket)) {
				points.computeIfAbsent(String.valueOf(((java.sql.Timestamp) row.get("bucket")).toInstant()),
						(k) -> new LinkedHashMap<>())
					.put((String) row.get("category"), num(row.get("n")));
			}
			List<TrendPoint> out = new ArrayList<>();
			points.forEach((b, m) -> out.add(new TrendPoint(b, m, m.values().stream().mapToLong(Long::longValue).sum())));
			return out;
		});
	}

	@GetMapping("/compliance-by-department")
	ApiResponse<List<DepartmentCompliance>> byDepartment(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters) {
		StandardFilters f = filters.withWorkspace(caller.workspaceId());
		return timed(f, () -> this.queries.byDepartment(f).stream().map((r) -> {
			long requests = num(r.get("requests"));
			long traces = num(r.get("traces"));
			return new DepartmentCompliance((String) r.get("department"), requests, num(r.get("violations")),
					num(r.get("blocked")),
					(requests > 0) ? round(100.0 * (1 - Math.min(1.0, (double) traces / requests)), 2) : 100.0);
		}).toList());
	}

	@GetMapping("/guardrail-effectiveness")
	ApiResponse<List<Map<String, Object>>> effectiveness(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters) {
		StandardFilters f = filters.withWorkspace(caller.workspaceId());
		return timed(f, () -> this.queries.effectiveness(f).stream().map((r) -> {
			Map<String, Object> out = new LinkedHashMap<>(r);
			out.put("policy_id", out.remove("id"));
			long detected = num(r.get("detected"));
			out.put("false_positive_rate", (detected > 0) ? round((double) num(r.get("false_positives")) / detected, 4) : 0.0);
			return out;
		}).toList());
	}

	@GetMapping("/heatmap")
	ApiResponse<List<Map<String, Object>>> heatmap(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters) {
		StandardFilters f = filters.withWorkspace(caller.workspaceId());
		return timed(f, () -> this.queries.heatmap(f));
	}

	@GetMapping("/top-agents")
	ApiResponse<List<Map<String, Object>>> topAgents(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters) {
		StandardFilters f = filters.withWorkspace(caller.workspaceId());
		return timed(f, () -> this.queries.topAgents(f, Math.min(f.limit(), 100)));
	}

	@GetMapping("/violations")
	ResponseEntity<ApiResponse<List<Map<String, Object>>>> violations(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(value = "type", required = false) String type,
			@RequestParam(value = "severity", required = false) String severity) {
		StandardFilters f = filters.withWorkspace(caller.workspaceId());
		if (severity != null && !Set.of("low", "medium", "high", "critical").contains(severity)) {
			throw ApiException.validation("severity", "must be one of low, medium, high, critical",
					List.of("low", "medium", "high", "critical"));
		}
		long started = System.nanoTime();
		List<Map<String, Object>> rows = this.transactions.inWorkspace(f.workspaceId(),
				() -> this.queries.violations(f, blankToNull(type), severity));
		long total = rows.isEmpty() ? 0 : num(rows.get(0).get("total"));
		return ResponseEntity.ok(ApiResponse.of(SafetyQueries.withoutTotal(rows),
				ResponseMeta.page(ResponseMeta.millisSince(started), false, total, f.page(), f.limit()),
				f.applied()));
	}

	@GetMapping("/policy-coverage")
	ApiResponse<List<DepartmentCoverage>> coverage(Caller caller,
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters) {
		StandardFilters f = filters.withWorkspace(caller.workspaceId());
		return timed(f, () -> {
			List<GuardrailPolicy> active = this.policies.list(f.workspaceId())
				.stream()
				.filter(GuardrailPolicy::isActive)
				.toList();
			Map<String, List<Map<String, Object>>> byDepartment = new TreeMap<>();
			for (Map<String, Object> agent : this.queries.agents(f)) {
				byDepartment.computeIfAbsent((String) agent.get("department"), (k) -> new ArrayList<>()).add(agent);
			}
			List<DepartmentCoverage> out = new ArrayList<>();
			byDepartment.forEach((department, agents) -> {
				Map<String, Integer> covered = new LinkedHashMap<>();
				int fullyCovered = 0;
				for (String type : POLICY_TYPES) {
					covered.put(type, 0);
				}
				for (Map<String, Object> agent : agents) {
					Set<String> types = new TreeSet<>();
					for (GuardrailPolicy p : active) {
						if (p.scope().matches((String) agent.get("agent_id"), department, (String) agent.get("environment"))) {
							types.add(p.policyType());
						}
					}
					types.forEach((t) -> covered.merge(t, 1, Integer::sum));
					if (types.containsAll(List.of("pii", "secret", "prompt_injection"))) {
						fullyCovered++;
					}
				}
				out.add(new DepartmentCoverage(department, agents.size(), covered,
						agents.isEmpty() ? 0.0 : round(100.0 * fullyCovered / agents.size(), 1)));
			});
			return out;
		});
	}

	@GetMapping("/audit-trail")
	ResponseEntity<?> auditTrail(Caller caller, @FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(value = "format", required = false) String format) {
		StandardFilters f = filters.withWorkspace(caller.workspaceId());
		if (format != null && !format.equals("json") && !format.equals("csv")) {
			throw ApiException.validation("format", "must be json or csv", List.of("json", "csv"));
		}
		long started = System.nanoTime();
		boolean csv = "csv".equals(format);
		if (csv) {
			caller.requireRole(Role.ANALYST); // exports are analyst and up
		}
		List<Map<String, Object>> rows = this.transactions.inWorkspace(f.workspaceId(),
				() -> this.queries.audit(f, csv ? 100_000 : f.limit(), csv ? 0 : f.offset()));
		long total = rows.isEmpty() ? 0 : num(rows.get(0).get("total"));
		List<Map<String, Object>> data = SafetyQueries.withoutTotal(rows);
		if (csv) {
			return ResponseEntity.ok()
				.contentType(new MediaType("text", "csv"))
				.header("Content-Disposition", "attachment; filename=\"safety-audit-trail.csv\"")
				.body(toCsv(data));
		}
		return ResponseEntity.ok(ApiResponse.of(data,
				ResponseMeta.page(ResponseMeta.millisSince(started), false, total, f.page(), f.limit()),
				f.applied()));
	}

	static String toCsv(List<Map<String, Object>> rows) {
		String[] header = { "created_at", "action_id", "action_type", "status", "actor_subject", "target_type",
				"target_id", "reason" };
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
			for (Map<String, Object> row : rows) {
				List<Object> values = new ArrayList<>();
				for (String column : header) {
					values.add(csvSafe(row.get(column)));
				}
				printer.printRecord(values);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toString();
	}

	/** A cell a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}) is prefixed with a quote. */
	static Object csvSafe(Object value) {
		if (value instanceof String s && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
			return "'" + s;
		}
		return value;
	}

	private <T> ApiResponse<T> timed(StandardFilters f, java.util.function.Supplier<T> read) {
		long started = System.nanoTime();
		T data = this.transactions.inWorkspace(f.workspaceId(), read);
		return ApiResponse.of(data, ResponseMeta.single(ResponseMeta.millisSince(started), false), f.applied());
	}

	static long num(Object value) {
		return (value instanceof Number n) ? n.longValue() : 0L;
	}

	static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

	static long[] buckets(Object array) {
		long[] out = new long[ViolationStore.LATENCY_BOUNDS_MS.length + 1];
		if (array instanceof java.sql.Array sql) {
			try {
				Object[] values = (Object[]) sql.getArray();
				for (int i = 0; i < values.length && i < out.length; i++) {
					out[i] = num(values[i]);
				}
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return out;
	}

	/** The upper bound of the bucket holding quantile {@code q} (null with no checks; +inf is reported as 1,000 ms). */
	static Double percentile(long[] buckets, double q) {
		long total = 0;
		for (long b : buckets) {
			total += b;
		}
		if (total == 0) {
			return null;
		}
		long rank = (long) Math.ceil(q * total);
		long seen = 0;
		for (int i = 0; i < buckets.length; i++) {
			seen += buckets[i];
			if (seen >= rank) {
				return (i < ViolationStore.LATENCY_BOUNDS_MS.length) ? ViolationStore.LATENCY_BOUNDS_MS[i] : 1000.0;
			}
		}
		return 1000.0;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
