package com.agentobs.query.fleetdata;

/**
 * The dimensions a read may group by: a fixed set of columns, never client text. Every part of a
 * read (raw traces or a rollup) exposes the same columns, NULL where its table does not keep one.
 */
public enum Dim {

	AGENT("agent_id", "VARCHAR"), DEPARTMENT("department_id", "UUID"), ENVIRONMENT("environment", "VARCHAR"),
	VERSION("version", "VARCHAR"), MODEL("model", "VARCHAR"), PROVIDER("model_provider", "VARCHAR"),
	INTENT("intent_category", "VARCHAR"),
	/** The user segment recorded on the trace. */
	SEGMENT("user_segment", "VARCHAR"),
	/** The time bucket of the source's series plan (every part keeps its time column). */
	BUCKET(null, null);

	private final String column;

	private final String type;

	Dim(String column, String type) {
		this.column = column;
		this.type = type;
	}

	/** The column in {@code traces} and in the rollups that keep this dimension. */
	String column() {
		return this.column;
	}

	/** The SQL type of the NULL a part puts in this column when its table does not keep it. */
	String type() {
		return this.type;
	}

	/** The expression grouping a part's rows by this dimension. */
	String expression() {
		return (this == BUCKET) ? "date_bin(CAST(:bucket AS interval), src.ts, :origin)" : "src." + this.column;
	}

}
