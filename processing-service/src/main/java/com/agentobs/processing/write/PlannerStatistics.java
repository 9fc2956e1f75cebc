package com.agentobs.processing.write;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the planner's statistics of the tables processing writes current, whether or not
 * autovacuum runs or has caught up: {@code agentobs_analyze_stale_tables} (V026) analyses every
 * table whose size doubled or halved (by at least 1,000 rows) since the planner last counted it
 * (never analysed included); in between the planner scales with the current size. Without it a fresh
 * installation plans its per-batch key probes on creation-time index sizes and can pick an
 * index that reads the whole workspace per probe, so batches slow down quadratically with the
 * table until the first {@code ANALYZE}.
 */
@Component
public class PlannerStatistics {

	private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

	static final String ANALYZE_STALE = "SELECT unnest(agentobs_analyze_stale_tables())";

	private final JdbcClient jdbc;

	PlannerStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Analyses the stale tables (none when another caller is at it); returns their names. */
	public List<String> refreshStale() {
		long started = System.nanoTime();
		List<String> analysed = this.jdbc.sql(ANALYZE_STALE).query(String.class).list();
		if (!analysed.isEmpty()) {
			log.debug("Analysed {} in {} ms", analysed, (System.nanoTime() - started) / 1_000_000);
		}
		return analysed;
	}

}
