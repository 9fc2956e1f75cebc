package com.agentobs.alert.incidents;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code postmortem.save} (the incident's postmortem with its action items, written as a whole:
 * undo restores the previous version, or removes a new one) and {@code incident.escalate} (raises
 * the severity of an unresolved incident; undo lowers it back while it has not changed since).
 */
@Configuration(proxyBeanMethods = false)
class PostmortemActions {

	static final List<String> STATUSES = List.of("draft", "in_review", "published");

	static final int MAX_ITEMS = 50;

	// POST /api/v1/incidents/{incident_id}/postmortem (action_items: [{title, owner, status, due_date}])
	record PostmortemSave(UUID incidentId, String summary, String rootCause, String status, List<Item> actionItems) {
	}

	record Item(String title, String owner, String status, String dueDate) {
	}

	/** A postmortem as stored (the inverse of a save); {@code existed = false}: there was none. */
	record Snapshot(UUID incidentId, boolean existed, String summary, String rootCause, String status, String author,
			Instant publishedAt, List<Item> items) {
	}

	// POST /api/v1/incidents/{incident_id}/escalate ({severity?, note?}: default one level up)
	record Escalation(UUID incidentId, String severity, String note) {
	}

	record SeverityBefore(UUID incidentId, String from, String to) {
	}

	@Bean
	ActionHandler<PostmortemSave, Snapshot> savePostmortemAction(PostmortemStore postmortems, IncidentStore incidents,
			Clock clock) {
		return new ActionHandler<>() {
			@Override
			public String type() {
				return "postmortem.save";
			}

			@Override
			public Class<PostmortemSave> paramsType() {
				return PostmortemSave.class;
			}

			@Override
			public Class<Snapshot> inverseType() {
				return Snapshot.class;
			}

			@Override
			public ActionTarget prepare(ActionContext context, PostmortemSave p) {
				validate(p);
				return IncidentActions.target(incidents.require(context.workspaceId(), p.incidentId()));
			}

			@Override
			public ActionOutcome<Snapshot> execute(ActionContext context, PostmortemSave p) {
				UUID ws = context.workspaceId();
				incidents.lock(ws, p.incidentId());
				Snapshot before = postmortems.lock(ws, p.incidentId())
					.orElse(new Snapshot(p.incidentId(), false, null, null, null, null, null, List.of()));
				Instant now = clock.instant();
				String status = (p.status() != null) ? p.status() : "draft";
				Instant published = !"published".equals(status) ? null
						: (before.publishedAt() != null) ? before.publishedAt() : now;
				List<Item> items = normalised(p.actionItems());
				UUID id = postmortems.save(ws, p.incidentId(), status, p.summary(), p.rootCause(),
						(before.author() != null) ? before.author() : context.actorSubject(), published, items);
				incidents.event(ws, p.incidentId(), "postmortem_" + status,
						"Postmortem " + status.replace('_', ' ') + " (" + items.size() + " action items)",
						context.actorSubject(), Map.of("action_id", context.actionId().toString()), now);
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("postmortem_id", id.toString());
				result.put("incident_id", p.incidentId().toString());
				result.put("status", status);
				result.put("action_items", items.size());
				return ActionOutcome.of(result, before);
			}

			@Override
			public Object revert(ActionContext context, Snapshot inverse) {
				UUID ws = context.workspaceId();
				incidents.lock(ws, inverse.incidentId());
				postmortems.lock(ws, inverse.incidentId());
				if (!inverse.existed()) {
					postmortems.delete(ws, inverse.incidentId());
					return Map.of("incident_id", inverse.incidentId().toString(), "deleted", true);
				}
				postmortems.save(ws, inverse.incidentId(), inverse.status(), inverse.summary(), inverse.rootCause(),
						inverse.author(), inverse.publishedAt(), inverse.items());
				return Map.of("incident_id", inverse.incidentId().toString(), "status", inverse.status());
			}
		};
	}

	@Bean
	ActionHandler<Escalation, SeverityBefore> escalateIncidentAction(IncidentStore incidents, Clock clock) {
		return new ActionHandler<>() {
			@Override
			public String type() {
				return "incident.escalate";
			}

			@Override
			public Class<Escalation> paramsType() {
				return Escalation.class;
			}

			@Override
			public Class<SeverityBefore> inverseType() {
				return SeverityBefore.class;
			}

			@Override
			public ActionTarget prepare(ActionContext context, Escalation p) {
				IncidentState s = incidents.require(context.workspaceId(), p.incidentId());
				target(s, p);
				return IncidentActions.target(s);
			}

			@Override
			public ActionOutcome<SeverityBefore> execute(ActionContext context, Escalation p) {
				UUID ws = context.workspaceId();
				IncidentState s = incidents.lock(ws, p.incidentId());
				String to = target(s, p);
				incidents.setSeverity(ws, p.incidentId(), to);
				incidents.event(ws, p.incidentId(), "escalated",
						"Escalated " + s.severity() + " → " + to + ((p.note() != null) ? ": " + p.note() : ""),
						context.actorSubject(), Map.of("action_id", context.actionId().toString(), "from", s.severity(),
								"to", to),
						clock.instant());
				return ActionOutcome.of(Map.of("incident_id", p.incidentId().toString(), "severity", to,
						"previous_severity", s.severity()), new SeverityBefore(p.incidentId(), s.severity(), to));
			}

			@Override
			public Object revert(ActionContext context, SeverityBefore inverse) {
				UUID ws = context.workspaceId();
				IncidentState s = incidents.lock(ws, inverse.incidentId());
				if (!inverse.to().equals(s.severity())) {
					throw new ApiException(ErrorCode.CONFLICT, "The incident's severity changed to " + s.severity()
							+ " since; undo the later change first", Map.of("severity", s.severity()));
				}
				incidents.setSeverity(ws, inverse.incidentId(), inverse.from());
				incidents.event(ws, inverse.incidentId(), "reverted",
						"Back to " + inverse.from() + " (undo of incident.escalate)", context.actorSubject(),
						Map.of("action_id", context.actionId().toString()), clock.instant());
				return Map.of("incident_id", inverse.incidentId().toString(), "severity", inverse.from());
			}
		};
	}

	/** The severity an escalation moves to: the one asked for (more severe than now), else one level up. */
	static String target(IncidentState s, Escalation p) {
		if (List.of("resolved", "closed").contains(s.status())) {
			throw new ApiException(ErrorCode.CONFLICT, "A " + s.status() + " incident cannot be escalated",
					Map.of("incident_id", s.incidentId().toString(), "status", s.status()));
		}
		int now = IncidentActions.SEVERITIES.indexOf(s.severity());
		if (p.severity() != null) {
			int asked = IncidentActions.SEVERITIES.indexOf(p.severity());
			if (asked < 0) {
				throw ApiException.validation("severity", "must be one of the severities", IncidentActions.SEVERITIES);
			}
			if (asked >= now) {
				throw ApiException.validation("severity", "must be more severe than the incident's " + s.severity());
			}
			return p.severity();
		}
		if (now == 0) {
			throw new ApiException(ErrorCode.CONFLICT, "The incident is already sev1",
					Map.of("incident_id", s.incidentId().toString(), "severity", s.severity()));
		}
		return IncidentActions.SEVERITIES.get(now - 1);
	}

	static void validate(PostmortemSave p) {
		if (p.status() != null && !STATUSES.contains(p.status())) {
			throw ApiException.validation("status", "must be one of the postmortem statuses", STATUSES);
		}
		if (p.summary() != null && p.summary().length() > 20_000) {
			throw ApiException.validation("summary", "must be at most 20000 characters");
		}
		if (p.rootCause() != null && p.rootCause().length() > 20_000) {
			throw ApiException.validation("root_cause", "must be at most 20000 characters");
		}
		if ("published".equals(p.status()) && (p.summary() == null || p.summary().isBlank()
				|| p.rootCause() == null || p.rootCause().isBlank())) {
			throw ApiException.validation((p.summary() == null || p.summary().isBlank()) ? "summary" : "root_cause",
					"is required to publish a postmortem");
		}
		List<Item> items = (p.actionItems() != null) ? p.actionItems() : List.of();
		if (items.size() > MAX_ITEMS) {
			throw ApiException.validation("action_items", "at most " + MAX_ITEMS + " action items");
		}
		for (int i = 0; i < items.size(); i++) {
			Item it = items.get(i);
			String f = "action_items[" + i + "]";
			if (it == null || it.title() == null || it.title().isBlank() || it.title().length() > 300) {
				throw ApiException.validation(f + ".title", "must be 1 to 300 characters");
			}
			if (it.owner() != null && it.owner().length() > 255) {
				throw ApiException.validation(f + ".owner", "must be at most 255 characters");
			}
			if (it.status() != null && !List.of("open", "done").contains(it.status())) {
				throw ApiException.validation(f + ".status", "must be open or done", List.of("open", "done"));
			}
			if (it.dueDate() != null) {
				try {
					LocalDate.parse(it.dueDate());
				}
				catch (DateTimeParseException ex) {
					throw ApiException.validation(f + ".due_date", "must be a date (YYYY-MM-DD)");
				}
			}
		}
	}

	private static List<Item> normalised(List<Item> items) {
		List<Item> out = new ArrayList<>();
		for (Item it : (items != null) ? items : List.<Item>of()) {
			out.add(new Item(it.title().trim(), (it.owner() != null && !it.owner().isBlank()) ? it.owner().trim() : null,
					(it.status() != null) ? it.status() : "open", it.dueDate()));
		}
		return out;
	}

}
