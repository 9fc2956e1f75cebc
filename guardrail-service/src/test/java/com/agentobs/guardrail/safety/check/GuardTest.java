package com.agentobs.guardrail.safety.check;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.agentobs.guardrail.safety.detect.Detectors;
import com.agentobs.guardrail.safety.policy.GuardrailPolicy;
import com.agentobs.guardrail.safety.policy.PolicyConfig;
import com.agentobs.guardrail.safety.policy.PolicyScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fail mode: a text the detectors could not look at whole (longer than they scan) is blocked when
 * a policy covering the agent fails closed, and answered on what was scanned when it fails open or
 * covers another agent.
 */
class GuardTest {

	private static final String AGENT = "support-bot-1";

	/** Clean text longer than the detectors scan, with an e-mail address in the unscanned tail. */
	private static final String LONG = "a".repeat(Detectors.MAX_SCAN_CHARS) + " mail jane.doe@example.com";

	@Test
	void textNotScannedWhole_isBlocked_whenACoveringPolicyFailsClosed() {
		Guard.Decision decision = Guard.decide(snapshot(policy("closed", PolicyScope.ALL)), AGENT, LONG);
		assertThat(decision.decision()).isEqualTo("block");
		assertThat(decision.scanComplete()).isFalse();
		assertThat(decision.findings()).isEmpty();
	}

	@Test
	void textNotScannedWhole_isAnsweredOnWhatWasScanned_whenPoliciesFailOpen_orCoverOtherAgents() {
		assertThat(Guard.decide(snapshot(policy("open", PolicyScope.ALL)), AGENT, LONG).decision()).isEqualTo("allow");
		PolicyScope other = new PolicyScope(List.of(), List.of("another-agent"), List.of());
		assertThat(Guard.decide(snapshot(policy("closed", other)), AGENT, LONG).decision()).isEqualTo("allow");
	}

	@Test
	void textScannedWhole_isNotBlockedByAClosedFailMode() {
		Guard.Decision decision = Guard.decide(snapshot(policy("closed", PolicyScope.ALL)), AGENT, "hello there");
		assertThat(decision.decision()).isEqualTo("allow");
		assertThat(decision.scanComplete()).isTrue();
	}

	private static SafetySnapshots.Snapshot snapshot(GuardrailPolicy policy) {
		return new SafetySnapshots.Snapshot(List.of(policy), Detectors.of(List.of(), Set.of()),
				Map.of(AGENT, new SafetySnapshots.AgentProfile(AGENT, "support", "production", false)));
	}

	private static GuardrailPolicy policy(String failMode, PolicyScope scope) {
		return new GuardrailPolicy(UUID.randomUUID(), "pii", null, "pii", "monitor", failMode, PolicyConfig.EMPTY, scope,
				true, 1, "admin@example.com", Instant.now(), Instant.now());
	}

}
