package com.agentobs.gemini.insights;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The tabs that have insights today, with the chart their evidence links to. */
enum InsightTab {

	HOME("home", "Fleet overview"), USAGE("usage", "Usage trends"), COST("cost", "Cost breakdown"),
	PERFORMANCE("performance", "Latency and errors"), BUSINESS("business", "Business impact"),
	QUALITY("quality", "Quality scores"), SAFETY("safety", "Safety violations"), INCIDENTS("incidents", "Incidents"),
	EXPERIMENTS("experiments", "Experiments and canaries"), CONFIGURATION("configuration", "Configuration drift"),
	AUTOMATIONS("automations", "Automation runs");

	static final List<String> CODES = Arrays.stream(values()).map(InsightTab::code).toList();

	private final String code;

	private final String label;

	InsightTab(String code, String label) {
		this.code = code;
		this.label = label;
	}

	String code() {
		return this.code;
	}

	String label() {
		return this.label;
	}

	static Optional<InsightTab> fromCode(String code) {
		return Arrays.stream(values()).filter((t) -> t.code.equals(code)).findFirst();
	}

}
