package com.agentobs.query.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.agentobs.contracts.cache.CacheTtl;

import tools.jackson.databind.JsonNode;

/**
 * How one endpoint is served: its cache domain and TTL, the non-standard parameters that
 * change its answer (part of the cache key), the JSON pointer of its table for CSV export
 * ({@code ""} = {@code data} itself, {@code null} = not table-shaped), the requested
 * {@code format} and, for views with a PDF rendition, what renders the view's {@code data} as PDF
 * ({@code null} = none).
 */
public record ViewSpec(String domain, CacheTtl ttl, Map<String, Object> params, String table, String format,
		Function<JsonNode, byte[]> pdf) {

	public ViewSpec {
		params = (params != null) ? new LinkedHashMap<>(params) : Map.of();
	}

	public static ViewSpec of(String domain, CacheTtl ttl, String table, String format) {
		return new ViewSpec(domain, ttl, Map.of(), table, format, null);
	}

	public ViewSpec param(String name, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(this.params);
		copy.put(name, value);
		return new ViewSpec(this.domain, this.ttl, copy, this.table, this.format, this.pdf);
	}

	/** Offers {@code format=pdf}, rendered from the same (cached) data as the JSON and CSV. */
	public ViewSpec pdf(Function<JsonNode, byte[]> renderer) {
		return new ViewSpec(this.domain, this.ttl, this.params, this.table, this.format, renderer);
	}

}
