package com.agentobs.query.system;

import java.util.Map;

/**
 * What a feature computes for one request: the envelope's {@code data}, list paging (or
 * {@code null}) and view-specific {@code meta} keys. This, not the envelope, is what the
 * cache stores.
 */
public record View(Object data, Paging paging, Map<String, Object> extra) {

	public View {
		extra = (extra != null) ? Map.copyOf(extra) : Map.of();
	}

	public static View of(Object data) {
		return new View(data, null, Map.of());
	}

	public static View of(Object data, Map<String, Object> extra) {
		return new View(data, null, extra);
	}

	public static View page(Object data, Paging paging) {
		return new View(data, paging, Map.of());
	}

	/** List paging for {@code meta}: offset lists set {@code page}, cursor lists {@code nextCursor}. */
	public record Paging(long total, Integer page, int limit, boolean hasMore, String nextCursor) {

		public static Paging offset(long total, int page, int limit) {
			return new Paging(total, page, limit, (long) page * limit < total, null);
		}

		public static Paging cursor(long total, int limit, String nextCursor) {
			return new Paging(total, null, limit, nextCursor != null, nextCursor);
		}

	}

}
