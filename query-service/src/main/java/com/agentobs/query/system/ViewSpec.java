package com.agentobs.query.system;

import java.util.LinkedHashMap;
import java.util.Map;

import com.agentobs.contracts.cache.CacheTtl;

/**
 * How one endpoint is served: its cache domain and TTL, the non-standard parameters that
 * change its answer (part of the cache key), the JSON pointer of its table for CSV export
 * ({@code ""} = {@code data} itself, {@code null} = not table-shaped) and the requested
 * {@code format}.
 */
public record ViewSpec(String domain, CacheTtl ttl, Map<String, Object> params, String table, String format) {

	public ViewSpec {
		params = (params != null) ? new LinkedHashMap<>(params) : Map.of();
	}

	public static ViewSpec of(String domain, CacheTtl ttl, String table, String format) {
		return new ViewSpec(domain, ttl, Map.of(), table, format);
	}

	public ViewSpec param(String name, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(this.params);
		copy.put(name, value);
		return new ViewSpec(this.domain, this.ttl, copy, this.table, this.format);
	}

}
