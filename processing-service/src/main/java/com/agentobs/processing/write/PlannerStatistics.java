package com.agentobs.processing.write;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.agentobs.processing.system.ProcessingProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the planner's statistics of the tables processing writes current, whether or not
 * autovacuum runs: {@code agentobs_refresh_planner_statistics} analyses every table whose size
 * doubled or halved (by at least 1,000 rows) since it was last analysed, and {@code traces} again
 * when a workspace processing wrote, estimated under 10,000 traces, holds at least 10,000 and over
 * twice the estimate (at most once per {@code workspace-statistics-interval}). Why: planned on stale
 * counts, a batch's key probes can become reads of a whole workspace per probe (a fresh
 * installation, or a new tenant in a populated table).
 */
@Component
public class PlannerStatistics {

	private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

	static final String REFRESH = "SELECT unnest(agentobs_refresh_planner_statistics(?::uuid[], ?::interval))";

	private final JdbcClient jdbc;

	private final String workspaceInterval;

	PlannerStatistics(JdbcClient jdbc, ProcessingProperties properties) {
		this.jdbc = jdbc;
		this.workspaceInterval = properties.consumer().workspaceStatisticsInterval().toMillis() + " milliseconds";
	}

	/**
	 * Analyses the stale tables (none when another caller is at it), {@code writtenWorkspaces}
	 * being the workspaces written since the last call; returns the tables' names.
	 */
	public List<String> refreshStale(Collection<UUID> writtenWorkspaces) {
		long started = System.nanoTime();
		List<String> analysed = this.jdbc.sql(REFRESH)
			.params(writtenWorkspaces.stream().map(UUID::toString).toArray(String[]::new), this.workspaceInterval)
			.query(String.class)
			.list();
		if (!analysed.isEmpty()) {
			log.debug("Analysed {} in {} ms", analysed, (System.nanoTime() - started) / 1_000_000);
		}
		return analysed;
	}

}
