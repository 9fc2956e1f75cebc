package com.agentobs.evaluation.experiments;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@code experiments} and {@code experiment_variants}; inside a workspace transaction, filtered on it anyway. */
@Repository
class ExperimentStore {

	private static final String COLUMNS = """
			SELECT id, name, hypothesis, agent_id, primary_metric, guardrail_metrics, status, salt, alpha, power, mde,
			       min_sample_size, sequential, winner_variant_id, decision, started_at, stopped_at, winner_declared_at,
			       promoted_at, created_by, created_at
			FROM experiments""";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	ExperimentStore(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	UUID insert(UUID ws, ExperimentDefinition d, String salt, String createdBy) {
		UUID id = this.jdbc.sql("""
				INSERT INTO experiments (workspace_id, name, hypothesis, agent_id, primary_metric, guardrail_metrics, salt,
				                         alpha, power, mde, min_sample_size, sequential, created_by)
				VALUES (:ws, :name, :hypothesis, :agent, :metric, CAST(:guardrails AS text[]), :salt, :alpha, :power, :mde,
				        :min, :sequential, :by)
				RETURNING id""")
			.param("ws", ws)
			.param("name", d.name())
			.param("hypothesis", d.hypothesis())
			.param("agent", d.agentId())
			.param("metric", d.primaryMetric())
			.param("guardrails", "{" + String.join(",", d.guardrailMetrics()) + "}")
			.param("salt", salt)
			.param("alpha", d.alpha())
			.param("power", d.power())
			.param("mde", d.mde())
			.param("min", d.minSampleSize())
			.param("sequential", d.sequential())
			.param("by", createdBy)
			.query(UUID.class)
			.single();
		int position = 0;
		for (ExperimentDefinition.VariantDefinition v : d.variants()) {
			this.jdbc.sql("""
					INSERT INTO experiment_variants (workspace_id, experiment_id, key, name, is_control, traffic_pct,
					                                 overrides, position)
					VALUES (:ws, :experiment, :key, :name, :control, :pct, CAST(:overrides AS jsonb), :position)""")
				.param("ws", ws)
				.param("experiment", id)
				.param("key", v.key())
				.param("name", v.name())
				.param("control", v.control())
				.param("pct", v.trafficPct())
				.param("overrides", this.mapper.writeValueAsString(v.overrides()))
				.param("position", position++)
				.update();
		}
		return id;
	}

	List<Experiment> list(UUID ws) {
		List<Experiment> rows = this.jdbc.sql(COLUMNS + " WHERE workspace_id = :ws ORDER BY created_at DESC")
			.param("ws", ws)
			.query(this::map)
			.list();
		Map<UUID, List<Experiment.Variant>> variants = variantsOfWorkspace(ws);
		return rows.stream().map((e) -> withVariants(e, variants.getOrDefault(e.experimentId(), List.of()))).toList();
	}

	Optional<Experiment> find(UUID ws, UUID id) {
		return this.jdbc.sql(COLUMNS + " WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.query(this::map)
			.optional()
			.map((e) -> withVariants(e, variants(ws, id)));
	}

	Optional<Experiment> lock(UUID ws, UUID id) {
		return this.jdbc.sql(COLUMNS + " WHERE workspace_id = :ws AND id = :id FOR UPDATE")
			.param("ws", ws)
			.param("id", id)
			.query(this::map)
			.optional()
			.map((e) -> withVariants(e, variants(ws, id)));
	}

	void delete(UUID ws, UUID id) {
		this.jdbc.sql("DELETE FROM experiments WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.update();
	}

	/** Writes the lifecycle fields and the split of a snapshot (an action's change or its rollback). */
	void apply(UUID ws, Experiment.Snapshot s) {
		this.jdbc.sql("""
				UPDATE experiments
				SET status = :status, started_at = :started, stopped_at = :stopped, winner_variant_id = :winner,
				    decision = :decision, winner_declared_at = :declared, promoted_at = :promoted, updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id""")
			.param("ws", ws)
			.param("id", s.experimentId())
			.param("status", s.status())
			.param("started", ts(s.startedAt()))
			.param("stopped", ts(s.stoppedAt()))
			.param("winner", s.winnerVariantId())
			.param("decision", s.decision())
			.param("declared", ts(s.winnerDeclaredAt()))
			.param("promoted", ts(s.promotedAt()))
			.update();
		s.split().forEach((variant, pct) -> this.jdbc
			.sql("UPDATE experiment_variants SET traffic_pct = :pct WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", UUID.fromString(variant))
			.param("pct", pct)
			.update());
	}

	/** Ids of running experiments in every workspace (the results job's work list). */
	List<Map.Entry<UUID, UUID>> running() {
		return this.jdbc.sql("SELECT workspace_id, id FROM agentobs_running_experiments()")
			.query((rs, i) -> Map.entry(rs.getObject("workspace_id", UUID.class), rs.getObject("id", UUID.class)))
			.list();
	}

	private List<Experiment.Variant> variants(UUID ws, UUID experimentId) {
		return this.jdbc.sql("""
				SELECT id, experiment_id, key, name, is_control, traffic_pct, overrides::text AS overrides, position
				FROM experiment_variants WHERE workspace_id = :ws AND experiment_id = :id ORDER BY position""")
			.param("ws", ws)
			.param("id", experimentId)
			.query(this::mapVariant)
			.list();
	}

	private Map<UUID, List<Experiment.Variant>> variantsOfWorkspace(UUID ws) {
		Map<UUID, List<Experiment.Variant>> out = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT id, experiment_id, key, name, is_control, traffic_pct, overrides::text AS overrides, position
				FROM experiment_variants WHERE workspace_id = :ws ORDER BY experiment_id, position""")
			.param("ws", ws)
			.query((ResultSet rs) -> {
				out.computeIfAbsent(rs.getObject("experiment_id", UUID.class), (k) -> new ArrayList<>())
					.add(mapVariant(rs, 0));
			});
		return out;
	}

	private Experiment.Variant mapVariant(ResultSet rs, int i) throws SQLException {
		return new Experiment.Variant(rs.getObject("id", UUID.class), rs.getString("key"), rs.getString("name"),
				rs.getBoolean("is_control"), rs.getDouble("traffic_pct"),
				this.mapper.readValue(rs.getString("overrides"), MAP), rs.getInt("position"));
	}

	private Experiment map(ResultSet rs, int i) throws SQLException {
		Array guardrails = rs.getArray("guardrail_metrics");
		double mde = rs.getDouble("mde");
		Double mdeValue = rs.wasNull() ? null : mde;
		return new Experiment(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("hypothesis"),
				rs.getString("agent_id"), rs.getString("primary_metric"),
				(guardrails != null) ? Arrays.asList((String[]) guardrails.getArray()) : List.of(),
				rs.getString("status"), rs.getString("salt"), rs.getDouble("alpha"), rs.getDouble("power"), mdeValue,
				rs.getInt("min_sample_size"), rs.getBoolean("sequential"), rs.getObject("winner_variant_id", UUID.class),
				rs.getString("decision"), instant(rs, "started_at"), instant(rs, "stopped_at"),
				instant(rs, "winner_declared_at"), instant(rs, "promoted_at"), rs.getString("created_by"),
				instant(rs, "created_at"), List.of());
	}

	private static Experiment withVariants(Experiment e, List<Experiment.Variant> variants) {
		return new Experiment(e.experimentId(), e.name(), e.hypothesis(), e.agentId(), e.primaryMetric(),
				e.guardrailMetrics(), e.status(), e.salt(), e.alpha(), e.power(), e.mde(), e.minSampleSize(),
				e.sequential(), e.winnerVariantId(), e.decision(), e.startedAt(), e.stoppedAt(), e.winnerDeclaredAt(),
				e.promotedAt(), e.createdBy(), e.createdAt(), variants);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
