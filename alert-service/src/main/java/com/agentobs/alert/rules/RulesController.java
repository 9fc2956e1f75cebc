package com.agentobs.alert.rules;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.agentobs.alert.engine.RulePreview;
import com.agentobs.alert.slo.Slo;
import com.agentobs.alert.slo.SloStore;

import com.agentobs.alert.system.ActionResponses;
import com.agentobs.alert.system.Ids;
import com.agentobs.contracts.action.ActionRecord;
import com.agentobs.contracts.action.ActionRunner;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alert rules: list (viewer), preview (operator; writes nothing), create and delete as actions (operator). */
@RestController
@RequestMapping("/api/v1/alert-rules")
class RulesController {

	private final RuleStore rules;

	private final ActionRunner actions;

	private final WorkspaceTransactions transactions;

	private final SloStore slos;

	private final RulePreview preview;

	private final Clock clock;

	RulesController(RuleStore rules, ActionRunner actions, WorkspaceTransactions transactions, SloStore slos,
			RulePreview preview, Clock clock) {
		this.rules = rules;
		this.actions = actions;
		this.transactions = transactions;
		this.slos = slos;
		this.preview = preview;
		this.clock = clock;
	}

	// POST /api/v1/alert-rules/preview?days= (the create body; nothing is saved)
	@PostMapping("/preview")
	@RequiresRole(Role.OPERATOR)
	ApiResponse<RulePreview.Result> preview(@RequestBody RuleRequest body,
			@RequestParam(name = "days", defaultValue = "7") String days, Caller caller) {
		long started = System.nanoTime();
		int n;
		try {
			n = Integer.parseInt(days);
		}
		catch (NumberFormatException ex) {
			throw ApiException.validation("days", "must be a whole number of days from 1 to 30");
		}
		if (n < 1 || n > 30) {
			throw ApiException.validation("days", "must be a whole number of days from 1 to 30");
		}
		UUID ws = caller.workspaceId();
		RulePreview.Result result = this.transactions.inWorkspace(ws, () -> {
			Slo slo = null;
			if (body.sloId() != null) {
				UUID sloId = Ids.uuid("slo_id", body.sloId());
				slo = this.slos.find(ws, sloId).orElseThrow(() -> ApiException.notFound("slo", sloId.toString()));
			}
			AlertRule rule = body.toRule(slo, caller.subject());
			return this.preview.replay(ws, rule, slo, this.clock.instant(), n);
		});
		return ApiResponse.of(result, ResponseMeta.single(Ids.millisSince(started), false));
	}

	// GET /api/v1/alert-rules
	@GetMapping
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<AlertRule>> list(Caller caller) {
		long started = System.nanoTime();
		List<AlertRule> list = this.transactions.inWorkspace(caller.workspaceId(),
				() -> this.rules.active(caller.workspaceId()));
		return ApiResponse.of(list, ResponseMeta.page(Ids.millisSince(started), false, list.size(), 1,
				Math.max(list.size(), 1)));
	}

	// POST /api/v1/alert-rules (alert_rule.create)
	@PostMapping
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> create(@RequestBody RuleRequest body,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, CreateRuleAction.TYPE, body, key), started);
	}

	// DELETE /api/v1/alert-rules/{rule_id} (alert_rule.delete)
	@DeleteMapping("/{rule_id}")
	@RequiresRole(Role.OPERATOR)
	ResponseEntity<ApiResponse<ActionRecord>> delete(@PathVariable("rule_id") String ruleId,
			@RequestHeader(value = ActionRunner.IDEMPOTENCY_KEY_HEADER, required = false) String key, Caller caller) {
		long started = System.nanoTime();
		return ActionResponses.created(this.actions.run(caller, DeleteRuleAction.TYPE,
				new DeleteRuleAction.RuleRef(Ids.uuid("rule_id", ruleId)), key), started);
	}

}
