package com.agentobs.contracts.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response envelope: {@code data} (an object for KPI views, an
 * array for lists), {@code meta}, and {@code filters_applied} echoing every standard
 * filter ({@code null} when unset).
 */
public record ApiResponse<T>(T data, ResponseMeta meta, Map<String, Object> filtersApplied) {

	public ApiResponse {
		// Values may be null (an unset filter is echoed as null), so no Map.copyOf.
		filtersApplied = (filtersApplied != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(filtersApplied))
				: Map.of();
	}

	public static <T> ApiResponse<T> of(T data, ResponseMeta meta, Map<String, Object> filtersApplied) {
		return new ApiResponse<>(data, meta, filtersApplied);
	}

	/** A response that takes no filters (for example the answer to an action or an ingest). */
	public static <T> ApiResponse<T> of(T data, ResponseMeta meta) {
		return new ApiResponse<>(data, meta, Map.of());
	}

}
