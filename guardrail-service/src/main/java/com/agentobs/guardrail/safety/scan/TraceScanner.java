package com.agentobs.guardrail.safety.scan;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.stream.ConsumerGroups;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.contracts.stream.TracesProcessedEvent;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.guardrail.safety.SafetyProperties;
import com.agentobs.guardrail.safety.check.Guard;
import com.agentobs.guardrail.safety.check.SafetySnapshots;
import com.agentobs.guardrail.safety.detect.Finding;
import com.agentobs.guardrail.safety.detect.Redactor;
import com.agentobs.guardrail.safety.violation.NewViolation;
import com.agentobs.guardrail.safety.violation.ViolationStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Scans every newly stored trace with the inline check's detectors, in monitor mode (the trace
 * already went out: nothing is blocked, covered findings are recorded as {@code flagged}), so the
 * Safety tab fills for agents that never call the check. A consumer group on
 * {@code traces:processed}; an entry is acknowledged after its violations committed, and
 * violations are keyed by trace, direction, type and offset, so a redelivery adds nothing.
 */
@Component
class TraceScanner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TraceScanner.class);

	private static final String TRACES = """
			SELECT t.trace_id, t.agent_id, d.department_code, t.environment, t.timestamp, t.input, t.output
			FROM traces t LEFT JOIN departments d ON d.id = t.department_id AND d.workspace_id = t.workspace_id
			WHERE t.workspace_id = :ws AND t.trace_id = ANY(:ids)""";

	record StoredTrace(String traceId, String agentId, String department, String environment, Instant timestamp,
			String input, String output) {
	}

	private final StringRedisTemplate redis;

	private final WorkspaceTransactions transactions;

	private final JdbcClient jdbc;

	private final SafetySnapshots snapshots;

	private final ViolationStore violations;

	private final ObjectMapper json;

	private final SafetyProperties.Scanner settings;

	private final int excerptRadius;

	private final Counter scanned;

	private final String consumerName = "scanner-" + UUID.randomUUID();

	private volatile Thread thread;

	private volatile boolean running;

	TraceScanner(StringRedisTemplate redis, WorkspaceTransactions transactions, JdbcClient jdbc,
			SafetySnapshots snapshots, ViolationStore violations, ObjectMapper json, SafetyProperties properties,
			MeterRegistry registry) {
		this.redis = redis;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.snapshots = snapshots;
		this.violations = violations;
		this.json = json;
		this.settings = properties.scanner();
		this.excerptRadius = properties.excerptRadius();
		this.scanned = Counter.builder("agentobs.guardrail.scanner.traces")
			.description("stored traces scanned by the guardrail detectors")
			.register(registry);
	}

	@Override
	public void start() {
		if (!this.settings.enabled()) {
			return;
		}
		this.running = true;
		Thread t = new Thread(this::run, "guardrail-trace-scanner");
		t.setDaemon(true);
		this.thread = t;
		t.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread t = this.thread;
		if (t != null) {
			t.interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		boolean pendingFirst = true; // after a restart, entries this consumer name never acked are re-read first
		boolean grouped = false;
		long backoff = 200;
		while (this.running) {
			try {
				if (!grouped) {
					ensureGroup();
					grouped = true;
				}
				List<MapRecord<String, Object, Object>> entries = read(pendingFirst);
				if (pendingFirst && (entries == null || entries.isEmpty())) {
					pendingFirst = false;
					continue;
				}
				if (entries != null) {
					for (MapRecord<String, Object, Object> entry : entries) {
						handle(entry);
						this.redis.opsForStream().acknowledge(TraceStreams.PROCESSED, this.settings.group(), entry.getId());
					}
				}
				backoff = 200;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				grouped = false;
				log.warn("Guardrail trace scanner: {} (retrying)", ex.toString());
				sleep(backoff);
				backoff = Math.min(backoff * 2, 10_000);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private List<MapRecord<String, Object, Object>> read(boolean pending) {
		StreamReadOptions options = StreamReadOptions.empty().count(this.settings.batch());
		if (!pending) {
			options = options.block(this.settings.block());
		}
		return this.redis.opsForStream()
			.read(Consumer.from(this.settings.group(), this.consumerName), options,
					StreamOffset.create(TraceStreams.PROCESSED, pending ? ReadOffset.from("0") : ReadOffset.lastConsumed()));
	}

	private void handle(MapRecord<String, Object, Object> entry) {
		Object payload = entry.getValue().get(TraceStreams.FIELD_PAYLOAD);
		if (payload == null) {
			return;
		}
		TracesProcessedEvent event = this.json.readValue(payload.toString(), TracesProcessedEvent.class);
		if (event.traceIds().isEmpty()) {
			return;
		}
		scan(event.workspaceId(), event.traceIds());
	}

	/** Scans the given stored traces of one workspace and records what the policies cover. */
	void scan(UUID ws, List<String> traceIds) {
		SafetySnapshots.Snapshot snapshot = this.snapshots.get(ws);
		if (snapshot.policies().isEmpty()) {
			this.scanned.increment(traceIds.size());
			return;
		}
		this.transactions.runInWorkspace(ws, () -> {
			List<StoredTrace> traces = this.jdbc.sql(TRACES)
				.param("ws", ws)
				.param("ids", traceIds.toArray(String[]::new))
				.query((rs, row) -> new StoredTrace(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6),
						rs.getString(7)))
				.list();
			List<NewViolation> found = new ArrayList<>();
			for (StoredTrace trace : traces) {
				collect(ws, snapshot, trace, "input", trace.input(), found);
				collect(ws, snapshot, trace, "output", trace.output(), found);
			}
			if (!found.isEmpty()) {
				this.violations.insert(found);
			}
			this.scanned.increment(traces.size());
		});
	}

	private void collect(UUID ws, SafetySnapshots.Snapshot snapshot, StoredTrace trace, String direction, String text,
			List<NewViolation> out) {
		if (text == null || text.isEmpty()) {
			return;
		}
		Guard.Decision decision = Guard.decide(snapshot, trace.agentId(), text);
		for (Guard.Applied a : decision.findings()) {
			Finding f = a.finding();
			out.add(new NewViolation(ws, trace.timestamp(), trace.traceId(), trace.agentId(), trace.department(),
					trace.environment(), a.policy().id(), f.type().wire(), f.type().category().wire(),
					Guard.severity(f.type()), "flagged", f.score(), "trace_scan", direction, a.entity(),
					Redactor.excerpt(text, decision.detected(), f, this.excerptRadius),
					"scan:" + trace.traceId() + ":" + direction + ":" + f.type().wire() + ":" + f.start()));
		}
	}

	/** The group starts at the stream's end: stored traces before the first start are not scanned. */
	private void ensureGroup() {
		ConsumerGroups.ensure(this.redis, TraceStreams.PROCESSED, this.settings.group(), ConsumerGroups.FROM_NOW);
	}

	private void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
