package com.agentobs.gemini.insights;

import java.util.UUID;

/** Writes a tab's cards from its fact sheet only. */
interface InsightGenerator {

	Insights generate(UUID workspaceId, FactSheet sheet);

}
