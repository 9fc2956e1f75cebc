package com.agentobs.gemini.insights;

/**
 * Where a card's figures can be seen: a chart ({@code chart:<tab>}) or an agent
 * ({@code agent:<agent_id>}), with the dashboard path it links to.
 */
public record Evidence(String id, String kind, String label, String href) {

	static Evidence chart(String tab, String label) {
		return new Evidence("chart:" + tab, "chart", label, "/" + tab);
	}

	static Evidence agent(String agentId) {
		return new Evidence("agent:" + agentId, "agent", agentId, "/agents/" + agentId);
	}

}
