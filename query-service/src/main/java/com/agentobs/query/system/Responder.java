package com.agentobs.query.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.cache.CacheKey;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Serves every read the same way: the workspace from the verified caller, the computation
 * inside a workspace transaction (RLS), cache-aside, and the envelope with
 * {@code filters_applied}, {@code meta.cached} and {@code meta.query_duration_ms} — or, for
 * {@code format=csv} on a table-shaped view or {@code format=pdf} on a view with a PDF rendition,
 * a download for analysts and above. Every format renders the same cached data.
 */
@Component
public class Responder {

	private static final List<String> FORMATS = List.of("json", "csv", "pdf");

	private final QueryCache cache;

	private final WorkspaceTransactions transactions;

	private final tools.jackson.databind.json.JsonMapper mapper;

	Responder(QueryCache cache, WorkspaceTransactions transactions, tools.jackson.databind.json.JsonMapper mapper) {
		this.cache = cache;
		this.transactions = transactions;
		this.mapper = mapper;
	}

	/**
	 * @param filters the parsed standard filters; the workspace is set from {@code caller}
	 * @param compute builds the view from filters that carry the caller's workspace
	 */
	public ResponseEntity<?> respond(Caller caller, StandardFilters filters, ViewSpec spec,
			java.util.function.Function<StandardFilters, View> compute) {
		String download = downloadFormat(caller, spec);
		StandardFilters scoped = filters.withWorkspace(caller.workspaceId());
		long started = System.nanoTime();
		Map<String, Object> params = keyParams(scoped, spec);
		Supplier<View> work = () -> this.transactions.inWorkspace(caller.workspaceId(), () -> compute.apply(scoped));
		QueryCache.Outcome outcome = this.cache.get(spec.domain(), caller.workspaceId(),
				CacheKey.scopeOf(scoped.department(), scoped.agentId()), params, spec.ttl(), work);
		long durationMs = ResponseMeta.millisSince(started);
		QueryCache.Entry entry = outcome.entry();
		if ("csv".equals(download)) {
			return csv(spec, entry.tree(this.mapper));
		}
		if ("pdf".equals(download)) {
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_PDF)
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + spec.domain() + ".pdf\"")
				.body(spec.pdf().apply(entry.tree(this.mapper)));
		}
		View.Paging paging = entry.paging();
		ResponseMeta meta = (paging == null)
				? new ResponseMeta(Instant.now(), durationMs, outcome.cached(), null, null, null, null, null,
						entry.extra())
				: new ResponseMeta(Instant.now(), durationMs, outcome.cached(), paging.total(), paging.page(),
						paging.limit(), paging.hasMore(), paging.nextCursor(), entry.extra());
		Map<String, Object> applied = new LinkedHashMap<>(scoped.applied());
		spec.params().forEach(applied::putIfAbsent);
		return ResponseEntity.ok(ApiResponse.of(entry.data(), meta, applied));
	}

	/** {@code null} for the JSON envelope, else the download format (analysts and above). */
	private static String downloadFormat(Caller caller, ViewSpec spec) {
		String format = spec.format();
		if (format == null || format.isBlank() || format.equals("json")) {
			return null;
		}
		if (!FORMATS.contains(format)) {
			throw ApiException.validation("format", "must be one of " + FORMATS, FORMATS);
		}
		List<String> offered = new ArrayList<>(List.of("json"));
		if (spec.table() != null) {
			offered.add("csv");
		}
		if (spec.pdf() != null) {
			offered.add("pdf");
		}
		if (!offered.contains(format)) {
			throw ApiException.validation("format", "this view offers only " + offered, offered);
		}
		caller.requireRole(Role.ANALYST);
		return format;
	}

	private static Map<String, Object> keyParams(StandardFilters f, ViewSpec spec) {
		Map<String, Object> params = new LinkedHashMap<>(spec.params());
		params.put("range", f.range().code());
		if (f.range() == TimeRange.CUSTOM) {
			params.put("from", f.from());
			params.put("to", f.to());
		}
		params.put("department", f.department());
		params.put("environment", f.environment());
		params.put("version", f.version());
		params.put("agent_id", f.agentId());
		params.put("page", f.page());
		params.put("limit", f.limit());
		params.put("cursor", f.cursor());
		params.put("format", null);
		return params;
	}

	private static ResponseEntity<byte[]> csv(ViewSpec spec, JsonNode data) {
		JsonNode table = spec.table().isEmpty() ? data : data.at(spec.table());
		List<JsonNode> rows = new ArrayList<>();
		if (table != null && table.isArray()) {
			table.forEach(rows::add);
		}
		Set<String> columns = new LinkedHashSet<>();
		rows.forEach((row) -> row.propertyNames().forEach(columns::add));
		StringBuilder out = new StringBuilder();
		out.append(String.join(",", columns.stream().map(Responder::cell).toList())).append("\r\n");
		for (JsonNode row : rows) {
			List<String> cells = new ArrayList<>();
			for (String column : columns) {
				JsonNode value = row.get(column);
				String text = (value == null || value.isNull()) ? ""
						: value.isValueNode() ? value.asString() : value.toString();
				cells.add(cell(text));
			}
			out.append(String.join(",", cells)).append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + spec.domain() + ".csv\"")
			.body(out.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** RFC 4180 quoting; a leading formula character is prefixed with ' against CSV injection. */
	private static String cell(String text) {
		String value = text;
		if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+(E-?[0-9]+)?")) {
			value = "'" + value;
		}
		if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
			return "\"" + value.replace("\"", "\"\"") + "\"";
		}
		return value;
	}

}
