package com.agentobs.gemini.insights;

/** Writes a tab's cards from its fact sheet only. */
interface InsightGenerator {

	Insights generate(FactSheet sheet);

}
