package com.agentobs.processing.write;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Wall time of each stage of a batch's write, as the timer {@code agentobs.processing.write}
 * tagged {@code stage} (Prometheus: {@code agentobs_processing_write_seconds_sum{stage="traces"}}):
 * where a batch's time goes, per stage, without a profiler.
 */
@Component
class WriteStages {

	enum Stage {

		/** Agent registry reads and first-sight registration (own transaction). */
		AGENTS("agents"),
		/** End-user registration and segments (own transaction). */
		END_USERS("end_users"),
		/** Price-table lookup and enrichment of traces and spans. */
		ENRICH("enrich"),
		/** The traces insert. */
		TRACES("traces"),
		/** The spans insert. */
		SPANS("spans"),
		/** Waiting for the workspace's span-totals lock. */
		LOCK_WAIT("lock_wait"),
		/** Adding new traces to the user rollups. */
		USER_ROLLUPS("user_rollups"),
		/** Recomputing span-derived totals of the batch's traces. */
		SPAN_TOTALS("span_totals"),
		/** Moving traces into (and out of) the measure rollups' cells. */
		CELLS("cells");

		private final String tag;

		Stage(String tag) {
			this.tag = tag;
		}

	}

	private final Map<Stage, Timer> timers = new EnumMap<>(Stage.class);

	WriteStages(MeterRegistry meters) {
		for (Stage stage : Stage.values()) {
			this.timers.put(stage, Timer.builder("agentobs.processing.write")
				.description("wall time of one stage of a batch's write, per workspace share of the batch")
				.tag("stage", stage.tag)
				.register(meters));
		}
	}

	<T> T time(Stage stage, Supplier<T> work) {
		long started = System.nanoTime();
		try {
			return work.get();
		}
		finally {
			this.timers.get(stage).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		}
	}

	void time(Stage stage, Runnable work) {
		time(stage, () -> {
			work.run();
			return null;
		});
	}

}
