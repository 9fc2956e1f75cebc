package com.agentobs.processing.search;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Where trace search looks: documents of stored traces, kept behind the write path. One
 * implementation per search store ({@link PostgresTraceSearchIndex} today), so a deployment can
 * move search to another engine without touching the indexer.
 */
public interface TraceSearchIndex {

	/**
	 * Makes the given stored traces searchable; ids not stored (yet, or rejected) are skipped.
	 * Idempotent: indexing a trace twice leaves one document.
	 * @return how many documents were added (traces found and not indexed before)
	 */
	int index(Map<UUID, ? extends Collection<String>> traceIdsByWorkspace);

	/** Records that every trace committed before {@code through} is searchable, in every workspace. */
	void advance(Instant through);

}
