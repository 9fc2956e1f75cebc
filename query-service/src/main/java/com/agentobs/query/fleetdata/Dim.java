package com.agentobs.query.fleetdata;

/** The dimensions a read may group by: a fixed set of column expressions, never client text. */
public enum Dim {

	AGENT("src.agent_id"), DEPARTMENT("src.department_id"), ENVIRONMENT("src.environment"), VERSION("src.version"),
	MODEL("src.model"), PROVIDER("src.model_provider"), INTENT("src.intent_category"),
	/** The user segment recorded on the trace. */
	SEGMENT("src.user_segment"),
	/** The time bucket of the source's series plan. */
	BUCKET("date_bin(CAST(:bucket AS interval), src.ts, :origin)");

	private final String expression;

	Dim(String expression) {
		this.expression = expression;
	}

	String expression() {
		return this.expression;
	}

}
