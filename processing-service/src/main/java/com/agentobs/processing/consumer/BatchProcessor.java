package com.agentobs.processing.consumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.agentobs.contracts.cache.DataVersion;
import com.agentobs.contracts.ingest.IngestSpan;
import com.agentobs.contracts.ingest.IngestTrace;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.contracts.stream.TracesProcessedEvent;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.processing.deadletter.DeadLetters;
import com.agentobs.processing.search.WrittenTraces;
import com.agentobs.processing.system.ProcessingProperties;
import com.agentobs.processing.write.JdbcTraceWriter;
import com.agentobs.processing.write.DirtyHours;

import org.springframework.data.redis.connection.RedisStreamCommands;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Processes one batch of stream entries: one database transaction for the whole batch
 * (setting {@code app.workspace_id} before each workspace's writes, for row-level
 * security), then — after commit — marks the touched hours dirty for the rollup pass
 * ({@link DirtyHours}), bumps the data version, publishes one {@code traces:processed}
 * event per workspace, and only then {@code XACK}s. A crash anywhere before the ack
 * leaves the entries pending; their redelivery rewrites nothing (idempotent inserts) and
 * marks the same hours again.
 *
 * <p>When the batch transaction fails, each entry is retried in its own transaction so
 * one poison entry cannot hold back the others. When the database refuses an entry's data, its
 * traces are committed one by one and only the refused ones are dead-lettered, at once and with
 * the reason; entries failing otherwise stay pending and reach the dead-letter stream after
 * {@code max-deliveries}.
 */
@Component
class BatchProcessor {

	private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

	static final String SET_WORKSPACE = "SELECT set_config('app.workspace_id', ?, true)";

	/** Last failure reason per entry id, so the dead letter can say why. */
	static final String ERRORS_KEY = "traces:ingest:errors";

	private final JdbcTraceWriter writer;

	private final DirtyHours dirtyHours;

	private final DeadLetters deadLetters;

	private final WrittenTraces writtenTraces;

	private final Rejections rejections;

	private final TransactionTemplate transactions;

	private final WorkspaceTransactions workspaceTransactions;

	private final JdbcClient jdbc;

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final ProcessingProperties.Consumer settings;

	private final Counter committedTraces;

	private final Timer batchTimer;

	BatchProcessor(JdbcTraceWriter writer, DirtyHours dirtyHours, DeadLetters deadLetters, WrittenTraces writtenTraces,
			Rejections rejections,
			TransactionTemplate transactions, WorkspaceTransactions workspaceTransactions, JdbcClient jdbc,
			StringRedisTemplate redis, JsonMapper json, ProcessingProperties properties, MeterRegistry meters) {
		this.writer = writer;
		this.dirtyHours = dirtyHours;
		this.deadLetters = deadLetters;
		this.writtenTraces = writtenTraces;
		this.rejections = rejections;
		this.transactions = transactions;
		this.workspaceTransactions = workspaceTransactions;
		this.jdbc = jdbc;
		this.redis = redis;
		this.json = json;
		this.settings = properties.consumer();
		this.committedTraces = meters.counter("agentobs.processing.traces.inserted");
		this.batchTimer = meters.timer("agentobs.processing.batch");
	}

	private record Entry(RecordId id, TraceIngestedEvent event) {
	}

	void process(List<MapRecord<String, Object, Object>> records) {
		List<Entry> entries = new ArrayList<>(records.size());
		for (MapRecord<String, Object, Object> record : records) {
			Entry entry = decode(record);
			if (entry != null) {
				entries.add(entry);
			}
		}
		if (entries.isEmpty()) {
			return;
		}
		try {
			this.batchTimer.record(() -> commitAndAck(entries));
		}
		catch (RuntimeException batchFailure) {
			if (entries.size() == 1) {
				recover(entries.get(0), batchFailure);
				return;
			}
			log.info("Batch of {} entries failed ({}); retrying entry by entry", entries.size(),
					batchFailure.getClass().getSimpleName());
			for (Entry entry : entries) {
				try {
					commitAndAck(List.of(entry));
				}
				catch (RuntimeException entryFailure) {
					recover(entry, entryFailure);
				}
			}
		}
	}

	/**
	 * An entry that failed on its own. When the database refused its data, each of its traces (with
	 * its spans) and each trace's loose spans is committed on its own: those that are stored, the
	 * refused ones are dead-lettered with why, and the entry is acknowledged. Any other failure, here
	 * or in one of those commits, leaves the entry pending for redelivery (what was stored meanwhile
	 * is not written twice).
	 */
	private void recover(Entry entry, RuntimeException failure) {
		if (!Rejections.isRefusal(failure)) {
			remember(entry, failure);
			return;
		}
		List<TraceIngestedEvent> pieces = pieces(entry.event());
		Map<TraceIngestedEvent, RuntimeException> refused = new LinkedHashMap<>();
		if (pieces.size() == 1) {
			refused.put(pieces.get(0), failure);
		}
		else {
			for (TraceIngestedEvent piece : pieces) {
				try {
					commit(List.of(piece));
				}
				catch (RuntimeException pieceFailure) {
					if (!Rejections.isRefusal(pieceFailure)) {
						remember(entry, pieceFailure);
						return;
					}
					refused.put(piece, pieceFailure);
				}
			}
		}
		refused.forEach((piece, pieceFailure) -> {
			String traceId = piece.traces().isEmpty() ? piece.spans().get(0).traceId() : piece.traces().get(0).traceId();
			Rejections.Rejection why = this.rejections.diagnose(pieceFailure, piece.traces(), piece.spans());
			log.warn("Entry {}: {}; dead-lettered, the entry's other traces stored", entry.id(), why.reason(traceId));
			this.deadLetters.addTrace(entry.id().getValue(), piece.workspaceId().toString(),
					this.json.writeValueAsString(piece), why.reason(traceId), traceId, why.sqlState(), why.field());
		});
		ack(List.of(entry.id()));
		this.redis.opsForHash().delete(ERRORS_KEY, entry.id().getValue());
	}

	/** One event per trace of an entry (with its spans and its loose spans), and one per other trace's loose spans. */
	static List<TraceIngestedEvent> pieces(TraceIngestedEvent event) {
		Map<String, List<IngestSpan>> loose = new LinkedHashMap<>();
		event.spans().forEach((s) -> loose.computeIfAbsent(s.traceId(), (k) -> new ArrayList<>()).add(s));
		List<TraceIngestedEvent> pieces = new ArrayList<>();
		for (IngestTrace trace : event.traces()) {
			List<IngestSpan> spans = loose.remove(trace.traceId());
			pieces.add(new TraceIngestedEvent(event.workspaceId(), event.receivedAt(), event.source(), List.of(trace),
					(spans != null) ? spans : List.of()));
		}
		loose.values()
			.forEach((spans) -> pieces.add(
					new TraceIngestedEvent(event.workspaceId(), event.receivedAt(), event.source(), List.of(), spans)));
		return pieces;
	}

	/** Dead-letters an entry that failed {@code max-deliveries} times, with its last error. */
	void deadLetter(MapRecord<String, Object, Object> record, long deliveries) {
		Object reason = this.redis.opsForHash().get(ERRORS_KEY, record.getId().getValue());
		this.deadLetters.add(record.getId().getValue(), str(record.getValue().get(TraceStreams.FIELD_WORKSPACE)),
				str(record.getValue().get(TraceStreams.FIELD_PAYLOAD)),
				(reason != null) ? reason.toString()
						: "not acknowledged after " + deliveries + " deliveries (consumer failed or crashed each time)",
				deliveries);
		ack(List.of(record.getId()));
		this.redis.opsForHash().delete(ERRORS_KEY, record.getId().getValue());
	}

	private Entry decode(MapRecord<String, Object, Object> record) {
		String payload = str(record.getValue().get(TraceStreams.FIELD_PAYLOAD));
		try {
			TraceIngestedEvent event = this.json.readValue(payload, TraceIngestedEvent.class);
			if (event.workspaceId() == null) {
				throw new IllegalArgumentException("workspace_id is missing");
			}
			for (IngestTrace t : event.traces()) {
				if (t.traceId() == null || t.agentId() == null || t.timestamp() == null) {
					throw new IllegalArgumentException("a trace lacks trace_id, agent_id or timestamp");
				}
			}
			return new Entry(record.getId(), event);
		}
		catch (RuntimeException ex) {
			// cannot succeed on any delivery: dead-letter at once instead of blocking the stream
			log.warn("Undecodable entry {} sent to {}: {}", record.getId(), TraceStreams.DLQ, ex.getMessage());
			this.deadLetters.add(record.getId().getValue(), str(record.getValue().get(TraceStreams.FIELD_WORKSPACE)),
					payload, "undecodable payload: " + ex.getMessage(), 1);
			ack(List.of(record.getId()));
			return null;
		}
	}

	private void commitAndAck(List<Entry> entries) {
		commit(entries.stream().map(Entry::event).toList());
		ack(entries.stream().map(Entry::id).toList());
	}

	/** One transaction for the events, then the after-commit marks and events (not the ack). */
	private void commit(List<TraceIngestedEvent> events) {
		Map<UUID, List<IngestTrace>> traces = new TreeMap<>();
		Map<UUID, List<IngestSpan>> spans = new TreeMap<>();
		for (TraceIngestedEvent event : events) {
			UUID ws = event.workspaceId();
			traces.computeIfAbsent(ws, (k) -> new ArrayList<>()).addAll(event.traces());
			spans.computeIfAbsent(ws, (k) -> new ArrayList<>()).addAll(event.spans());
		}
		Map<UUID, JdbcTraceWriter.Registry> registries = new TreeMap<>();
		for (UUID ws : traces.keySet()) {
			registries.put(ws, this.workspaceTransactions.inWorkspace(ws, () -> this.writer.register(ws, traces.get(ws))));
		}
		// announced before the transaction: the search indexer's watermark waits for the batch's traces
		WrittenTraces.Batch announced = this.writtenTraces.begin(traces.entrySet()
			.stream()
			.filter((e) -> !e.getValue().isEmpty())
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet()));
		Map<UUID, JdbcTraceWriter.Result> results;
		try {
			results = this.transactions.execute((status) -> {
				Map<UUID, JdbcTraceWriter.Result> byWorkspace = new LinkedHashMap<>();
				// workspaces in a fixed order, so concurrent consumers take row locks in the same order
				for (UUID ws : traces.keySet()) {
					this.jdbc.sql(SET_WORKSPACE).param(ws.toString()).query((rs) -> {
					});
					byWorkspace.put(ws, this.writer.write(ws, traces.get(ws), spans.get(ws), registries.get(ws)));
				}
				return byWorkspace;
			});
		}
		catch (RuntimeException rolledBack) {
			this.writtenTraces.abandoned(announced);
			throw rolledBack;
		}
		Instant now = Instant.now();
		traces.forEach((ws, list) -> this.writtenTraces.committed(announced, ws,
				list.stream().map(IngestTrace::traceId).distinct().toList(), now));
		results.forEach((ws, result) -> {
			this.dirtyHours.mark(ws, result.touchedHours());
			this.redis.opsForValue().increment(DataVersion.key(ws));
			publishProcessed(ws, result, now);
			this.committedTraces.increment(result.insertedTraceIds().size());
		});
	}

	private void publishProcessed(UUID ws, JdbcTraceWriter.Result result, Instant now) {
		Set<Instant> hours = new TreeSet<>(result.touchedHours());
		Instant from = hours.isEmpty() ? now : hours.iterator().next();
		Instant to = hours.isEmpty() ? now : ((TreeSet<Instant>) hours).last().plusSeconds(3600);
		TracesProcessedEvent event = new TracesProcessedEvent(ws, result.insertedTraceIds(), result.spanCount(), from,
				to, now);
		MapRecord<String, String, String> record = StreamRecords.newRecord()
			.in(TraceStreams.PROCESSED)
			.ofMap(Map.of(TraceStreams.FIELD_WORKSPACE, ws.toString(), TraceStreams.FIELD_PAYLOAD,
					this.json.writeValueAsString(event)));
		this.redis.opsForStream()
			.add(record, RedisStreamCommands.XAddOptions.maxlen(this.settings.processedMaxLength()).approximateTrimming(true));
	}

	private void ack(List<RecordId> ids) {
		this.redis.opsForStream()
			.acknowledge(TraceStreams.INGEST, TraceStreams.PROCESSORS_GROUP, ids.toArray(RecordId[]::new));
	}

	private void remember(Entry entry, RuntimeException failure) {
		String reason = failure.getClass().getSimpleName() + ": " + rootMessage(failure);
		log.warn("Entry {} failed and stays pending: {}", entry.id(), reason);
		this.redis.opsForHash().put(ERRORS_KEY, entry.id().getValue(), reason);
	}

	private static String rootMessage(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = String.valueOf(root.getMessage());
		return message.length() > 1000 ? message.substring(0, 1000) : message;
	}

	private static String str(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
