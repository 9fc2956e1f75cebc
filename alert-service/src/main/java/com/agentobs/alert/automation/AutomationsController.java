package com.agentobs.alert.automation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.alert.system.Ids;
import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionResponses;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.filter.TimeRange;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import com.agentobs.contracts.web.FilterDefaults;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Automations tab: playbooks, executions, the schedule calendar, the charts, and the playbook actions. */
@RestController
class AutomationsController {

	private static final String UUID_PATTERN = "[0-9a-fA-F-]{36}";

	private final PlaybookStore playbooks;

	private final ExecutionStore executions;

	private final AutomationReads reads;

	private final StepCatalog catalog;

	private final ActionRunner actions;

	private final WorkspaceTransactions transactions;

	private final AutomationWorker worker;

	private final Clock clock;

	AutomationsController(PlaybookStore playbooks, ExecutionStore executions, AutomationReads reads,
			StepCatalog catalog, ActionRunner actions, WorkspaceTransactions transactions, AutomationWorker worker,
			Clock clock) {
		this.playbooks = playbooks;
		this.executions = executions;
		this.reads = reads;
		this.catalog = catalog;
		this.actions = actions;
		this.transactions = transactions;
		this.worker = worker;
		this.clock = clock;
	}

	// GET /api/v1/playbooks?trigger_type=&enabled=&search=&range=&page=&limit=
	@GetMapping("/api/v1/playbooks")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<AutomationViews.PlaybookItem>> list(
			@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(name = "trigger_type", required = false) String trigger,
			@RequestParam(name = "enabled", required = false) String enabled,
			@RequestParam(name = "search", required = false) String search, Caller caller) {
		long started = System.nanoTime();
		if (trigger != null && !PlaybookDefinition.TRIGGERS.contains(trigger)) {
			throw ApiException.validation("trigger_type", "must be one of the trigger types", PlaybookDefinition.TRIGGERS);
		}
		Boolean on = parseBoolean("enabled", enabled);
		String text = (search != null && !search.isBlank()) ? search.strip() : null;
		if (text != null && text.length() > 200) {
			throw ApiException.validation("search", "must be at most 200 characters");
		}
		UUID ws = caller.workspaceId();
		Object[] page = this.transactions.inWorkspace(ws, () -> new Object[] {
				this.reads.items(ws, this.playbooks.list(ws, trigger, on, text, filters.limit(), filters.offset()),
						filters.from(), filters.to()),
				this.playbooks.count(ws, trigger, on, text) });
		@SuppressWarnings("unchecked")
		List<AutomationViews.PlaybookItem> items = (List<AutomationViews.PlaybookItem>) page[0];
		Map<String, Object> applied = new LinkedHashMap<>(filters.withWorkspace(ws).applied());
		applied.put("trigger_type", trigger);
		applied.put("enabled", on);
		applied.put("search", text);
		return ApiResponse.of(items,
				ResponseMeta.page(ResponseMeta.millisSince(started), false, (Long) page[1], filters.page(), filters.limit()),
				applied);
	}

	// GET /api/v1/playbooks/{playbook_id}
	@GetMapping("/api/v1/playbooks/{playbook_id:" + UUID_PATTERN + "}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<AutomationViews.PlaybookDetail> detail(@PathVariable("playbook_id") String playbookId, Caller caller) {
		long started = System.nanoTime();
		UUID id = Ids.uuid("playbook_id", playbookId);
		UUID ws = caller.workspaceId();
		Instant now = this.clock.instant();
		AutomationViews.PlaybookDetail detail = this.transactions.inWorkspace(ws, () -> this.playbooks.find(ws, id)
			.map((p) -> new AutomationViews.PlaybookDetail(p, this.reads.versions(ws, id), this.executions.list(ws, id,
					null, null, null, now.minus(Duration.ofDays(365)), now.plusSeconds(1), 20, 0)))
			.orElseThrow(() -> ApiException.notFound("playbook", id.toString())));
		return ApiResponse.of(detail, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// GET /api/v1/playbooks/action-types: what a step may run
	@GetMapping("/api/v1/playbooks/action-types")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Map<String, Object>>> actionTypes(Caller caller) {
		long started = System.nanoTime();
		List<Map<String, Object>> types = this.catalog.types().stream().map((t) -> {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("action_type", t);
			item.put("owner_service", this.catalog.owner(t));
			StepCatalog.Remote remote = this.catalog.remote(t);
			item.put("required_params", (remote != null) ? remote.pathParams() : List.of());
			return item;
		}).toList();
		return ApiResponse.of(types, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// GET /api/v1/playbooks/executions?playbook_id=&status=&trigger_source=&mode=&range=&page=&limit=
	@GetMapping("/api/v1/playbooks/executions")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<Execution>> executions(@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			@RequestParam(name = "playbook_id", required = false) String playbookId,
			@RequestParam(name = "status", required = false) String status,
			@RequestParam(name = "trigger_source", required = false) String source,
			@RequestParam(name = "mode", required = false) String mode, Caller caller) {
		long started = System.nanoTime();
		UUID playbook = (playbookId != null) ? Ids.uuid("playbook_id", playbookId) : null;
		if (status != null && !Execution.STATUSES.contains(status)) {
			throw ApiException.validation("status", "must be an execution status", Execution.STATUSES);
		}
		if (source != null && !PlaybookDefinition.TRIGGERS.contains(source)) {
			throw ApiException.validation("trigger_source", "must be one of the trigger types",
					PlaybookDefinition.TRIGGERS);
		}
		if (mode != null && !List.of("live", "dry_run").contains(mode)) {
			throw ApiException.validation("mode", "must be live or dry_run", List.of("live", "dry_run"));
		}
		UUID ws = caller.workspaceId();
		Object[] page = this.transactions.inWorkspace(ws,
				() -> new Object[] {
						this.executions.list(ws, playbook, status, source, mode, filters.from(), filters.to(),
								filters.limit(), filters.offset()),
						this.executions.count(ws, playbook, status, source, mode, filters.from(), filters.to()) });
		@SuppressWarnings("unchecked")
		List<Execution> items = (List<Execution>) page[0];
		Map<String, Object> applied = new LinkedHashMap<>(filters.withWorkspace(ws).applied());
		applied.put("playbook_id", playbook);
		applied.put("status", status);
		applied.put("trigger_source", source);
		applied.put("mode", mode);
		return ApiResponse.of(items,
				ResponseMeta.page(ResponseMeta.millisSince(started), false, (Long) page[1], filters.page(), filters.limit()),
				applied);
	}

	// GET /api/v1/playbooks/executions/{execution_id}: with its steps and their logs
	@GetMapping("/api/v1/playbooks/executions/{execution_id:" + UUID_PATTERN + "}")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Execution> execution(@PathVariable("execution_id") String executionId, Caller caller) {
		long started = System.nanoTime();
		UUID id = Ids.uuid("execution_id", executionId);
		UUID ws = caller.workspaceId();
		Execution e = this.transactions.inWorkspace(ws,
				() -> this.executions.find(ws, id).map((x) -> x.withSteps(this.executions.steps(ws, id))))
			.orElseThrow(() -> ApiException.notFound("playbook execution", id.toString()));
		return ApiResponse.of(e, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// GET /api/v1/playbooks/schedule?days=7: runs of the last days and the coming ones
	@GetMapping("/api/v1/playbooks/schedule")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<AutomationViews.ScheduledRun>> schedule(
			@RequestParam(name = "days", required = false, defaultValue = "7") String days, Caller caller) {
		long started = System.nanoTime();
		int n;
		try {
			n = Integer.parseInt(days);
		}
		catch (NumberFormatException ex) {
			throw ApiException.validation("days", "must be 1 to 31");
		}
		if (n < 1 || n > 31) {
			throw ApiException.validation("days", "must be 1 to 31");
		}
		UUID ws = caller.workspaceId();
		Instant now = this.clock.instant();
		List<AutomationViews.ScheduledRun> runs = this.transactions.inWorkspace(ws,
				() -> this.reads.schedule(ws, now.minus(Duration.ofDays(n)), now, now.plus(Duration.ofDays(n))));
		return ApiResponse.of(runs, ResponseMeta.single(ResponseMeta.millisSince(started), false), Map.of("days", n));
	}

	// GET /api/v1/automations/overview?range=: KPIs and charts 11.1, 11.2, 11.4–11.7
	@GetMapping("/api/v1/automations/overview")
	@RequiresRole(Role.VIEWER)
	ApiResponse<AutomationViews.Overview> overview(@FilterDefaults(range = TimeRange.LAST_30D) StandardFilters filters,
			Caller caller) {
		long started = System.nanoTime();
		UUID ws = caller.workspaceId();
		AutomationViews.Overview overview = this.transactions.inWorkspace(ws,
				() -> this.reads.overview(ws, filters.from(), filters.to()));
		return ApiResponse.of(overview, ResponseMeta.single(ResponseMeta.millisSince(started), false)
			.withExtra("engineer_hours_note", AutomationReads.MANUAL_MINUTES_PER_RUN
					+ " minutes of manual work per successful run"),
				filters.withWorkspace(ws).applied());
	}

	// POST /api/v1/playbooks (playbook.create)
	@PostMapping("/api/v1/playbooks")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody PlaybookDefinition body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, "playbook.create", body, key), started);
	}

	// PUT /api/v1/playbooks/{playbook_id} (playbook.update: a new version)
	@PutMapping("/api/v1/playbooks/{playbook_id}")
	@RequiresRole(Role.ADMIN)
	ResponseEntity<ApiResponse<ActionRecord>> update(@PathVariable("playbook_id") String playbookId,
			@RequestBody PlaybookDefinition body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		UUID id = Ids.uuid("playbook_id", playbookId);
		return ActionResponses.created(
				this.actions.run(caller, "playbook.update", new PlaybookActions.Update(id, body), key), started);
	}

	record RunRequest(Map<String, Object> event) {
	}

	// POST /api/v1/playbooks/{playbook_id}/{enable|disable|run|dry-run}
	@PostMapping("/api/v1/playbooks/{playbook_id}/{verb}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> change(@PathVariable("playbook_id") String playbookId,
			@PathVariable("verb") String verb, @RequestBody(required = false) RunRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		UUID id = Ids.uuid("playbook_id", playbookId);
		ActionRecord record = switch (verb) {
			case "enable" -> this.actions.run(caller, "playbook.enable", new PlaybookActions.PlaybookRef(id), key);
			case "disable" -> this.actions.run(caller, "playbook.disable", new PlaybookActions.PlaybookRef(id), key);
			case "dry-run" -> this.actions.run(caller, "playbook.dry_run", new PlaybookActions.PlaybookRef(id), key);
			case "run" -> {
				ActionRecord run = this.actions.run(caller, "playbook.run",
						new PlaybookActions.Run(id, (body != null) ? body.event() : null), key);
				this.worker.kick(caller.workspaceId());
				yield run;
			}
			default -> throw ApiException.notFound("playbook action", verb);
		};
		return ActionResponses.created(record, started);
	}

	record ExecutionRequest(String note) {
	}

	// POST /api/v1/playbooks/executions/{execution_id}/{approve|cancel}
	@PostMapping("/api/v1/playbooks/executions/{execution_id}/{verb}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> executionChange(@PathVariable("execution_id") String executionId,
			@PathVariable("verb") String verb, @RequestBody(required = false) ExecutionRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		UUID id = Ids.uuid("execution_id", executionId);
		String note = (body != null) ? body.note() : null;
		if (note != null && note.length() > 2000) {
			throw ApiException.validation("note", "must be at most 2000 characters");
		}
		ActionRecord record = switch (verb) {
			case "approve" -> {
				ActionRecord approved = this.actions.run(caller, "execution.approve_step",
						new PlaybookActions.ExecutionRef(id, note), key);
				this.worker.kick(caller.workspaceId());
				yield approved;
			}
			case "cancel" -> this.actions.run(caller, "execution.cancel", new PlaybookActions.ExecutionRef(id, note),
					key);
			default -> throw ApiException.notFound("execution action", verb);
		};
		return ActionResponses.created(record, started);
	}

	private static Boolean parseBoolean(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return switch (value) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw ApiException.validation(field, "must be true or false");
		};
	}

}
