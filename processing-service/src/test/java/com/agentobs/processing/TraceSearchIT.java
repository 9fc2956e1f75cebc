package com.agentobs.processing;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.agentobs.contracts.ingest.IngestTrace;

import tools.jackson.databind.json.JsonMapper;

import static com.agentobs.processing.TraceProcessingIT.count;
import static com.agentobs.processing.TraceProcessingIT.event;
import static com.agentobs.processing.TraceProcessingIT.newWorkspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Trace search filled behind the write path: trace_search and trace_search_progress (V070). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT) // the module's one test context
@ActiveProfiles("test")
class TraceSearchIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationContext context;

	@Autowired
	JsonMapper json;

	@BeforeAll
	static void ownerConnection() {
		TraceProcessingIT.ownerConnection();
	}

	static IngestTrace searchable(String traceId, String input, String output) {
		return new IngestTrace(traceId, "search-bot", Instant.now().minus(1, ChronoUnit.HOURS), input, output, null, 90,
				"success", null, null, 1, 1, 2, null, "production", "v1", "v1", "billing", null, null, 1, Map.of(),
				List.of());
	}

	static List<String> matching(UUID ws, String word) {
		return TraceProcessingIT.owner
			.sql("""
					SELECT trace_id FROM trace_search
					WHERE workspace_id = ? AND document @@ to_tsquery('simple', ?) ORDER BY trace_id""")
			.params(ws, word)
			.query(String.class)
			.list();
	}

	static Instant indexedThrough(UUID ws) {
		return TraceProcessingIT.owner.sql("SELECT indexed_through FROM trace_search_progress WHERE workspace_id = ?")
			.param(ws)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.orElse(Instant.EPOCH);
	}

	/**
	 * The progress contract: once indexed_through passes a moment, every trace committed before that
	 * moment is searchable.
	 */
	@Test
	void committedTraces_becomeSearchable_beforeTheProgressPassesTheirCommit() {
		UUID ws = newWorkspace();
		long lagsBefore = this.meters.timer("agentobs.processing.search.lag").count();
		TraceProcessingIT.publish(this.redis, this.json, event(ws, List.of(searchable("q-1", "refund for order 4711", "refund issued"),
				searchable("q-2", "reset my password", "open settings"),
				searchable("q-3", "where is order 4711", "order 4711 ships tomorrow")), List.of()));
		await().atMost(WAIT).until(() -> count("traces", ws) == 3);
		Instant committed = Instant.now();

		await().atMost(WAIT).until(() -> indexedThrough(ws).isAfter(committed));
		assertThat(matching(ws, "4711")).containsExactly("q-1", "q-3");
		assertThat(matching(ws, "password")).containsExactly("q-2");
		assertThat(this.meters.timer("agentobs.processing.search.lag").count()).isGreaterThanOrEqualTo(lagsBefore + 3);

		// a replay indexes nothing twice
		TraceProcessingIT.publish(this.redis, this.json, event(ws, List.of(searchable("q-1", "refund for order 4711", "refund issued")), List.of()));
		Instant replayed = Instant.now();
		await().atMost(WAIT).until(() -> indexedThrough(ws).isAfter(replayed.plusSeconds(1)));
		assertThat(count("trace_search", ws)).isEqualTo(3);
	}

	/**
	 * An indexer that read entries of traces:written and died before acknowledging them: the live one
	 * reclaims them after claim-min-idle, and the progress does not pass them before they are indexed.
	 */
	@Test
	void pendingEntries_areReclaimedAndIndexed_whenTheirIndexerDiedBeforeAck() {
		UUID ws = newWorkspace();
		Lifecycle indexer = this.context.getBean("traceSearchIndexer", Lifecycle.class);
		indexer.stop();
		Instant committed;
		try {
			List<IngestTrace> traces = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				traces.add(searchable("crash-" + i, "invoice number " + i, "paid"));
			}
			TraceProcessingIT.publish(this.redis, this.json, event(ws, traces, List.of()));
			await().atMost(WAIT).until(() -> count("traces", ws) == 20);
			committed = Instant.now();
			// the batch announces its traces just after its commit
			List<MapRecord<String, Object, Object>> taken = new ArrayList<>();
			await().atMost(WAIT).until(() -> {
				taken.addAll(this.redis.opsForStream()
					.read(Consumer.from("search-indexers", "dead-indexer"), StreamReadOptions.empty().count(1000),
							StreamOffset.create("traces:written", ReadOffset.lastConsumed())));
				return taken.stream().anyMatch((r) -> ws.toString().equals(r.getValue().get("workspace_id")));
			});
		}
		finally {
			indexer.start();
		}
		await().atMost(WAIT).until(() -> indexedThrough(ws).isAfter(committed));
		assertThat(matching(ws, "invoice")).hasSize(20);
	}

}
