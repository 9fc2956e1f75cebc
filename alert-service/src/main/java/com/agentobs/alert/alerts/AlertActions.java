package com.agentobs.alert.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionScope;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.ObjectMapper;

/**
 * {@code alert.acknowledge}, {@code alert_silence.create} and {@code alert_silence.expire}. A new
 * silence applies at once to the unresolved alerts it matches (and to every later evaluation); its
 * rollback expires it and lifts it from those alerts.
 */
@Configuration(proxyBeanMethods = false)
class AlertActions {

	static final Set<String> MATCHER_KEYS = Set.of("rule_id", "severity", "agent_id", "department", "environment");

	private static final String LOCK_ALERT = """
			SELECT acknowledged_at, acknowledged_by FROM alerts WHERE workspace_id = :ws AND id = :id FOR UPDATE
			""";

	private static final String SET_ACK = """
			UPDATE alerts SET acknowledged_at = :at, acknowledged_by = :by, updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id
			""";

	private static final String INSERT_SILENCE = """
			INSERT INTO alert_silences (workspace_id, matchers, starts_at, ends_at, comment, created_by)
			VALUES (:ws, CAST(:matchers AS jsonb), :starts, :ends, :comment, :by)
			RETURNING id
			""";

	private static final String APPLY_SILENCE = """
			UPDATE alerts a SET silence_id = :id, updated_at = NOW()
			WHERE a.workspace_id = :ws AND a.status <> 'resolved' AND a.silence_id IS NULL
			  AND (a.labels || jsonb_build_object('rule_id', a.rule_id::text, 'severity', a.severity))
			      @> (SELECT s.matchers FROM alert_silences s WHERE s.workspace_id = :ws AND s.id = :id)
			""";

	private static final String LIFT_SILENCE = """
			UPDATE alerts SET silence_id = NULL, updated_at = NOW()
			WHERE workspace_id = :ws AND silence_id = :id AND status <> 'resolved'
			""";

	private static final String LOCK_SILENCE = """
			SELECT ends_at FROM alert_silences WHERE workspace_id = :ws AND id = :id FOR UPDATE
			""";

	private static final String SET_ENDS = """
			UPDATE alert_silences SET ends_at = GREATEST(:ends, starts_at + INTERVAL '1 millisecond'), updated_at = NOW()
			WHERE workspace_id = :ws AND id = :id
			""";

	// POST /api/v1/alerts/{alert_id}/acknowledge
	record AlertRef(UUID alertId) {
	}

	record PriorAck(UUID alertId, Instant acknowledgedAt, String acknowledgedBy) {
	}

	// POST /api/v1/alerts/silences
	record SilenceRequest(Map<String, String> matchers, Integer durationMinutes, Instant endsAt, String comment) {
	}

	record SilenceRef(UUID silenceId) {
	}

	record PriorEnd(UUID silenceId, Instant endsAt, boolean created) {
	}

	@Bean
	ActionHandler<AlertRef, PriorAck> acknowledgeAlertAction(JdbcClient jdbc, AlertReads reads, Clock clock) {
		return new ActionHandler<>() {
			@Override
			public String type() {
				return "alert.acknowledge";
			}

			@Override
			public Class<AlertRef> paramsType() {
				return AlertRef.class;
			}

			@Override
			public Class<PriorAck> inverseType() {
				return PriorAck.class;
			}

			@Override
			public ActionTarget prepare(ActionContext context, AlertRef p) {
				AlertItem alert = reads.find(context.workspaceId(), p.alertId())
					.orElseThrow(() -> ApiException.notFound("alert", p.alertId().toString()));
				if ("resolved".equals(alert.status())) {
					throw ApiException.conflict("The alert is resolved already");
				}
				return (alert.agentId() != null) ? ActionTarget.agent(alert.agentId())
						: new ActionTarget(ActionScope.FLEET, "alert", alert.alertId().toString());
			}

			@Override
			public ActionOutcome<PriorAck> execute(ActionContext context, AlertRef p) {
				PriorAck prior = jdbc.sql(LOCK_ALERT).param("ws", context.workspaceId()).param("id", p.alertId())
					.query((rs, n) -> new PriorAck(p.alertId(),
							(rs.getTimestamp(1) != null) ? rs.getTimestamp(1).toInstant() : null, rs.getString(2)))
					.single();
				Instant at = (prior.acknowledgedAt() != null) ? prior.acknowledgedAt() : clock.instant();
				String by = (prior.acknowledgedBy() != null) ? prior.acknowledgedBy() : context.actorSubject();
				set(jdbc, context.workspaceId(), p.alertId(), at, by);
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("alert_id", p.alertId().toString());
				result.put("acknowledged_at", at.toString());
				result.put("acknowledged_by", by);
				return ActionOutcome.of(result, prior);
			}

			@Override
			public Object revert(ActionContext context, PriorAck inverse) {
				jdbc.sql(LOCK_ALERT).param("ws", context.workspaceId()).param("id", inverse.alertId())
					.query((rs, n) -> 1).single();
				set(jdbc, context.workspaceId(), inverse.alertId(), inverse.acknowledgedAt(), inverse.acknowledgedBy());
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("alert_id", inverse.alertId().toString());
				result.put("acknowledged_at", (inverse.acknowledgedAt() != null) ? inverse.acknowledgedAt().toString() : null);
				return result;
			}
		};
	}

	private static void set(JdbcClient jdbc, UUID ws, UUID id, Instant at, String by) {
		jdbc.sql(SET_ACK).param("ws", ws).param("id", id).param("at", (at != null) ? Timestamp.from(at) : null)
			.param("by", by).update();
	}

	@Bean
	ActionHandler<SilenceRequest, PriorEnd> createSilenceAction(JdbcClient jdbc, ObjectMapper mapper, Clock clock) {
		return new ActionHandler<>() {
			@Override
			public String type() {
				return "alert_silence.create";
			}

			@Override
			public Class<SilenceRequest> paramsType() {
				return SilenceRequest.class;
			}

			@Override
			public Class<PriorEnd> inverseType() {
				return PriorEnd.class;
			}

			@Override
			public ActionTarget prepare(ActionContext context, SilenceRequest p) {
				validate(p, clock.instant());
				ActionScope scope = p.matchers().containsKey("agent_id") ? ActionScope.AGENT
						: p.matchers().containsKey("department") ? ActionScope.DEPARTMENT : ActionScope.FLEET;
				return new ActionTarget(scope, "alert_silence", mapper.writeValueAsString(p.matchers()));
			}

			@Override
			public ActionOutcome<PriorEnd> execute(ActionContext context, SilenceRequest p) {
				Instant now = clock.instant();
				Instant ends = (p.endsAt() != null) ? p.endsAt() : now.plus(Duration.ofMinutes(p.durationMinutes()));
				UUID id = jdbc.sql(INSERT_SILENCE)
					.param("ws", context.workspaceId())
					.param("matchers", mapper.writeValueAsString(p.matchers()))
					.param("starts", Timestamp.from(now))
					.param("ends", Timestamp.from(ends))
					.param("comment", p.comment())
					.param("by", context.actorSubject())
					.query(UUID.class)
					.single();
				int silenced = jdbc.sql(APPLY_SILENCE).param("ws", context.workspaceId()).param("id", id).update();
				return ActionOutcome.of(Map.of("silence_id", id.toString(), "ends_at", ends.toString(),
						"alerts_silenced", silenced), new PriorEnd(id, null, true));
			}

			@Override
			public Object revert(ActionContext context, PriorEnd inverse) {
				return restore(jdbc, clock, context, inverse);
			}
		};
	}

	@Bean
	ActionHandler<SilenceRef, PriorEnd> expireSilenceAction(JdbcClient jdbc, Clock clock) {
		return new ActionHandler<>() {
			@Override
			public String type() {
				return "alert_silence.expire";
			}

			@Override
			public Class<SilenceRef> paramsType() {
				return SilenceRef.class;
			}

			@Override
			public Class<PriorEnd> inverseType() {
				return PriorEnd.class;
			}

			@Override
			public ActionTarget prepare(ActionContext context, SilenceRef p) {
				jdbc.sql("SELECT id FROM alert_silences WHERE workspace_id = :ws AND id = :id")
					.param("ws", context.workspaceId()).param("id", p.silenceId()).query(UUID.class).optional()
					.orElseThrow(() -> ApiException.notFound("silence", p.silenceId().toString()));
				return new ActionTarget(ActionScope.FLEET, "alert_silence", p.silenceId().toString());
			}

			@Override
			public ActionOutcome<PriorEnd> execute(ActionContext context, SilenceRef p) {
				Instant prior = jdbc.sql(LOCK_SILENCE).param("ws", context.workspaceId()).param("id", p.silenceId())
					.query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
				Instant now = clock.instant();
				jdbc.sql(SET_ENDS).param("ws", context.workspaceId()).param("id", p.silenceId())
					.param("ends", Timestamp.from(now)).update();
				jdbc.sql(LIFT_SILENCE).param("ws", context.workspaceId()).param("id", p.silenceId()).update();
				return ActionOutcome.of(Map.of("silence_id", p.silenceId().toString(), "ends_at", now.toString()),
						new PriorEnd(p.silenceId(), prior, false));
			}

			@Override
			public Object revert(ActionContext context, PriorEnd inverse) {
				return restore(jdbc, clock, context, inverse);
			}
		};
	}

	/** Puts a silence's end back (or ends a created one now); matching alerts follow at once. */
	private static Object restore(JdbcClient jdbc, Clock clock, ActionContext context, PriorEnd inverse) {
		jdbc.sql(LOCK_SILENCE).param("ws", context.workspaceId()).param("id", inverse.silenceId())
			.query((rs, n) -> 1).single();
		Instant now = clock.instant();
		Instant ends = inverse.created() ? now : inverse.endsAt();
		jdbc.sql(SET_ENDS).param("ws", context.workspaceId()).param("id", inverse.silenceId())
			.param("ends", Timestamp.from(ends)).update();
		if (ends.isAfter(now)) {
			jdbc.sql(APPLY_SILENCE).param("ws", context.workspaceId()).param("id", inverse.silenceId()).update();
		}
		else {
			jdbc.sql(LIFT_SILENCE).param("ws", context.workspaceId()).param("id", inverse.silenceId()).update();
		}
		return Map.of("silence_id", inverse.silenceId().toString(), "ends_at", ends.toString());
	}

	static void validate(SilenceRequest p, Instant now) {
		if (p.matchers() == null || p.matchers().isEmpty()) {
			throw ApiException.validation("matchers", "needs at least one label matcher",
					List.copyOf(MATCHER_KEYS));
		}
		p.matchers().forEach((k, v) -> {
			if (!MATCHER_KEYS.contains(k)) {
				throw ApiException.validation("matchers." + k, "unknown label", List.copyOf(MATCHER_KEYS));
			}
			if (v == null || v.isBlank()) {
				throw ApiException.validation("matchers." + k, "must not be blank");
			}
		});
		if (p.endsAt() == null && p.durationMinutes() == null) {
			throw ApiException.validation("duration_minutes", "either duration_minutes or ends_at is required");
		}
		if (p.endsAt() != null && !p.endsAt().isAfter(now)) {
			throw ApiException.validation("ends_at", "must be in the future");
		}
		if (p.durationMinutes() != null && (p.durationMinutes() < 1 || p.durationMinutes() > 43200)) {
			throw ApiException.validation("duration_minutes", "must be between 1 and 43200 (30 days)");
		}
	}

}
