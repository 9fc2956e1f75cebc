package com.agentobs.query.business;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code value_models}: one per department; call inside a workspace transaction. */
@Repository
class ValueModels {

	private static final String SELECT = """
			SELECT v.id, v.department_id, d.department_code, v.model_type, v.value_per_outcome_usd,
			       v.hours_per_outcome, v.hourly_rate_usd, v.outcome_label, v.updated_at
			FROM value_models v JOIN departments d ON d.id = v.department_id AND d.workspace_id = v.workspace_id
			WHERE v.workspace_id = :ws""";

	private static final RowMapper<ValueModel> ROW = (rs, i) -> new ValueModel(rs.getObject("id", UUID.class),
			rs.getObject("department_id", UUID.class), rs.getString("department_code"), rs.getString("model_type"),
			rs.getBigDecimal("value_per_outcome_usd"), rs.getBigDecimal("hours_per_outcome"),
			rs.getBigDecimal("hourly_rate_usd"), rs.getString("outcome_label"),
			rs.getObject("updated_at", OffsetDateTime.class).toInstant());

	private final JdbcClient jdbc;

	ValueModels(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<ValueModel> all(UUID ws) {
		return this.jdbc.sql(SELECT + " ORDER BY d.department_code").param("ws", ws).query(ROW).list();
	}

	Map<UUID, ValueModel> byDepartment(UUID ws) {
		return all(ws).stream().collect(Collectors.toMap(ValueModel::departmentId, Function.identity()));
	}

	/** The department's model, row-locked (serialises concurrent edits). */
	Optional<ValueModel> lock(UUID ws, UUID departmentId) {
		return this.jdbc.sql(SELECT + " AND v.department_id = :dept FOR UPDATE OF v")
			.param("ws", ws)
			.param("dept", departmentId)
			.query(ROW)
			.optional();
	}

	void upsert(UUID ws, UUID departmentId, String modelType, BigDecimal valuePerOutcome, BigDecimal hours,
			BigDecimal rate, String label, String subject) {
		this.jdbc.sql("""
				INSERT INTO value_models (workspace_id, department_id, model_type, value_per_outcome_usd,
				    hours_per_outcome, hourly_rate_usd, outcome_label, updated_by_subject)
				VALUES (:ws, :dept, :type, :vpo, :hours, :rate, :label, :subject)
				ON CONFLICT (workspace_id, department_id) DO UPDATE
				    SET model_type = EXCLUDED.model_type, value_per_outcome_usd = EXCLUDED.value_per_outcome_usd,
				        hours_per_outcome = EXCLUDED.hours_per_outcome, hourly_rate_usd = EXCLUDED.hourly_rate_usd,
				        outcome_label = EXCLUDED.outcome_label, updated_by_subject = EXCLUDED.updated_by_subject,
				        updated_at = NOW()""")
			.param("ws", ws)
			.param("dept", departmentId)
			.param("type", modelType)
			.param("vpo", valuePerOutcome)
			.param("hours", hours)
			.param("rate", rate)
			.param("label", label)
			.param("subject", subject)
			.update();
	}

	void delete(UUID ws, UUID departmentId) {
		this.jdbc.sql("DELETE FROM value_models WHERE workspace_id = :ws AND department_id = :dept")
			.param("ws", ws)
			.param("dept", departmentId)
			.update();
	}

}
