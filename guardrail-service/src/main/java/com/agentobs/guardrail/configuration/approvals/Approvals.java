package com.agentobs.guardrail.configuration.approvals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@code change_approvals} and {@code approval_decisions}. */
@Repository
class Approvals {

	// GET /api/v1/approvals (one row)
	record Approval(UUID id, String agentId, String environment, String department, String actionType,
			Map<String, Object> actionParams, List<Map<String, Object>> changePatch,
			List<Map<String, Object>> matchedPolicies, int requiredApprovals, int approvals, String status,
			String reason, String requestedBySubject, String requestedByEmail, Instant expiresAt, Instant decidedAt,
			UUID appliedActionId, Instant appliedAt, Instant createdAt, List<Decision> decisions) {

		Approval withDecisions(List<Decision> list) {
			return new Approval(id, agentId, environment, department, actionType, actionParams, changePatch,
					matchedPolicies, requiredApprovals, approvals, status, reason, requestedBySubject, requestedByEmail,
					expiresAt, decidedAt, appliedActionId, appliedAt, createdAt, list);
		}

	}

	record Decision(String decision, String decidedBySubject, String email, String comment, Instant createdAt) {
	}

	private static final String COLUMNS = """
			SELECT c.id, a.agent_id, a.environment, c.department_code, c.action_type, c.action_params::text AS params,
			       c.change_patch::text AS patch, c.matched_policies::text AS policies, c.required_approvals,
			       (SELECT COUNT(*) FROM approval_decisions d
			        WHERE d.approval_id = c.id AND d.workspace_id = c.workspace_id AND d.decision = 'approve') AS approvals,
			       c.status, c.reason, c.requested_by_subject, u.email, c.expires_at, c.decided_at, c.applied_action_id,
			       c.applied_at, c.created_at
			FROM change_approvals c
			LEFT JOIN agents a ON a.id = c.agent_id AND a.workspace_id = c.workspace_id
			LEFT JOIN users u ON u.id = c.requested_by
			""";

	private static final String LIST = COLUMNS + """
			WHERE c.workspace_id = :ws AND (CAST(:status AS text) IS NULL OR c.status = :status)
			  AND (CAST(:department AS text) IS NULL OR c.department_code = :department)
			ORDER BY CASE c.status WHEN 'pending' THEN 0 ELSE 1 END, c.created_at DESC
			LIMIT :limit OFFSET :offset""";

	private static final String COUNT = """
			SELECT COUNT(*) FROM change_approvals c
			WHERE c.workspace_id = :ws AND (CAST(:status AS text) IS NULL OR c.status = :status)
			  AND (CAST(:department AS text) IS NULL OR c.department_code = :department)""";

	private static final String BY_ID = COLUMNS + " WHERE c.workspace_id = :ws AND c.id = :id";

	private static final String LOCK = "SELECT id FROM change_approvals WHERE workspace_id = :ws AND id = :id FOR UPDATE";

	private static final String DECISIONS = """
			SELECT d.approval_id, d.decision, d.decided_by_subject, u.email, d.comment, d.created_at
			FROM approval_decisions d LEFT JOIN users u ON u.id = d.decided_by
			WHERE d.workspace_id = :ws AND d.approval_id IN (:ids) ORDER BY d.created_at""";

	private static final String INSERT = """
			INSERT INTO change_approvals (workspace_id, agent_id, action_type, action_params, change_patch, base_config_hash,
			                              matched_policies, required_approvals, reason, requested_by, requested_by_subject,
			                              department_code, expires_at)
			VALUES (:ws, :agent, :type, CAST(:params AS jsonb), CAST(:patch AS jsonb), :hash, CAST(:policies AS jsonb),
			        :required, :reason, (SELECT u.id FROM users u WHERE u.id = CAST(:user_id AS uuid)), :subject,
			        :department, :expires)
			RETURNING id""";

	private static final String INSERT_DECISION = """
			INSERT INTO approval_decisions (workspace_id, approval_id, decision, decided_by, decided_by_subject, comment, action_id)
			VALUES (:ws, :approval, :decision, (SELECT u.id FROM users u WHERE u.id = CAST(:user_id AS uuid)), :subject,
			        :comment, :action_id)
			ON CONFLICT (approval_id, decided_by_subject) DO NOTHING""";

	private static final String HAS_DECIDED = """
			SELECT COUNT(*) FROM approval_decisions WHERE workspace_id = :ws AND approval_id = :approval
			AND decided_by_subject = :subject""";

	private static final String SET_STATUS = """
			UPDATE change_approvals SET status = :status, decided_at = :at, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id""";

	private static final String MARK_APPLIED = """
			UPDATE change_approvals SET applied_action_id = :action_id, applied_at = :at, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id AND applied_action_id IS NULL""";

	private static final String EXPIRE_DUE = """
			UPDATE change_approvals SET status = 'expired', decided_at = expires_at, updated_at = NOW()
			WHERE workspace_id = :ws AND status = 'pending' AND expires_at <= :now""";

	private static final String APPROVED_UNAPPLIED = """
			SELECT id FROM change_approvals
			WHERE workspace_id = :ws AND status = 'approved' AND applied_action_id IS NULL AND decided_at <= :before""";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper mapper;

	Approvals(JdbcClient jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	UUID insert(UUID ws, UUID agentId, String actionType, Object params, Object patch, String baseHash,
			Object policies, int required, String reason, UUID userId, String subject, String department,
			Instant expiresAt) {
		return this.jdbc.sql(INSERT)
			.param("ws", ws)
			.param("agent", agentId)
			.param("type", actionType)
			.param("params", this.mapper.writeValueAsString(params))
			.param("patch", this.mapper.writeValueAsString(patch))
			.param("hash", baseHash)
			.param("policies", this.mapper.writeValueAsString(policies))
			.param("required", required)
			.param("reason", reason)
			.param("user_id", (userId != null) ? userId.toString() : null)
			.param("subject", subject)
			.param("department", department)
			.param("expires", Timestamp.from(expiresAt))
			.query(UUID.class)
			.single();
	}

	Optional<Approval> find(UUID ws, UUID id) {
		return this.jdbc.sql(BY_ID).param("ws", ws).param("id", id).query(this::map).optional()
			.map((a) -> a.withDecisions(decisions(ws, List.of(a.id())).getOrDefault(a.id(), List.of())));
	}

	/** Locks the approval row, then reads it: concurrent decisions on one approval serialise here. */
	Optional<Approval> lock(UUID ws, UUID id) {
		if (this.jdbc.sql(LOCK).param("ws", ws).param("id", id).query(UUID.class).optional().isEmpty()) {
			return Optional.empty();
		}
		return find(ws, id);
	}

	List<Approval> list(UUID ws, String status, String department, int limit, int offset) {
		List<Approval> rows = this.jdbc.sql(LIST)
			.param("ws", ws)
			.param("status", status)
			.param("department", department)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
		if (rows.isEmpty()) {
			return rows;
		}
		Map<UUID, List<Decision>> decisions = decisions(ws, rows.stream().map(Approval::id).toList());
		return rows.stream().map((a) -> a.withDecisions(decisions.getOrDefault(a.id(), List.of()))).toList();
	}

	long count(UUID ws, String status, String department) {
		return this.jdbc.sql(COUNT)
			.param("ws", ws)
			.param("status", status)
			.param("department", department)
			.query(Long.class)
			.single();
	}

	boolean hasDecided(UUID ws, UUID approvalId, String subject) {
		return this.jdbc.sql(HAS_DECIDED)
			.param("ws", ws)
			.param("approval", approvalId)
			.param("subject", subject)
			.query(Long.class)
			.single() > 0;
	}

	void decide(UUID ws, UUID approvalId, String decision, UUID userId, String subject, String comment,
			UUID actionId) {
		this.jdbc.sql(INSERT_DECISION)
			.param("ws", ws)
			.param("approval", approvalId)
			.param("decision", decision)
			.param("user_id", (userId != null) ? userId.toString() : null)
			.param("subject", subject)
			.param("comment", comment)
			.param("action_id", actionId)
			.update();
	}

	void setStatus(UUID ws, UUID id, String status, Instant at) {
		this.jdbc.sql(SET_STATUS)
			.param("ws", ws)
			.param("id", id)
			.param("status", status)
			.param("at", (at != null) ? Timestamp.from(at) : null)
			.update();
	}

	/** Marks the approval applied by {@code actionId}; false when another action applied it first. */
	boolean markApplied(UUID ws, UUID id, UUID actionId, Instant at) {
		return this.jdbc.sql(MARK_APPLIED)
			.param("ws", ws)
			.param("id", id)
			.param("action_id", actionId)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	int expireDue(UUID ws, Instant now) {
		return this.jdbc.sql(EXPIRE_DUE).param("ws", ws).param("now", Timestamp.from(now)).update();
	}

	List<UUID> approvedUnapplied(UUID ws, Instant decidedBefore) {
		return this.jdbc.sql(APPROVED_UNAPPLIED)
			.param("ws", ws)
			.param("before", Timestamp.from(decidedBefore))
			.query(UUID.class)
			.list();
	}

	private Map<UUID, List<Decision>> decisions(UUID ws, List<UUID> ids) {
		Map<UUID, List<Decision>> out = new java.util.HashMap<>();
		this.jdbc.sql(DECISIONS).param("ws", ws).param("ids", ids).query((rs) -> {
			out.computeIfAbsent(rs.getObject("approval_id", UUID.class), (k) -> new java.util.ArrayList<>())
				.add(new Decision(rs.getString("decision"), rs.getString("decided_by_subject"), rs.getString("email"),
						rs.getString("comment"), rs.getObject("created_at", OffsetDateTime.class).toInstant()));
		});
		return out;
	}

	private Approval map(ResultSet rs, int n) throws SQLException {
		return new Approval(rs.getObject("id", UUID.class), rs.getString("agent_id"), rs.getString("environment"),
				rs.getString("department_code"), rs.getString("action_type"),
				this.mapper.readValue(rs.getString("params"), MAP), this.mapper.readValue(rs.getString("patch"), LIST_OF_MAPS),
				this.mapper.readValue(rs.getString("policies"), LIST_OF_MAPS), rs.getInt("required_approvals"),
				rs.getInt("approvals"), rs.getString("status"), rs.getString("reason"),
				rs.getString("requested_by_subject"), rs.getString("email"), instant(rs, "expires_at"),
				instant(rs, "decided_at"), rs.getObject("applied_action_id", UUID.class), instant(rs, "applied_at"),
				instant(rs, "created_at"), List.of());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
