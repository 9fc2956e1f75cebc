package com.agentobs.query.fleetdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one fleet read, assembled from the catalog's tables, the window's {@link Tiers} and
 * fixed column lists (never client text; every value is a bound parameter). Each part of the
 * read selects the same columns: time as {@code ts}, every non-time {@link Dim} (NULL where the
 * part's table does not keep it), the measures by alias, and the latency histogram in the part's
 * form (raw: one bucket {@code hb} per trace; rollup: its arrays as text for the Java merge).
 */
final class FleetSql {

	private static final String RAW_HISTOGRAM = "agentobs_latency_bucket(t.latency_ms) AS hb";

	private static final String ROLLUP_HISTOGRAM = "r.hist_buckets::TEXT AS hk, r.hist_counts::TEXT AS hv";

	private FleetSql() {
	}

	/**
	 * Measures only, grouped in SQL by the union of the groupings' dimensions: one row per
	 * combination, the measures' sums after the dimension columns.
	 */
	static String totals(List<Tiers.Part> parts, List<Measure> measures, Scope scope, Map<String, Object> params,
			List<Dim> union) {
		List<String> selects = new ArrayList<>();
		for (Tiers.Part part : parts) {
			selects.add("SELECT " + dims(part) + ",\n" + measures(part, measures) + "\n" + part.from()
					+ scope.sqlFilters(alias(part), params));
		}
		return "SELECT " + select(union) + sums(measures) + "\nFROM (" + String.join("\nUNION ALL\n", selects)
				+ ") src" + groupBy(union, null);
	}

	/**
	 * Measures and histograms: raw rows merged in SQL per (dimensions, latency bucket), one
	 * histogram cell per result row ({@code hb}, weight {@code hw}); rollup rows shipped as they
	 * are with their histogram arrays as text ({@code hk}, {@code hv}).
	 */
	static String withLatency(List<Tiers.Part> parts, List<Measure> measures, Scope scope,
			Map<String, Object> params, List<Dim> union) {
		if (!measures.contains(Measure.REQUESTS)) {
			throw new IllegalArgumentException("a latency read weighs raw buckets by REQUESTS: measure it");
		}
		List<String> selects = new ArrayList<>();
		for (Tiers.Part part : parts) {
			String inner = "SELECT " + dims(part) + ",\n" + measures(part, measures) + ",\n"
					+ ((part.kind() == Tiers.Kind.RAW) ? RAW_HISTOGRAM : ROLLUP_HISTOGRAM) + "\n" + part.from()
					+ scope.sqlFilters(alias(part), params);
			selects.add(switch (part.kind()) {
				case RAW -> "SELECT " + select(union) + sums(measures) + ", src.hb, COALESCE(sum(src."
						+ Measure.REQUESTS.alias() + "), 0)::BIGINT AS hw, NULL::TEXT AS hk, NULL::TEXT AS hv\nFROM ("
						+ inner + ") src" + groupBy(union, "src.hb");
				case ROLLUP -> "SELECT " + select(union) + rowMeasures(measures)
						+ ", NULL::INTEGER AS hb, NULL::BIGINT AS hw, src.hk, src.hv\nFROM (" + inner + ") src";
			});
		}
		return String.join("\nUNION ALL\n", selects);
	}

	private static String alias(Tiers.Part part) {
		return (part.kind() == Tiers.Kind.RAW) ? "t" : "r";
	}

	/** The part's time as {@code ts}, then every dimension column in {@link Dim} order. */
	static String dims(Tiers.Part part) {
		boolean raw = part.kind() == Tiers.Kind.RAW;
		StringBuilder sql = new StringBuilder(raw ? "t.timestamp" : "r." + part.table().period().column())
			.append(" AS ts");
		for (Dim d : Dim.values()) {
			if (d == Dim.BUCKET) {
				continue;
			}
			sql.append(", ");
			if (raw) {
				sql.append("t.").append(d.column());
			}
			else if (part.rollup().keeps().contains(d)) {
				sql.append("r.").append(d.column());
			}
			else {
				sql.append("NULL::").append(d.type()).append(" AS ").append(d.column());
			}
		}
		return sql.toString();
	}

	private static String measures(Tiers.Part part, List<Measure> measures) {
		List<String> items = new ArrayList<>();
		for (Measure m : measures) {
			items.add(((part.kind() == Tiers.Kind.RAW) ? m.raw() : m.rollup()) + " AS " + m.alias());
		}
		return String.join(",\n", items);
	}

	private static String sums(List<Measure> measures) {
		List<String> items = new ArrayList<>();
		for (Measure m : measures) {
			items.add("COALESCE(sum(src." + m.alias() + "), 0)" + (m.decimal() ? "" : "::BIGINT") + " AS " + m.alias());
		}
		return String.join(", ", items);
	}

	private static String rowMeasures(List<Measure> measures) {
		List<String> items = new ArrayList<>();
		for (Measure m : measures) {
			items.add("src." + m.alias() + (m.decimal() ? "::NUMERIC AS " + m.alias() : ""));
		}
		return String.join(", ", items);
	}

	private static String select(List<Dim> dims) {
		StringBuilder sql = new StringBuilder();
		for (int i = 0; i < dims.size(); i++) {
			sql.append(dims.get(i).expression()).append(" AS d").append(i).append(", ");
		}
		return sql.toString();
	}

	private static String groupBy(List<Dim> dims, String extra) {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < dims.size(); i++) {
			items.add(String.valueOf(i + 1));
		}
		if (extra != null) {
			items.add(extra);
		}
		return items.isEmpty() ? "" : "\nGROUP BY " + String.join(", ", items);
	}

}
