package com.agentobs.alert.engine;

import java.time.Clock;
import java.util.UUID;

import com.agentobs.alert.rules.AlertRule;
import com.agentobs.alert.rules.RuleRequest;
import com.agentobs.alert.slo.Slo;
import com.agentobs.alert.slo.SloStore;
import com.agentobs.alert.system.Ids;
import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/alert-rules/preview?days=} (operator): replays an unsaved rule (the create body) over
 * the past days; nothing is written. It sits with the evaluator it replays so rules never depend on the engine.
 */
@RestController
class RulePreviewController {

	private final RulePreview preview;

	private final WorkspaceTransactions transactions;

	private final SloStore slos;

	private final Clock clock;

	RulePreviewController(RulePreview preview, WorkspaceTransactions transactions, SloStore slos, Clock clock) {
		this.preview = preview;
		this.transactions = transactions;
		this.slos = slos;
		this.clock = clock;
	}

	@PostMapping("/api/v1/alert-rules/preview")
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
		return ApiResponse.of(result, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

}
