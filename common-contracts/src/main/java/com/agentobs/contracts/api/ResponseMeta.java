package com.agentobs.contracts.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code meta} of the response envelope. Always {@code generated_at},
 * {@code query_duration_ms} and {@code cached}; lists add {@code total}, {@code page},
 * {@code limit}, {@code has_more} (cursor lists {@code next_cursor}); a view may add
 * summary keys through {@link #withExtra(String, Object)}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseMeta(Instant generatedAt, long queryDurationMs, boolean cached, Long total, Integer page,
		Integer limit, Boolean hasMore, String nextCursor, @JsonIgnore Map<String, Object> extra) {

	public ResponseMeta {
		extra = (extra != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(extra)) : Map.of();
	}

	/** Whole milliseconds since {@code startedNanos} (a {@link System#nanoTime()} reading), for {@code query_duration_ms}. */
	public static long millisSince(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1_000_000;
	}

	public static ResponseMeta single(long queryDurationMs, boolean cached) {
		return new ResponseMeta(Instant.now(), queryDurationMs, cached, null, null, null, null, null, null);
	}

	public static ResponseMeta page(long queryDurationMs, boolean cached, long total, int page, int limit) {
		boolean hasMore = (long) page * limit < total;
		return new ResponseMeta(Instant.now(), queryDurationMs, cached, total, page, limit, hasMore, null, null);
	}

	public static ResponseMeta cursor(long queryDurationMs, boolean cached, long total, int limit, String nextCursor) {
		return new ResponseMeta(Instant.now(), queryDurationMs, cached, total, null, limit, nextCursor != null,
				nextCursor, null);
	}

	public ResponseMeta withExtra(String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(this.extra);
		copy.put(key, value);
		return new ResponseMeta(this.generatedAt, this.queryDurationMs, this.cached, this.total, this.page,
				this.limit, this.hasMore, this.nextCursor, copy);
	}

	public ResponseMeta withCached(boolean cached, long queryDurationMs) {
		return new ResponseMeta(this.generatedAt, queryDurationMs, cached, this.total, this.page, this.limit,
				this.hasMore, this.nextCursor, this.extra);
	}

	/** View-specific summary keys, written beside the standard ones. */
	@JsonAnyGetter
	Map<String, Object> extraProperties() {
		return this.extra;
	}

}
